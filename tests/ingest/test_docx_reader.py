"""DOCX: one table per w:tbl in document order, merged cells carried, paragraphs joined, limits."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import docx.document
import pytest

from veracity.errors import InputError
from veracity.limits import Limits

from .samples import docx_bytes, merged_docx, read_all, rezip, set_grid_before

Put = Callable[[str, bytes], Path]
FAMILY = [("户号", "姓名", "", "性别"), ("", "买买提·吐尔逊", "", "男"), ("", "阿依古丽·买买提", "", "女")]
OTHER = [("姓名", "备注"), ("热依拉·肉孜", "无")]


def test_each_table_in_document_order_is_named_table_n(put: Put) -> None:
    _, tables = read_all(put("d.docx", docx_bytes([FAMILY, OTHER])))
    assert [name for name, _ in tables] == ["table 1", "table 2"] and tables[1][1] == OTHER


def test_gridspan_gives_the_text_to_each_covered_column(put: Put) -> None:
    _, tables = read_all(put("d.docx", docx_bytes([FAMILY], merged_docx)))
    assert tables[0][1][0] == ("户号", "姓名", "姓名", "性别")


def test_vertical_merge_repeats_the_text_down(put: Put) -> None:
    _, tables = read_all(put("d.docx", docx_bytes([FAMILY], merged_docx)))
    assert [row[0] for row in tables[0][1]] == ["户号", "H001", "H001"]


def test_cell_paragraphs_are_joined_with_newline(put: Put) -> None:
    def build(document: docx.document.Document) -> None:
        document.tables[0].cell(1, 1).add_paragraph("第二段")

    _, tables = read_all(put("d.docx", docx_bytes([OTHER], build)))
    assert tables[0][1][1][1] == "无\n第二段"


def test_grid_before_leaves_empty_cells(put: Put) -> None:
    _, tables = read_all(put("d.docx", docx_bytes([OTHER], partial(set_grid_before, count=1))))
    assert tables[0][1][0] == (None, "姓名", "备注")


def test_document_without_tables_has_none(put: Put) -> None:
    result, tables = read_all(put("d.docx", docx_bytes([])))
    assert tables == []


def test_a_list_typed_with_tabs_and_no_table_is_one_table_of_paragraphs(put: Put) -> None:
    def typed(document: docx.document.Document) -> None:
        for line in ("墨玉县人员名单", "序号\t姓名\t身份证号", "1\t买买提·吐尔逊\t653224194508291210", "",
                     "2\t阿依古丽·买买提\t65322419800101002X"):
            document.add_paragraph(line)

    _, tables = read_all(put("d.docx", docx_bytes([], typed)))
    assert tables == [("paragraphs", [("墨玉县人员名单",), ("序号", "姓名", "身份证号"),
                                      ("1", "买买提·吐尔逊", "653224194508291210"), (),
                                      ("2", "阿依古丽·买买提", "65322419800101002X")])]


def test_a_document_with_a_table_never_reads_its_tabbed_paragraphs(put: Put) -> None:
    def typed(document: docx.document.Document) -> None:
        document.add_paragraph("注\t一")
        document.add_paragraph("注\t二")

    _, tables = read_all(put("d.docx", docx_bytes([OTHER], typed)))
    assert tables == [("table 1", OTHER)]


def test_huge_grid_span_is_too_many_columns_not_a_huge_row(put: Put) -> None:
    data = rezip(
        docx_bytes([FAMILY], merged_docx),
        lambda name, content: content.replace(b'w:gridSpan w:val="2"', b'w:gridSpan w:val="999999999"'),
    )
    with pytest.raises(InputError, match="columns, more than the limit") as caught:
        read_all(put("g.docx", data))
    assert caught.value.place == "table 1 row 1"


def test_too_many_tables(put: Put) -> None:
    with pytest.raises(InputError, match="2 tables, more than 1"):
        read_all(put("d.docx", docx_bytes([OTHER, OTHER])), Limits(max_sheets=1))


def test_huge_cell_names_table_and_row(put: Put) -> None:
    with pytest.raises(InputError, match="a cell longer than 5 characters") as caught:
        read_all(put("d.docx", docx_bytes([OTHER])), Limits(max_cell_chars=5))
    assert (caught.value.source, caught.value.place) == ("d.docx", "table 1 row 2")


def test_rows_limit(put: Put) -> None:
    with pytest.raises(InputError, match="more than 1 rows") as caught:
        read_all(put("d.docx", docx_bytes([OTHER])), Limits(max_rows=1))
    assert caught.value.place == "table 1 row 2"
