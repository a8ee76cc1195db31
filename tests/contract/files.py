"""Realistic leaked files of shapes the sample case does not have, each with the truth its export must give.

Every builder writes one file into a folder and returns the records ``veracity export --what records`` must
hold for it, in file order: ``Expected`` is the contract's locator and values (DESIGN.md "Stable command-line
contract"). People come from ``people.people``: synthetic only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
from docx.enum.text import WD_BREAK
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from .people import Person


@dataclass(frozen=True)
class Expected:
    """One record as the export must give it."""

    person: Person
    source_file: str
    sheet: str
    row: int
    id_number: str
    sex: str
    birth_date: str
    role: str = "leak"

    @property
    def item(self) -> str:
        """The `evidence` item naming this record (sheet left out for a one-table file)."""
        return f"{self.source_file}:{self.sheet}:{self.row}" if self.sheet else f"{self.source_file}:{self.row}"

    def exported(self) -> dict[str, str]:
        return {"source_file": self.source_file, "sheet": self.sheet, "row": str(self.row), "role": self.role,
                "name": self.name, "id_number": self.id_number, "sex": self.sex, "birth_date": self.birth_date}

    @property
    def name(self) -> str:
        return self.person.zh


@dataclass(frozen=True)
class LatinNamed(Expected):
    """A record whose file names the person in Latin (and Arabic) script: ``name`` is the Latin form."""

    @property
    def name(self) -> str:
        return self.person.latin


@dataclass(frozen=True)
class ArabicNamed(Expected):
    """A record whose file names the person in Arabic script only."""

    @property
    def name(self) -> str:
        return self.person.arabic


def excel_serial(day: dt.date) -> int:
    """Days since 1899-12-30, as Excel stores a date.

    >>> excel_serial(dt.date(1985, 3, 14))
    31120
    """
    return (day - dt.date(1899, 12, 30)).days


def workbook(title: str) -> tuple[openpyxl.Workbook, Worksheet]:
    """A new workbook and its first sheet, named TITLE."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = title
    return book, sheet


def wrong_check(number: str) -> str:
    """NUMBER with another check character (a forger's or a typist's error)."""
    return number[:-1] + ("0" if number[-1] != "0" else "1")


# ------------------------------------------------------------------ XLSX: two sheets, two layouts

def karakax_xlsx(folder: Path, ps: Sequence[Person], name: str = "karakax_2019.xlsx") -> list[Expected]:
    """Sheet 喀尔赛乡: title row, two-row merged header, spacer and total rows, three date forms, 男/女.
    Sheet 扎瓦镇: one header row, columns in another order, sex as 1/2, 15- and 18-digit ids, no title.

    ps[0..6] on the first sheet, ps[7..10] on the second; ps[10] carries ps[0]'s number (id.duplicate);
    ps[4]'s check character is wrong (id.checksum); ps[5] is recorded with the other sex (id.sex_mismatch).
    """
    book, a = workbook("喀尔赛乡")
    a.append(["墨玉县喀尔赛乡教培人员名单（2019年3月）"])
    a.merge_cells("A1:J1")
    a.append(["序号", "人员类别", "基本情况", None, None, "公民身份号码", "户号", "收押原因", "收押时间", "处理意见"])
    a.append([None, None, "姓名", "性别", "出生年月", None, None, None, None, None])
    for col in "ABFGHIJ":
        a.merge_cells(f"{col}2:{col}3")
    a.merge_cells("C2:E2")
    a["C2"].alignment = Alignment(horizontal="center")
    p = ps
    born_month = [f"{p[0].born:%Y.%m}", f"{p[1].born.year}年{p[1].born.month}月"]
    rows: list[list[object]] = [
        [1, "学员", p[0].zh, p[0].sex_zh, born_month[0], p[0].id18, "H01", "做礼拜", "2017年5月3日", "继续培训"],
        [2, "家属", p[1].zh, p[1].sex_zh, born_month[1], p[1].id15, "H01", None, None, None],
        [3, "学员", p[2].zh, p[2].sex_zh, dt.datetime.combine(p[2].born, dt.time()), p[2].id18.lower(), "H02",
         "非法出境", "2017.11.2", "已结业"],
        [4, "学员", p[3].zh, p[3].sex_zh, excel_serial(p[3].born),
         f"{p[3].id18[:6]} {p[3].id18[6:14]} {p[3].id18[14:]}", "H03", "戴面纱", "2018-01-15", "继续培训"],
        [None] * 10,
        [5, "学员", p[4].zh, p[4].sex_zh, f"{p[4].born:%Y.%m}", wrong_check(p[4].id18), "H04", "宗教活动",
         "2017年8月", "可以结业"],
        [6, "学员", p[5].zh, "男" if not p[5].male else "女", f"{p[5].born:%Y.%m}", p[5].id18, "H05", "非法出境",
         "2017年9月1日", "判刑"],
        [7, "家属", p[6].zh, p[6].sex_zh, f"{p[6].born.year}年{p[6].born.month}月", p[6].id18, "H05", None, None,
         None],
        ["合计", None, "7人", None, None, None, None, None, None, None],
    ]
    for row in rows:
        a.append(row)
    b = book.create_sheet("扎瓦镇")
    b.append(["身份证号", "姓名", "性别", "出生日期", "现住址", "人员类别", "收押原因", "处理意见"])
    b.append([p[7].id15, p[7].zh, p[7].sex_code, f"{p[7].born:%Y/%-m/%-d}", "扎瓦镇1村", "学员", "上访", "继续培训"])
    b.append([p[8].id18, p[8].zh, p[8].sex_code, f"{p[8].born:%Y/%-m/%-d}", "扎瓦镇2村", "学员", "做礼拜", "已释放"])
    b.append([None] * 8)
    b.append([p[9].id18, p[9].zh, p[9].sex_code, f"{p[9].born:%Y/%-m/%-d}", "扎瓦镇2村", "家属", None, None])
    b.append([p[0].id18, p[10].zh, p[10].sex_code, f"{p[10].born:%Y/%-m/%-d}", "扎瓦镇3村", "学员", "宗教学习",
              "继续培训"])
    book.save(folder / name)
    one, two = "喀尔赛乡", "扎瓦镇"
    return [
        Expected(p[0], name, one, 1, p[0].id18, p[0].sex, f"{p[0].born:%Y-%m}"),
        Expected(p[1], name, one, 2, p[1].id15, p[1].sex, f"{p[1].born:%Y-%m}"),
        Expected(p[2], name, one, 3, p[2].id18, p[2].sex, p[2].born.isoformat()),
        Expected(p[3], name, one, 4, p[3].id18, p[3].sex, p[3].born.isoformat()),
        Expected(p[4], name, one, 6, wrong_check(p[4].id18), p[4].sex, f"{p[4].born:%Y-%m}"),
        Expected(p[5], name, one, 7, p[5].id18, "F" if p[5].male else "M", f"{p[5].born:%Y-%m}"),
        Expected(p[6], name, one, 8, p[6].id18, p[6].sex, f"{p[6].born:%Y-%m}"),
        Expected(p[7], name, two, 1, p[7].id15, p[7].sex, p[7].born.isoformat()),
        Expected(p[8], name, two, 2, p[8].id18, p[8].sex, p[8].born.isoformat()),
        Expected(p[9], name, two, 4, p[9].id18, p[9].sex, p[9].born.isoformat()),
        Expected(p[10], name, two, 5, p[0].id18, p[10].sex, p[10].born.isoformat()),
    ]


# ------------------------------------------------------------------ references and claims (CSV)

def write_csv(path: Path, rows: Sequence[Sequence[object]], encoding: str = "utf-8-sig") -> None:
    """ROWS as Excel writes a CSV: CRLF, every cell with a comma, quote or line break quoted."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))


def relatives_abroad_csv(folder: Path, ps: Sequence[Person], name: str = "testimonies.csv") -> list[Expected]:
    """Relatives abroad naming PS in Latin and Arabic script, one header row, a blank line mid-file."""
    header = ["No.", "Date of testimony", "Witness", "Relation", "Victim (Latin)", "Victim (Uyghur)",
              "Year of birth", "Hometown", "Relatives named", "Testimony"]
    rows: list[list[object]] = [header]
    for k, p in enumerate(ps, start=1):
        if k == 3:
            rows.append([])
        rows.append([k, "2019-11-0" + str(k % 9 + 1), f"Witness {k}", "brother", p.latin, p.arabic, p.born.year,
                     "Qaraqash", "", f"My relative {p.latin} was taken in 2017.\nWe have heard nothing since."])
    write_csv(folder / name, rows)
    out, row = [], 0
    for k, p in enumerate(ps, start=1):
        row += 2 if k == 3 else 1
        out.append(LatinNamed(p, name, "", row, "", "", str(p.born.year), role="reference"))
    return out


CLAIMS_HEADER = ["claim_id", "speaker", "date", "source", "subject_name", "subject_id", "assertion", "value", "quote"]


def claims_csv(folder: Path, claims: Sequence[Sequence[str]], name: str = "claims.csv") -> Path:
    """A claims file: (claim_id, subject_name, subject_id, assertion, value) per claim."""
    rows = [CLAIMS_HEADER] + [[c, "Spokesperson", "2020-02-18", "press conference", n, i, a, v,
                               f"{n}, as everyone knows, is fine"] for c, n, i, a, v in claims]
    write_csv(folder / name, rows, encoding="utf-8")
    return folder / name


# ------------------------------------------------------------------ DOCX: several tables, Uyghur headers

UG_HEADER = ["رەت نومۇرى", "ئىسمى", "جىنسى", "تۇغۇلغان ۋاقتى", "كىملىك نومۇرى", "ئادرېس", "سەۋەبى"]
UG_SEX = {True: "ئەر", False: "ئايال"}


def _docx_table(document: docx.document.Document, rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def uyghur_docx(folder: Path, ps: Sequence[Person], name: str = "قاراقاش_تىزىملىك.docx") -> list[Expected]:
    """Table 1: ps[0..4] under Uyghur headers, names in Arabic script only, a blank row after ps[1];
    table 2 (after a page break) continues it under the header repeated: ps[5..7]; table 3 lists relatives
    (ps[8], ps[9]) under other headers. ps[6]'s number has a wrong check character."""
    document = docx.Document()
    document.add_paragraph("قاراقاش ناھىيىسى تەربىيىلىنىۋاتقانلار تىزىملىكى")

    def row(k: int, p: Person, number: str, reason: str) -> list[str]:
        return [str(k), p.arabic, UG_SEX[p.male], f"{p.born:%Y.%m.%d}", number, "قاراقاش ناھىيىسى", reason]

    first = [UG_HEADER, row(1, ps[0], ps[0].id18, "ناماز"), row(2, ps[1], ps[1].id18, "چۈمبەل"), [""] * 7,
             row(3, ps[2], ps[2].id18, "ناماز"), row(4, ps[3], ps[3].id18, ""), row(5, ps[4], ps[4].id18, "")]
    _docx_table(document, first)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _docx_table(document, [UG_HEADER, row(6, ps[5], ps[5].id18, "ناماز"),
                           row(7, ps[6], wrong_check(ps[6].id18), ""), row(8, ps[7], ps[7].id18, "")])
    document.add_paragraph("ئائىلە تەۋەلىرى")
    _docx_table(document, [["ئىسمى", "مۇناسىۋىتى", "كىملىك نومۇرى", "جىنسى"],
                           [ps[8].arabic, "ئايالى", ps[8].id18, UG_SEX[ps[8].male]],
                           [ps[9].arabic, "ئوغلى", ps[9].id18, UG_SEX[ps[9].male]]])
    document.save(str(folder / name))

    def at(k: int, table: int, row: int, number: str = "", born: bool = True) -> Expected:
        p = ps[k]
        return ArabicNamed(p, name, f"table {table}", row, number or p.id18, p.sex,
                           p.born.isoformat() if born else "")

    return [at(0, 1, 1), at(1, 1, 2), at(2, 1, 4), at(3, 1, 5), at(4, 1, 6),
            at(5, 2, 1), at(6, 2, 2, wrong_check(ps[6].id18)), at(7, 2, 3),
            at(8, 3, 1, born=False), at(9, 3, 2, born=False)]


# ------------------------------------------------------------------ CSV as Excel exports it

def excel_csv(folder: Path, ps: Sequence[Person], name: str = "名单_导出.csv", encoding: str = "utf-8-sig"
              ) -> list[Expected]:
    """UTF-8 with BOM, CRLF, a title line, addresses with commas and line breaks (quoted), a blank line,
    dates as 1985/3/14, a total line. ps[0..5]; ps[3] holds ps[1]'s number (id.duplicate)."""
    rows: list[list[object]] = [["墨玉县普恰克其乡人员名单", "", "", "", "", "", ""],
                                ["序号", "姓名", "性别", "民族", "公民身份号码", "出生日期", "家庭住址"]]
    numbers = [p.id18 for p in ps[:6]]
    numbers[3] = ps[1].id18
    for k, p in enumerate(ps[:6], start=1):
        if k == 4:
            rows.append([])
        rows.append([k, p.zh, p.sex_zh, "维吾尔族", numbers[k - 1], f"{p.born.year}/{p.born.month}/{p.born.day}",
                     address(k)])
    rows.append(["合计", "6人", "", "", "", "", ""])
    write_csv(folder / name, rows, encoding)
    data_rows = [1, 2, 3, 5, 6, 7]
    return [Expected(p, name, "", r, numbers[k], p.sex, p.born.isoformat()) for k, (p, r)
            in enumerate(zip(ps[:6], data_rows, strict=True))]


def address(k: int) -> str:
    """The address ``excel_csv`` writes on its K-th person's row (a comma and a line break in it)."""
    return f"墨玉县普恰克其乡{k}村, {k}组\n{k}号"


def gb18030_register(folder: Path, ps: Sequence[Person], name: str = "户籍登记.csv") -> list[Expected]:
    """A second official register (reference) in GB18030: one header line, 户籍地址, 18-digit numbers."""
    rows: list[list[object]] = [["姓名", "公民身份号码", "性别", "出生日期", "户籍地址"]]
    rows += [[p.zh, p.id18, p.sex_zh, f"{p.born:%Y%m%d}", "新疆墨玉县"] for p in ps]
    write_csv(folder / name, rows, encoding="gb18030")
    return [Expected(p, name, "", k, p.id18, p.sex, p.born.isoformat(), role="reference")
            for k, p in enumerate(ps, start=1)]


# ------------------------------------------------------------------ PDF: one table over several pages

PDF_HEADER = ("序号", "姓名", "性别", "身份证号", "出生日期", "收押原因")


def pdf_register(folder: Path, ps: Sequence[Person], name: str, *, repeat_header: bool) -> list[Expected]:
    """A printed register of all PS (WeasyPrint) over several pages, the header repeated on each page or printed
    once; every third person has a reason (做礼拜); the last person's check character is wrong."""
    from tests.ingest.doc_samples import html_pdf, register_html

    numbers = [p.id18 for p in ps]
    numbers[-1] = wrong_check(numbers[-1])
    rows = [PDF_HEADER] + [(str(k), p.zh, p.sex_zh, n, p.born.isoformat(), "做礼拜" if k % 3 == 0 else "")
                           for k, (p, n) in enumerate(zip(ps, numbers, strict=True), 1)]
    page = register_html(rows, title="墨玉县人员名单")
    if not repeat_header:  # the header as the table's first body row: printed once, on page 1
        page = page.replace("<thead>", "<tbody>").replace("</thead><tbody>", "")
    (folder / name).write_bytes(html_pdf(page))
    return [Expected(p, name, "table 1", k, n, p.sex, p.born.isoformat())
            for k, (p, n) in enumerate(zip(ps, numbers, strict=True), 1)]


# ------------------------------------------------------------------ articles (claims role): quotes

def article_html(folder: Path, p: Person, name: str = "officials_deny.html") -> Path:
    """A news page: navigation, headline and byline around three paragraphs; an official's quotation about P
    in paragraph 2, and in paragraph 3 one by P's brother, attributed by a pronoun after he is introduced."""
    (folder / name).write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Officials deny detentions</title>'
        '<meta property="article:published_time" content="2020-02-20"></head><body><nav><a href="/">Home</a> '
        '<a href="/world">World</a></nav><main><article><h1>Officials deny detentions</h1>'
        '<p class="byline">By A. Reporter</p>'
        "<p>Officials in the county rejected the leaked list on Thursday.</p>"
        f"<p>“{p.latin} has never been to a training centre and lives freely at home,” "
        "a county spokesperson said.</p>"
        f"<p>His brother, who lives abroad, disagreed. “My brother {p.latin} was taken in 2017 and we have not "
        "heard from him,” he said.</p></article></main><footer>© Example Daily</footer></body></html>",
        "utf-8")
    return folder / name


def article_zh(folder: Path, p: Person, name: str = "news_zh.txt") -> Path:
    """A Chinese news text: headline, byline, a spokesman quoted about P (说：“…”), P's brother reported."""
    (folder / name).write_text(
        f"墨玉县官员否认名单内容\n\n本报记者 报道\n\n2月20日，墨玉县政府新闻发言人在发布会上回应了所谓的名单。\n\n"
        f"发言人说：“{p.zh}从未进入职业技能教育培训中心，他现在在家里过着正常的生活。”\n\n"
        f"{p.zh}的哥哥在国外接受采访时表示，他的弟弟2017年被带走，至今没有音讯。\n", "utf-8")
    return folder / name


# ------------------------------------------------------------------ page markers between printed pages

def paged_register(folder: Path, ps: Sequence[Person], name: str) -> list[Expected]:
    """A register pasted together from printed pages (CSV or XLSX by NAME's extension): ps[0..2], a page
    marker 第2页 and the header again, ps[3..4], a marker "- 3 -", ps[5]. Markers and the repeated header are
    counted, never records."""
    header = ["序号", "姓名", "性别", "身份证号"]
    rows: list[list[object]] = [header]
    rows += [[k + 1, p.zh, p.sex_zh, p.id18] for k, p in enumerate(ps[:3])]
    rows += [["第2页"], header]
    rows += [[k + 4, p.zh, p.sex_zh, p.id18] for k, p in enumerate(ps[3:5])]
    rows += [["- 3 -"], [6, ps[5].zh, ps[5].sex_zh, ps[5].id18]]
    sheet = ""
    if name.endswith(".xlsx"):
        book, active = workbook(sheet := "名单")
        for row in rows:
            active.append(row)
        book.save(folder / name)
    else:
        write_csv(folder / name, rows)
    return [Expected(p, name, sheet, r, p.id18, p.sex, "") for p, r in zip(ps[:6], (1, 2, 3, 6, 7, 9), strict=True)]
