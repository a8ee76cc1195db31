"""PDF tables drawn with whitespace only (no ruling lines): rows and columns from the text's alignment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.ingest.formats import ReadResult, read_tables
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.limits import Limits

from .doc_samples import html_pdf, register, register_pdf

Put = Callable[[str, bytes], Path]
ROWS = register(45)  # two pages of A4, the header repeated on the second


@pytest.fixture(scope="module")
def unruled() -> bytes:
    return register_pdf(ROWS, ruled=False)


@pytest.fixture(scope="module")
def unruled_read(unruled: bytes, tmp_path_factory: pytest.TempPathFactory) -> ReadResult:
    path = tmp_path_factory.mktemp("unruled") / "leak.pdf"
    path.write_bytes(unruled)
    return read_tables(path, path.name, Limits())


def test_a_table_without_rules_gives_every_cell_once_across_two_pages(unruled_read: ReadResult) -> None:
    assert [list(table.rows) for table in unruled_read.tables] == [ROWS]


def test_the_gaps_between_text_lines_are_not_counted_as_rows(unruled_read: ReadResult) -> None:
    assert unruled_read.document is not None
    pages = [origin.page for origin in unruled_read.document.tables[0].rows]
    assert len(pages) == len(ROWS) and pages[1] == 1 and pages[-1] == 2


def test_the_reader_says_the_table_had_no_rules(unruled_read: ReadResult) -> None:
    assert unruled_read.document is not None
    assert any("without ruling lines on page(s) 1, 2" in note for note in unruled_read.document.notes)


def test_records_of_an_unruled_table_carry_table_row_and_page(case: Case, put: Put, unruled: bytes) -> None:
    add_files(case, [put("leak.pdf", unruled)], AddRequest(role="leak"))
    got = case.con.execute("SELECT r.sheet, r.row, r.id_number, o.page FROM records r JOIN record_origins o "
                           "USING (record_id) WHERE r.row IN (1, 45) ORDER BY r.row").fetchall()
    assert got == [("table 1", 1, ROWS[1][3], 1), ("table 1", 45, ROWS[45][3], 2)]


def test_prose_is_not_read_as_a_table(put: Put) -> None:
    sentence = ("The county office said on Tuesday that the list was not genuine and that the people named in it "
                "had attended training of their own will and had since returned home. ")
    result = read_tables(put("statement.pdf", html_pdf(f"<p>{sentence * 8}</p><p>{sentence * 5}</p>")),
                         "statement.pdf", Limits())
    assert list(result.tables) == []
    assert result.document is not None and "county office" in result.document.pages[0].text
