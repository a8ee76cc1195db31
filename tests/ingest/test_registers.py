"""Realistic registers through the command line: `veracity add` then `veracity export --what records`.

Each test builds one register in a style real leaks show (Chinese government forms, English and Uyghur
headers, two-row merged headers, split dates, unlabelled and duplicate columns, summary sheets) and asserts
the exported columns, values and row numbers (DESIGN.md: row 1 is the row after the header's last row;
blank and total rows are counted but not exported; title rows get no number).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from .registers import (
    PEOPLE,
    add_and_export,
    csv_bytes,
    docx_bytes,
    exported,
    person,
    sheet_rows,
    titled_sheet,
    workbook,
)

A, B, C, D = PEOPLE
CORE = ("sheet", "row", "name", "sex", "id_number")


def _karakax(book: openpyxl.Workbook) -> None:
    sheet = titled_sheet(book, "收押人员", "墨玉县喀尔赛乡收押人员花名册", "A1:Q1")
    sheet_rows(sheet, [
        ["填报单位：喀尔赛乡", *[None] * 12, "填报日期：2019年3月"],
        ["序号", "户编号", "姓名", "性别", "民族", "出生年月", "公民身份号码", "与户主关系", "所属乡镇", "所属村",
         "现住址", "收押原因", "收押时间", "处理意见", "宗教信仰", "文化程度", "联系电话"],
        [1, A.household, A.name, A.sex, "维吾尔族", "1975.03", A.id18, A.relation, "喀尔赛乡", "3村",
         "喀尔赛乡3村12号", "宗教极端", "2017年5月3日", "继续培训", "伊斯兰教", "初中", "13912345678"],
        [2, B.household, B.name, B.sex, "维吾尔族", "1978.10", B.id15, B.relation, "喀尔赛乡", "3村",
         "喀尔赛乡3村12号", None, None, None, "伊斯兰教", "小学", "13812345678"],
        [None] * 17,
        [3, C.household, C.name, C.sex, "维吾尔族", "1990.01", C.id18, C.relation, "喀尔赛乡", "4村",
         "喀尔赛乡4村3号", "非法出境", "2017.11.2", "结业", "伊斯兰教", "高中", "0903-1234567"],
        ["合计", None, "3人"],
    ])


def test_a_karakax_style_register_reads_every_column_and_counts_blank_rows(tmp_path: Path) -> None:
    added = add_and_export(tmp_path, "karakax.xlsx", workbook(_karakax))
    keys = (*CORE, "ethnicity", "birth_date", "household", "relation", "locality", "address", "reason",
            "detained_on", "decision")
    assert added.exit_code == 0, added.output
    assert exported(added.records, keys) == [
        person(A, "收押人员", 1, ethnicity="维吾尔族", birth_date="1975-03", household="H0012", relation="户主",
               locality="喀尔赛乡", address="喀尔赛乡3村12号", reason="宗教极端", detained_on="2017-05-03",
               decision="继续培训"),
        person(B, "收押人员", 2, id_number=B.id15, ethnicity="维吾尔族", birth_date="1978-10", household="H0012",
               relation="妻子", locality="喀尔赛乡", address="喀尔赛乡3村12号", reason="", detained_on="",
               decision=""),
        person(C, "收押人员", 4, ethnicity="维吾尔族", birth_date="1990-01", household="H0013", relation="户主",
               locality="喀尔赛乡", address="喀尔赛乡4村3号", reason="非法出境", detained_on="2017-11-02",
               decision="结业"),
    ]


def test_religion_education_and_phone_columns_get_no_field(tmp_path: Path) -> None:
    added = add_and_export(tmp_path, "karakax.xlsx", workbook(_karakax))
    fields = {c["label"]: c["field"] for c in added.tables[0]["columns"]}  # type: ignore[union-attr]
    assert [fields[k] for k in ("宗教信仰", "文化程度", "联系电话", "序号")] == [None, None, None, None]


def _two_row_header(book: openpyxl.Workbook) -> None:
    sheet = titled_sheet(book, "Sheet1", "和田地区墨玉县人员登记表", "A1:J1")
    sheet_rows(sheet, [
        ["序号", "姓 名", "性\n别", "出生日期", None, None, "身份证号码\n（18位）", "年龄（岁）", "家庭住址", "备注"],
        [None, None, None, "年", "月", "日", None, None, None, None],
    ])
    for column in "ABCGHIJ":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("D2:F2")
    sheet_rows(sheet, [
        [1, A.name, A.sex, 1975, 3, 15, A.id18, 42, "墨玉县喀尔赛乡3村", None],
        [2, B.name, B.sex, "1978年", "10月", "5日", B.id18, "39岁", "墨玉县喀尔赛乡3村", None],
        [3, C.name, C.sex, 1990, 2, 30, C.id18, "二十七", "墨玉县喀尔赛乡4村", "无"],
    ])


def test_a_date_in_year_month_and_day_columns_under_a_merged_header_is_one_birth_date(tmp_path: Path) -> None:
    added = add_and_export(tmp_path, "two-row.xlsx", workbook(_two_row_header))
    assert exported(added.records, (*CORE, "birth_date", "age", "address")) == [
        person(A, "Sheet1", 1, birth_date="1975-03-15", age="42", address="墨玉县喀尔赛乡3村"),
        person(B, "Sheet1", 2, birth_date="1978-10-05", age="39", address="墨玉县喀尔赛乡3村"),
        person(C, "Sheet1", 3, birth_date="", age="27", address="墨玉县喀尔赛乡4村"),
    ]


def test_an_impossible_split_date_is_reported_and_its_cells_kept(tmp_path: Path) -> None:
    added = add_and_export(tmp_path, "two-row.xlsx", workbook(_two_row_header))
    assert "1 value kept verbatim but not understood" in " ".join(added.output.split())
    assert added.tables[0]["header_rows"] == "2-3"


def test_header_labels_lose_line_breaks_and_spaces_inside_chinese_text(tmp_path: Path) -> None:
    added = add_and_export(tmp_path, "two-row.xlsx", workbook(_two_row_header))
    labels = [c["label"] for c in added.tables[0]["columns"]]  # type: ignore[union-attr]
    assert labels[:8] == ["序号", "姓名", "性别", "出生日期 年", "出生日期 月", "出生日期 日", "身份证号码（18位）",
                          "年龄（岁）"]


def test_split_date_columns_with_the_part_in_each_label(tmp_path: Path) -> None:
    rows = [["姓名", "性别", "身份证号", "出生年", "出生月", "出生日", "Year of detention", "Month of detention"],
            *([p.name, p.sex, p.id18, p.born.year, p.born.month, p.born.day, 2017, 5] for p in (A, B))]
    added = add_and_export(tmp_path, "parts.csv", csv_bytes(rows))
    assert exported(added.records, (*CORE, "birth_date", "detained_on")) == [
        person(A, "", 1, birth_date="1975-03-15", detained_on="2017-05"),
        person(B, "", 2, birth_date="1978-10-05", detained_on="2017-05"),
    ]


def test_an_english_register_with_written_dates_and_a_blank_row(tmp_path: Path) -> None:
    rows = [
        ["No.", "Full Name", "Gender", "Date of Birth", "ID No.", "Home Address", "Phone", "Household No.",
         "Relationship to head", "Reason for detention", "Date detained", "Remarks"],
        ["1", A.latin, "Male", "15/03/1975", A.id18, "Qaraqash, Village 3", "13912345678", "12", "Head",
         "Religious extremism", "May 3, 2017", ""],
        ["2", B.latin, "Female", "5 Oct 1978", B.id18, "Qaraqash, Village 3", "13812345678", "12", "Wife", "", "", ""],
        [""] * 12,
        ["3", C.latin, "F", "1990-01-25", C.id18, "Qaraqash, Village 4", "", "13", "Head", "Travel abroad",
         "2017-11-02", "none"],
    ]
    added = add_and_export(tmp_path, "english.csv", csv_bytes(rows))
    keys = (*CORE, "birth_date", "household", "relation", "reason", "detained_on")
    assert exported(added.records, keys) == [
        person(A, "", 1, name=A.latin, birth_date="1975-03-15", household="12", relation="Head",
               reason="Religious extremism", detained_on="2017-05-03"),
        person(B, "", 2, name=B.latin, birth_date="1978-10-05", household="12", relation="Wife", reason="",
               detained_on=""),
        person(C, "", 4, name=C.latin, birth_date="1990-01-25", household="13", relation="Head",
               reason="Travel abroad", detained_on="2017-11-02"),
    ]


def test_a_uyghur_register_in_arabic_script(tmp_path: Path) -> None:
    rows = [["رەت نومۇرى", "ئىسمى", "جىنسى", "مىللىتى", "تۇغۇلغان ۋاقتى", "كىملىك نومۇرى", "ئادرېسى", "تېلېفون"],
            *([str(k), p.arabic, "ئەر" if p.sex == "男" else "ئايال", "ئۇيغۇر", p.born.isoformat(), p.id18,
               "قاراقاش", "13912345678"] for k, p in enumerate((A, B), 1))]
    added = add_and_export(tmp_path, "uyghur.csv", csv_bytes(rows))
    assert exported(added.records, (*CORE, "name_arabic", "ethnicity", "birth_date", "address")) == [
        person(p, "", k, name=p.arabic, name_arabic=p.arabic, ethnicity="ئۇيغۇر", birth_date=p.born.isoformat(),
               address="قاراقاش") for k, p in enumerate((A, B), 1)]


def test_a_uyghur_register_in_latin_script(tmp_path: Path) -> None:
    rows = [["Ret nomuri", "Ismi", "Jinsi", "Milliti", "Tughulghan waqti", "Kimlik nomuri", "Adrési", "Yéshi"],
            *([str(k), p.latin, "Er" if p.sex == "男" else "Ayal", "Uyghur", p.born.isoformat(), p.id18, "Qaraqash",
               "40"] for k, p in enumerate((A, B), 1))]
    added = add_and_export(tmp_path, "uly.csv", csv_bytes(rows))
    assert exported(added.records, (*CORE, "name_latin", "ethnicity", "age", "other_id")) == [
        person(p, "", k, name=p.latin, name_latin=p.latin, ethnicity="Uyghur", age="40", other_id="")
        for k, p in enumerate((A, B), 1)]


def _odd_columns(book: openpyxl.Workbook) -> None:
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["编号", "姓名", None, "姓名", "身份证号", None, "出生日期", "手机号码"])
    for k, p in enumerate((A, B, C), 1):
        serial = (p.born - dt.date(1899, 12, 30)).days  # an Excel date stored as a plain number
        sheet.append([k, p.name, p.sex, p.latin, p.id18, f"1391234567{k}", serial, f"1381234567{k}"])


def test_unlabelled_duplicate_and_serial_columns(tmp_path: Path) -> None:
    added = add_and_export(tmp_path, "odd.xlsx", workbook(_odd_columns))
    assert exported(added.records, (*CORE, "name_latin", "birth_date", "other_id")) == [
        person(p, "名单", k, name_latin=p.latin, birth_date=p.born.isoformat(), other_id="")
        for k, p in enumerate((A, B, C), 1)]


def test_a_summary_sheet_is_skipped_and_each_register_sheet_keeps_its_name(tmp_path: Path) -> None:
    def build(book: openpyxl.Workbook) -> None:
        summary = book.active
        summary.title = "汇总"
        sheet_rows(summary, [["乡镇", "户数", "人数", "收押人数"], ["喀尔赛乡", 120, 540, 31], ["合计", 120, 540, 31]])
        for title, people in (("一村", (A, B)), ("二村", (C, D))):
            sheet = book.create_sheet(title)
            sheet_rows(sheet, [["序号", "姓名", "性别", "身份证号"],
                               *([k, p.name, p.sex, p.id18] for k, p in enumerate(people, 1))])

    added = add_and_export(tmp_path, "villages.xlsx", workbook(build))
    assert "sheet '汇总'" in " ".join(added.output.split())
    assert exported(added.records, CORE) == [person(A, "一村", 1), person(B, "一村", 2), person(C, "二村", 1),
                                             person(D, "二村", 2)]


def test_each_table_of_a_word_document_is_numbered_on_its_own(tmp_path: Path) -> None:
    table = [["序号", "姓名", "性别", "公民身份号码"],
             *([str(k), p.name, p.sex, p.id18] for k, p in enumerate((A, B), 1))]
    second = [["姓名", "与户主关系", "身份证号码"], [C.name, "女儿", C.id18], [D.name, "父亲", D.id18]]
    added = add_and_export(tmp_path, "lists.docx", docx_bytes([table, second]))
    assert exported(added.records, ("sheet", "row", "name", "id_number", "relation")) == [
        {"sheet": "table 1", "row": "1", "name": A.name, "id_number": A.id18, "relation": ""},
        {"sheet": "table 1", "row": "2", "name": B.name, "id_number": B.id18, "relation": ""},
        {"sheet": "table 2", "row": "1", "name": C.name, "id_number": C.id18, "relation": "女儿"},
        {"sheet": "table 2", "row": "2", "name": D.name, "id_number": D.id18, "relation": "父亲"},
    ]


DATE_FORMS = ("2017年5月3日", "2017.05.03", "2017/5/3", "20170503", "2017-5-3", "２０１７年５月３日", "42858",
              "3 May 2017", "2017-05-03 00:00:00", "二〇一七年五月三日")


def test_every_written_date_form_in_a_gb18030_register(tmp_path: Path) -> None:
    births = ("1975年3月", "1975.3", "1975-03", "197503", "1975年", "1975", "1975年03月15日", "1975.03.15", "Mar 1975",
              "一九七五年三月十五日")
    rows = [["姓名", "身份证号", "出生日期", "收押时间"],
            *([A.name, A.id18, born, text] for born, text in zip(births, DATE_FORMS, strict=True))]
    added = add_and_export(tmp_path, "dates.csv", csv_bytes(rows, "gb18030"))
    assert [(r["birth_date"], r["detained_on"]) for r in added.records] == [
        ("1975-03", "2017-05-03"), ("1975-03", "2017-05-03"), ("1975-03", "2017-05-03"), ("1975-03", "2017-05-03"),
        ("1975", "2017-05-03"), ("1975", "2017-05-03"), ("1975-03-15", "2017-05-03"), ("1975-03-15", "2017-05-03"),
        ("1975-03", "2017-05-03"), ("1975-03-15", "2017-05-03")]


def test_map_none_keeps_a_column_out_of_every_field(tmp_path: Path) -> None:
    rows = [["姓名", "身份证号", "备用号码"], *([p.name, p.id18, p.id18] for p in (A, B))]
    options = ["--map", "身份证号=none", "--map", "备用号码=other_id"]
    added = add_and_export(tmp_path, "ids.csv", csv_bytes(rows), options)
    assert exported(added.records, ("name", "id_number", "other_id")) == [
        {"name": p.name, "id_number": "", "other_id": p.id18} for p in (A, B)]


def test_map_with_an_unknown_field_exits_2_naming_the_column(tmp_path: Path) -> None:
    rows = [["姓名", "身份证号"], [A.name, A.id18]]
    added = add_and_export(tmp_path, "ids.csv", csv_bytes(rows), ["--map", "身份证号=passport"])
    assert added.exit_code == 2
    assert "column '身份证号': unknown field 'passport'" in " ".join(added.output.split())
    assert added.records == []


def test_map_of_a_column_the_file_lacks_exits_2_naming_it(tmp_path: Path) -> None:
    rows = [["姓名", "身份证号"], [A.name, A.id18]]
    added = add_and_export(tmp_path, "ids.csv", csv_bytes(rows), ["--map", "电话=none"])
    assert added.exit_code == 2
    assert "no column '电话'" in " ".join(added.output.split())


def test_footer_lines_relatives_names_and_apostrophe_ids(tmp_path: Path) -> None:
    rows = [["附件2"], ["墨玉县收押人员名单"],
            ["序号", "被收押人", "父亲姓名", "性别", "身份证号", "收押原因"],
            ["1", A.name, "吐尔逊·托合提", A.sex, f"'{A.id18}", "宗教极端"],
            ["2", B.name, "买买提·肉孜", B.sex, f"{B.id18} ", "非法出境"],
            ["注：以上人员均已收押", "", "", "", "", ""],
            ["3", C.name, "肉孜·艾买提", C.sex, C.id18, ""],
            ["制表人：张三", "", "审核人：李四", "", "", "制表日期：2019年3月5日"]]
    added = add_and_export(tmp_path, "footer.csv", csv_bytes(rows))
    assert exported(added.records, (*CORE, "reason")) == [
        person(A, "", 1, reason="宗教极端"), person(B, "", 2, reason="非法出境"), person(C, "", 4, reason="")]


def test_an_identity_number_typed_as_a_number_is_not_read_and_says_its_digits_are_lost(tmp_path: Path) -> None:
    """The sheet stores a float: its last digits are not the number's, and a check character read from them would
    look forged (id.checksum). No number is read, and the add says a value was kept verbatim (value.id_unparsed)."""
    def build(book: openpyxl.Workbook) -> None:
        sheet_rows(book.active, [["姓名", "身份证号"], [A.name, int(A.id18)]])

    added = add_and_export(tmp_path, "numbers.xlsx", workbook(build))
    assert added.records[0]["id_number"] == ""
    assert "1 value kept verbatim but not understood" in " ".join(added.output.split())


def test_sex_codes_are_read_in_a_sex_column_and_never_sniffed(tmp_path: Path) -> None:
    rows = [["姓名", "性别", "身份证号", "家庭人口"],
            *([p.name, "1" if p.sex == "男" else "2", p.id18, "2"] for p in (A, B, C))]
    added = add_and_export(tmp_path, "codes.csv", csv_bytes(rows))
    assert exported(added.records, CORE) == [person(p, "", k) for k, p in enumerate((A, B, C), 1)]
    fields = {c["label"]: c["field"] for c in added.tables[0]["columns"]}  # type: ignore[union-attr]
    assert fields["家庭人口"] is None


@pytest.mark.parametrize(("name", "born", "iso"), [
    ("day-first.csv", ["15/03/1975", "05/10/1978", "25/01/1990"], ["1975-03-15", "1978-10-05", "1990-01-25"]),
    ("month-first.csv", ["03/15/1975", "10/05/1978", "01/25/1990"], ["1975-03-15", "1978-10-05", "1990-01-25"]),
    ("both.csv", ["15/03/1975", "10/05/1978", "01/25/1990"], ["1975-03-15", None, "1990-01-25"]),
])
def test_ambiguous_year_last_dates_are_read_in_the_order_their_column_shows(tmp_path: Path, name: str,
                                                                             born: list[str],
                                                                             iso: list[str | None]) -> None:
    """A testimony sheet in day-month-year: 05/10/1978 is 5 October because 15/03/1975 can only be day
    first (and 10 May in a sheet that writes 03/15/1975); a column that shows both orders reads each
    date on its own, an ambiguous one not at all (reported)."""
    rows = [["Name", "Gender", "Date of birth"], *([p.latin, "M", b] for p, b in zip((A, B, C), born, strict=True))]
    added = add_and_export(tmp_path, name, csv_bytes(rows))
    assert [r["birth_date"] or None for r in added.records] == iso
