"""Legacy .xls workbooks: one table per sheet as for XLSX, read by xlrd in the sandbox, refusals that say why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
import xlwt

from veracity.case import Case
from veracity.errors import InputError
from veracity.ingest.formats import MediaType, ReadResult
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.ingest.table import Row
from veracity.limits import Limits

from .samples import read_all, register_xls, xls_bytes

Put = Callable[[str, bytes], Path]
Read = tuple[ReadResult, list[tuple[str, list[Row]]]]


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Read:
    path = tmp_path_factory.mktemp("xls") / "register.xls"
    path.write_bytes(xls_bytes(register_xls))
    return read_all(path)


def test_each_sheet_is_a_table_as_an_xlsx_sheet_would_be(register: Read) -> None:
    result, tables = register
    assert result.media_type is MediaType.XLS
    assert tables[0] == ("名单", [
        ("2017年墨玉县喀尔赛乡人员名单",) * 4,
        ("户号", "姓名", "出生日期", "备注"),
        ("H001", "买买提·吐尔逊", dt.datetime(1980, 3, 5), "户主"),
        ("H001", "阿依古丽·买买提", dt.datetime(2005, 7, 1), "子女"),
        ("H002", "热依拉·肉孜", dt.datetime(1975, 12, 31), "户主"),
    ])
    assert tables[1] == ("第二页", [("姓名", "性别"), ("古丽米热·托合提", "女")])


def test_a_hidden_sheet_is_read_and_noted(register: Read) -> None:
    result, tables = register
    assert [name for name, _ in tables] == ["名单", "第二页", "说明"]
    assert "sheet '说明' is hidden" in result.notes


def test_numbers_booleans_errors_and_blank_cells_come_as_openpyxl_gives_them(put: Put) -> None:
    def build(book: xlwt.Workbook) -> None:
        sheet = book.add_sheet("s")
        for c, value in enumerate([3.0, 1.5, 6.532241945082912e17, True, xlwt.Formula("1/0")]):
            sheet.write(0, c, value)
        sheet.write(1, 3, "x")
        sheet.write(1, 5, None, xlwt.easyxf("font: bold on"))  # a formatted blank cell after the last value

    _, tables = read_all(put("n.xls", xls_bytes(build)))
    first, second = tables[0][1]
    assert first[:4] == (3, 1.5, 6.532241945082912e17, True) and type(first[0]) is int
    assert second == (None, None, None, "x")


def test_an_xls_register_is_added_with_its_locators(put: Put, case: Case) -> None:
    add_files(case, [put("register.xls", xls_bytes(register_xls))], AddRequest(role="leak"))
    rows = case.con.execute("SELECT sheet, \"row\", name, household, birth_date FROM records "
                            "WHERE sheet = '名单' ORDER BY \"row\"").fetchall()
    assert rows == [("名单", 1, "买买提·吐尔逊", "H001", "1980-03-05"),
                    ("名单", 2, "阿依古丽·买买提", "H001", "2005-07-01"),
                    ("名单", 3, "热依拉·肉孜", "H002", "1975-12-31")]


def test_an_ole2_file_without_a_workbook_is_refused_saying_what_it_may_be(put: Put) -> None:
    data = xls_bytes(register_xls).replace("Workbook".encode("utf-16-le"), "Notebook".encode("utf-16-le"))
    with pytest.raises(InputError, match="an OLE2 file without an Excel workbook .a legacy Word .doc") as caught:
        read_all(put("memo.doc", data))
    assert (caught.value.source, caught.value.place) == ("memo.doc", "workbook")


@pytest.mark.parametrize(("limits", "message", "place"), [
    (Limits(max_rows=3), "more than 3 rows", "sheet '名单' row 4"),
    (Limits(max_cell_chars=10), "a cell longer than 10 characters", "sheet '名单' row 1"),
    (Limits(max_columns=3), "4 columns, more than the limit of 3", "sheet '名单' row 1"),
    (Limits(max_sheets=2), "3 sheets, more than 2", "workbook"),
])
def test_limits_hold_for_xls_as_for_xlsx(put: Put, limits: Limits, message: str, place: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_all(put("register.xls", xls_bytes(register_xls)), limits)
    assert caught.value.place == place


def test_a_truncated_xls_is_one_input_error(put: Put) -> None:
    data = xls_bytes(register_xls)
    with pytest.raises(InputError, match="cannot read the file") as caught:
        read_all(put("cut.xls", data[: len(data) // 2]))
    assert caught.value.source == "cut.xls"
