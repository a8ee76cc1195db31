"""XLSX: one table per sheet, merged ranges filled, Excel dates kept, limits and openpyxl's own XML safety."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import defusedxml.ElementTree
import openpyxl
import openpyxl.xml.functions
import pytest
from defusedxml import DefusedXmlException

from veracity.errors import InputError
from veracity.limits import Limits

from .samples import read_all, register_book, rezip, xlsx_bytes

Put = Callable[[str, bytes], Path]
TITLE = "2017年墨玉县喀尔赛乡人员名单"


@pytest.fixture
def register(put: Put) -> list[tuple[str, list[tuple[object, ...]]]]:
    return read_all(put("register.xlsx", xlsx_bytes(register_book)))[1]


def test_each_sheet_is_a_table_named_after_it_in_workbook_order(
    register: list[tuple[str, list[tuple[object, ...]]]],
) -> None:
    assert [name for name, _ in register] == ["名单", "第二页"]


def test_title_row_merged_across_columns_labels_each_cell(
    register: list[tuple[str, list[tuple[object, ...]]]],
) -> None:
    assert register[0][1][0] == (TITLE,) * 4


def test_household_merged_down_reaches_every_member_row(
    register: list[tuple[str, list[tuple[object, ...]]]],
) -> None:
    assert [row[0] for row in register[0][1][2:]] == ["H001", "H001", "H002"]


def test_excel_date_cells_come_as_datetime(register: list[tuple[str, list[tuple[object, ...]]]]) -> None:
    assert register[0][1][2][2] == dt.datetime(1980, 3, 5)


def test_merged_header_labels_each_column(put: Put) -> None:
    def build(book: openpyxl.Workbook) -> None:
        sheet = book.active
        sheet.append(["姓名", "出生", None, "住址"])
        sheet.append([None, "年", "月", None])
        sheet.merge_cells("B1:C1")
        sheet.merge_cells("A1:A2")

    _, tables = read_all(put("h.xlsx", xlsx_bytes(build)))
    assert tables[0][1] == [("姓名", "出生", "出生", "住址"), ("姓名", "年", "月")]


def test_blank_rows_keep_physical_row_numbers(put: Put) -> None:
    def build(book: openpyxl.Workbook) -> None:
        book.active["A1"] = "名单"
        book.active["A4"] = "姓名"

    _, tables = read_all(put("b.xlsx", xlsx_bytes(build)))
    assert tables[0][1] == [("名单",), (), (), ("姓名",)]


def test_hidden_sheet_is_read_and_noted(put: Put) -> None:
    def build(book: openpyxl.Workbook) -> None:
        book.create_sheet("隐藏").sheet_state = "hidden"

    result, tables = read_all(put("s.xlsx", xlsx_bytes(build)))
    assert (result.notes, len(tables)) == (("sheet '隐藏' is hidden",), 2)


def test_durations_are_given_in_days(put: Put) -> None:
    def build(book: openpyxl.Workbook) -> None:
        book.active["A1"] = dt.timedelta(hours=36)

    _, tables = read_all(put("d.xlsx", xlsx_bytes(build)))
    assert tables[0][1] == [(1.5,)]


def test_lying_dimension_does_not_pad_rows(put: Put) -> None:
    data = rezip(
        xlsx_bytes(register_book),
        lambda name, content: content.replace(
            b'<dimension ref="A1:D5"/>', b'<dimension ref="A1:XFD1048576"/>'
        ),
    )
    _, tables = read_all(put("dim.xlsx", data))
    assert (len(tables[0][1]), max(len(row) for row in tables[0][1])) == (5, 4)


def test_too_many_columns_names_sheet_and_row(put: Put) -> None:
    def build(book: openpyxl.Workbook) -> None:
        book.active.append(["a"])
        book.active.append(list(range(12)))

    with pytest.raises(InputError, match="12 columns") as caught:
        read_all(put("c.xlsx", xlsx_bytes(build)), Limits(max_columns=10))
    assert caught.value.place == "sheet 'Sheet' row 2"


def test_huge_cell_names_sheet_and_row(put: Put) -> None:
    with pytest.raises(InputError, match="a cell longer than 10 characters") as caught:
        read_all(put("h.xlsx", xlsx_bytes(register_book)), Limits(max_cell_chars=10))
    assert caught.value.place == "sheet '名单' row 1"


def test_rows_limit_counts_all_sheets_together(put: Put) -> None:
    with pytest.raises(InputError, match="more than 6 rows") as caught:
        read_all(put("r.xlsx", xlsx_bytes(register_book)), Limits(max_rows=6))
    assert caught.value.place == "sheet '第二页' row 2"


def test_too_many_sheets(put: Put) -> None:
    with pytest.raises(InputError, match="2 sheets, more than 1"):
        read_all(put("s.xlsx", xlsx_bytes(register_book)), Limits(max_sheets=1))


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML and openpyxl.xml.functions.iterparse is defusedxml.ElementTree.iterparse


def test_openpyxl_alone_refuses_a_dtd_in_a_sheet(tmp_path: Path) -> None:
    """Defence in depth: even past zipguard, openpyxl's defusedxml parser refuses entity declarations."""
    bomb = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    data = rezip(
        xlsx_bytes(register_book),
        lambda name, content: (
            bomb + content[content.find(b"?>") + 2 :] if name == "xl/worksheets/sheet1.xml" else content
        ),
    )
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    with pytest.raises(ValueError) as caught:
        openpyxl.load_workbook(path, read_only=True)
    assert isinstance(caught.value.__context__, DefusedXmlException)
