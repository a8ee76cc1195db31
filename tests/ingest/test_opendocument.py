"""OpenDocument spreadsheets and text documents: their tables as an XLSX's or a DOCX's would be read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.errors import InputError
from veracity.ingest.formats import MediaType
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.ingest.provenance import file_signals
from veracity.ingest.software_releases import load_releases
from veracity.limits import Limits

from .opendocument_samples import (
    COVERED,
    TEXT_DOCUMENT,
    opendocument_bytes,
    register_ods,
    row,
    table,
    text_cell,
)
from .samples import read_all

Put = Callable[[str, bytes], Path]
TITLE = "2017年墨玉县喀尔赛乡人员名单"


def test_a_spreadsheet_is_read_sheet_by_sheet_with_spans_repeats_and_types(put: Put) -> None:
    result, tables = read_all(put("register.ods", register_ods()))
    assert result.media_type is MediaType.ODS
    assert tables == [
        ("名单", [
            (TITLE,) * 4,
            ("户号", "姓名", "出生日期", "年龄"),
            ("H001", "买买提·吐尔逊", dt.datetime(1980, 3, 5), 37),
            ("H001", "阿依古丽·买买提", None, 12),
            (),
            (),
            ("H002", None, None, "空  格"),
        ]),
        ("第二页", [("姓名", "性别"), ("古丽米热·托合提", "女")]),
    ]


def test_a_text_documents_tables_are_table_n_and_a_nested_table_is_not_read(put: Put) -> None:
    nested = f'<table:table-cell office:value-type="string">{table("inner", [row(text_cell("x"))])}</table:table-cell>'
    first = table("Table1", [row(text_cell("姓名"), text_cell("性别")), row(text_cell("买买提"), nested)])
    second = table("Table2", [row(text_cell("户号")), row(text_cell("H1"))])
    body = f"<text:p>附表1</text:p>{first}<text:p>附表2</text:p>{second}"
    result, tables = read_all(put("list.odt", opendocument_bytes(body, TEXT_DOCUMENT)))
    assert result.media_type is MediaType.ODT
    assert tables == [("table 1", [("姓名", "性别"), ("买买提",)]), ("table 2", [("户号",), ("H1",)])]


def test_an_ods_register_is_added_with_its_locators(put: Put, case: Case) -> None:
    add_files(case, [put("register.ods", register_ods())], AddRequest(role="leak"))
    rows = case.con.execute('SELECT sheet, "row", name, household, birth_date, age FROM records '
                            "WHERE sheet = '名单' ORDER BY \"row\"").fetchall()
    assert rows == [("名单", 1, "买买提·吐尔逊", "H001", "1980-03-05", 37),
                    ("名单", 2, "阿依古丽·买买提", "H001", None, 12),
                    ("名单", 5, None, "H002", None, None)]  # rows 3 and 4 blank, counted


@pytest.mark.parametrize(("body", "limits", "message", "place"), [
    (table("s", [row(text_cell("a"), attrs='table:number-rows-repeated="1000000"')]), Limits(max_rows=1000),
     "more than 1000 rows", "sheet 's' row 1"),
    (table("s", [row(text_cell("a", 'table:number-columns-repeated="20000"'))]), Limits(max_columns=100),
     "columns, more than the limit of 100", "sheet 's' row 1"),
    (table("s", [row(text_cell("a")), row(text_cell("x" * 50))]), Limits(max_cell_chars=10),
     "a cell longer than 10 characters", "sheet 's' row 2"),
])
def test_repeats_and_cells_past_the_limits_are_refused_at_their_place(put: Put, body: str, limits: Limits,
                                                                      message: str, place: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        read_all(put("bomb.ods", opendocument_bytes(body)), limits)
    assert (caught.value.source, caught.value.place) == ("bomb.ods", place)


def test_an_entity_expansion_in_content_xml_is_refused(put: Put) -> None:
    dtd = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    with pytest.raises(InputError) as caught:
        read_all(put("laughs.ods", opendocument_bytes(table("s", [row(text_cell("&b;"))]), prolog=dtd)))
    assert caught.value.source == "laughs.ods"


def test_another_kind_of_opendocument_is_refused_saying_what_it_is(put: Put) -> None:
    data = opendocument_bytes(table("s", [row(text_cell("a"))]), "application/vnd.oasis.opendocument.presentation")
    with pytest.raises(InputError, match="OpenDocument file of type 'application/vnd.oasis.opendocument.presentation'"):
        read_all(put("slides.odp", data))


def test_covered_cells_without_a_spanning_cell_stay_empty(put: Put) -> None:
    _, tables = read_all(put("odd.ods", opendocument_bytes(table("s", [row(COVERED, text_cell("b"))]))))
    assert tables == [("s", [("b",)])]


def test_the_generator_author_and_times_of_meta_xml_are_the_documents_metadata(put: Put) -> None:
    meta = ("<meta:generator>LibreOffice/7.3.7.2$Linux_X86_64 LibreOffice_project/30$Build-2</meta:generator>"
            "<meta:initial-creator>县公安局</meta:initial-creator><dc:creator>editor</dc:creator>"
            "<meta:creation-date>2017-05-03T10:15:00</meta:creation-date><dc:date>2018-01-02T08:00:00</dc:date>")
    result, _ = read_all(put("list.ods", opendocument_bytes(table("s", [row(text_cell("a"))]), meta=meta)))
    assert result.document is not None
    m = result.document.metadata
    assert (m.kind, m.creator, m.author, m.created, m.modified) == ("ods", "LibreOffice 7.3.7.2", "县公安局",
                                                                   "2017-05-03T10:15:00", "2018-01-02T08:00:00")
    assert [s.signal_id for s in file_signals("list.ods", m, None, None, load_releases())] == [
        "metadata.software_anachronism"]  # LibreOffice 7 came out in 2020


def test_the_row_limit_counts_the_rows_of_every_sheet(put: Put) -> None:
    """Two sheets of 15 rows are 30 rows of one file; LibreOffice's trailing empty rows are none."""
    sheet = [row(text_cell(str(k))) for k in range(15)] + [row(attrs='table:number-rows-repeated="1048570"')]
    data = opendocument_bytes(table("a", sheet) + table("b", sheet))
    assert [len(rows) for _, rows in read_all(put("two.ods", data), Limits(max_rows=30))[1]] == [15, 15]
    with pytest.raises(InputError, match="more than 29 rows") as caught:
        read_all(put("two.ods", data), Limits(max_rows=29))
    assert caught.value.place == "sheet 'b' row 15"
