"""The date a register states in its title rows: the forms read, the one kept, and where each format keeps it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
import xlwt

from veracity.case import Case
from veracity.ingest.pipeline import AddOutcome, AddRequest, add_files
from veracity.ingest.title_date import StatedDate, dates_in, stated_in_titles

from .doc_samples import register, register_pdf
from .opendocument_samples import opendocument_bytes, row, table, text_cell
from .samples import csv_text, docx_bytes, xls_bytes, xlsx_bytes

CASES = [  # a title's text -> the dates it states (ISO at the precision written)
    ("墨玉县教培学员名单（2019年6月）", ["2019-06"]),
    ("截至2019年6月30日", ["2019-06-30"]),
    ("2018年度", ["2018"]),
    ("2019.06 统计", ["2019-06"]),
    ("填报日期：2019年6月5日", ["2019-06-05"]),
    ("填报日期：2019/6/5", ["2019-06-05"]),
    ("二〇一九年六月", ["2019-06"]),
    ("２０１９年６月", ["2019-06"]),
    ("as of 5 June 2019", ["2019-06-05"]),
    ("List of trainees, June 2019", ["2019-06"]),
    ("2019-يىلى 6-ئاي", ["2019-06"]),
    ("2019-يىلى 6-ئاينىڭ 30-كۈنى", ["2019-06-30"]),
    ("Karakax list 2019", ["2019"]),
    ("2017年1月至2019年6月", ["2017-01", "2019-06"]),
    ("墨玉县喀尔赛乡人员名单", []),
    ("1980年以后出生人员名单", []),  # a bound on births, not the list's date
    ("自2017年以来收押人员", []),
    ("编号20190630", []),  # a number, not a date
    ("2019年2月30日", []),  # no such day
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_the_dates_a_title_states(text: str, expected: list[str]) -> None:
    assert [d.iso for d in dates_in(text)] == expected


def test_a_cell_longer_than_a_title_is_read_only_in_its_first_characters() -> None:
    """A hostile file's title cell of megabytes is not scanned whole (a date after the first 1,000 characters is
    not read), and a run of years is read in one pass."""
    assert dates_in("说明" * 500 + "2019年6月") == []
    assert len(dates_in("2019 " * 5000)) == 200


def test_a_day_within_a_stated_year_is_the_more_precise_statement_of_it() -> None:
    stated = stated_in_titles([("墨玉县2019年度学员名单",), ("截至2019年6月30日",)], "名单")
    assert stated == StatedDate("2019-06-30", "2019年6月30日", "名单", 2, "截至2019年6月30日")


def test_a_range_in_a_title_states_its_end() -> None:
    stated = stated_in_titles([("2017年1月至2019年6月收押人员",)], "")
    assert stated is not None and (stated.iso, stated.row) == ("2019-06", 1)


def test_titles_without_a_date_state_none() -> None:
    assert stated_in_titles([("墨玉县喀尔赛乡人员名单",), ()], "名单") is None


# ---------------------------------------------------------------- each format: the title rows above the header

HEADER = ["序号", "姓名", "性别", "年龄"]
DATA = [[1, "买买提·吐尔逊", "男", 34], [2, "阿依古丽·买买提", "女", 29]]


def _stated(case: Case, source_file: str) -> tuple[object, dict[str, object]]:
    iso, where = case.con.execute("SELECT stated_date, CAST(stated_date_at AS VARCHAR) FROM sources "
                                  "WHERE source_file = ?", [source_file]).fetchone() or (None, "null")
    return iso, json.loads(str(where)) if where else {}


def _add(case: Case, path: Path, document_date: str = "") -> AddOutcome:
    [outcome] = add_files(case, [path], AddRequest(role="leak", document_date=document_date))
    return outcome


def _sheet_with_title(book: openpyxl.Workbook) -> None:
    sheet = book.active
    sheet.title = "喀拉喀什镇"
    sheet.append(["墨玉县喀拉喀什镇教培学员情况表（2019年6月）"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(HEADER)
    for data in DATA:
        sheet.append(data)


def test_xlsx_merged_title_states_the_date_at_its_physical_row(case: Case,
                                                               put: Callable[[str, bytes], Path]) -> None:
    outcome = _add(case, put("list.xlsx", xlsx_bytes(_sheet_with_title)))
    assert _stated(case, "list.xlsx") == ("2019-06", {
        "sheet": "喀拉喀什镇", "row": 1, "line": 0, "text": "墨玉县喀拉喀什镇教培学员情况表（2019年6月）",
        "written": "2019年6月", "others": []})
    assert "title row 1 of sheet '喀拉喀什镇' states the date 2019年6月 (2019-06): ages and dates are judged at it" \
        in outcome.notes


def test_xls_title_below_a_blank_row(case: Case, put: Callable[[str, bytes], Path]) -> None:
    def build(book: xlwt.Workbook) -> None:
        sheet = book.add_sheet("名单")
        sheet.write(1, 0, "截至2019年6月30日")
        for r, values in enumerate([HEADER, *DATA], 2):
            for c, value in enumerate(values):
                sheet.write(r, c, value)

    _add(case, put("list.xls", xls_bytes(build)))
    iso, where = _stated(case, "list.xls")
    assert (iso, where["sheet"], where["row"]) == ("2019-06-30", "名单", 2)


def test_ods_title_spanning_the_columns(case: Case, put: Callable[[str, bytes], Path]) -> None:
    rows = [row(text_cell("2019-يىلى 6-ئاي تىزىملىكى", 'table:number-columns-spanned="4"')),
            row(*map(text_cell, HEADER)), *(row(*(text_cell(str(v)) for v in data)) for data in DATA)]
    _add(case, put("list.ods", opendocument_bytes(table("تىزىملىك", rows))))
    iso, where = _stated(case, "list.ods")
    assert (iso, where["sheet"], where["row"], where["written"]) == ("2019-06", "تىزىملىك", 1, "2019-يىلى 6-ئاي")


def test_csv_title_lines_above_the_header(case: Case, put: Callable[[str, bytes], Path]) -> None:
    lines = [["和田地区教培学员名单", "", "", ""], ["填报日期：2019年6月5日", "", "", ""], HEADER,
             *[[str(v) for v in data] for data in DATA]]
    _add(case, put("list.csv", csv_text(lines).encode()))
    iso, where = _stated(case, "list.csv")
    assert (iso, where["sheet"], where["row"], where["text"]) == ("2019-06-05", "", 2, "填报日期：2019年6月5日")


def test_docx_title_row_inside_the_table(case: Case, put: Callable[[str, bytes], Path]) -> None:
    rows = [["as of 5 June 2019"] * 4, HEADER, *[[str(v) for v in data] for data in DATA]]
    _add(case, put("list.docx", docx_bytes([rows])))
    iso, where = _stated(case, "list.docx")
    assert (iso, where["sheet"], where["row"]) == ("2019-06-05", "table 1", 1)


def test_docx_title_paragraph_above_the_table(case: Case, put: Callable[[str, bytes], Path]) -> None:
    def build(document: docx.document.Document) -> None:
        first = document.paragraphs[0]
        first.insert_paragraph_before("墨玉县学员名单")
        first.insert_paragraph_before("填报日期：2019年6月5日")
        first.text = ""

    _add(case, put("titled.docx", docx_bytes([[HEADER, *[[str(v) for v in data] for data in DATA]]], build)))
    iso, where = _stated(case, "titled.docx")
    assert (iso, where["sheet"], where["row"], where["line"], where["text"]) == (
        "2019-06-05", "table 1", 0, 2, "填报日期：2019年6月5日")


def test_pdf_title_line_above_the_table(case: Case, put: Callable[[str, bytes], Path]) -> None:
    _add(case, put("titled.pdf", register_pdf(register(4), title="墨玉县喀尔赛乡培训人员名单（2019年6月）")))
    iso, where = _stated(case, "titled.pdf")
    assert (iso, where["sheet"], where["line"], where["written"]) == ("2019-06", "table 1", 1, "2019年6月")


def test_sheets_stating_different_dates_keep_the_latest_and_name_the_other(
        case: Case, put: Callable[[str, bytes], Path]) -> None:
    def build(book: openpyxl.Workbook) -> None:
        for k, (name, month) in enumerate((("一村", 5), ("二村", 6))):
            sheet = book.active if k == 0 else book.create_sheet()
            sheet.title = name
            sheet.append([f"{name}学员名单（2019年{month}月）"])
            sheet.append(HEADER)
            sheet.append(DATA[k])

    outcome = _add(case, put("two.xlsx", xlsx_bytes(build)))
    iso, where = _stated(case, "two.xlsx")
    assert (iso, where["sheet"], where["others"]) == ("2019-06", "二村", ["2019年5月 (title row 1 of sheet '一村')"])
    assert any("the latest is kept" in note for note in outcome.notes)


def test_a_title_without_a_date_and_a_file_without_a_title_state_none(
        case: Case, put: Callable[[str, bytes], Path]) -> None:
    def build(book: openpyxl.Workbook) -> None:
        book.active.append(["墨玉县喀尔赛乡人员名单"])
        book.active.append(HEADER)
        book.active.append(DATA[0])

    _add(case, put("undated.xlsx", xlsx_bytes(build)))
    _add(case, put("bare.csv", csv_text([HEADER, [str(v) for v in DATA[0]]]).encode()))
    assert [_stated(case, name)[0] for name in ("undated.xlsx", "bare.csv")] == [None, None]


def test_a_document_date_given_is_kept_beside_the_stated_one(case: Case, put: Callable[[str, bytes], Path]) -> None:
    outcome = _add(case, put("list.xlsx", xlsx_bytes(_sheet_with_title)), document_date="2019-06-01")
    assert case.con.execute("SELECT document_date, stated_date FROM sources").fetchall() == [("2019-06-01", "2019-06")]
    assert any(note.endswith("--date 2019-06-01 is used instead") for note in outcome.notes)
