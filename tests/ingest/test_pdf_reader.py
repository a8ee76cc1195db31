"""Digital PDF tables: one table across pages, repeated headers dropped, merges filled, pages located."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.errors import InputError
from veracity.ingest.formats import MediaType, ReadResult, read_tables
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.limits import Limits

from .doc_samples import html_pdf, pdf_of_objects, register, register_pdf, turned_pdf

Put = Callable[[str, bytes], Path]
ROWS = register(45)  # a header and 45 people: two pages of A4


@pytest.fixture(scope="module")
def two_pages() -> bytes:
    return register_pdf(ROWS, merges={(3, 4): (2, 1)})


def read(path: Path, limits: Limits | None = None) -> tuple[ReadResult, list[list[tuple[object, ...]]]]:
    result = read_tables(path, path.name, limits or Limits())
    return result, [list(t.rows) for t in result.tables]


@pytest.fixture(scope="module")
def two_page_read(two_pages: bytes, tmp_path_factory: pytest.TempPathFactory
                  ) -> tuple[ReadResult, list[list[tuple[object, ...]]]]:
    path = tmp_path_factory.mktemp("pdf") / "leak.pdf"
    path.write_bytes(two_pages)
    return read(path)

Read = tuple[ReadResult, list[list[tuple[object, ...]]]]


def test_table_over_two_pages_is_one_table_with_the_header_once(two_page_read: Read) -> None:
    result, tables = two_page_read
    assert (result.media_type, len(tables), tables[0][0]) == (MediaType.PDF, 1, ROWS[0])


def test_rows_continue_across_the_page_break_in_order(two_page_read: Read) -> None:
    _, tables = two_page_read
    assert [row[0] for row in tables[0][1:]] == [str(k) for k in range(1, 46)]


def test_digital_cells_come_back_exactly(two_page_read: Read) -> None:
    _, tables = two_page_read
    expected = [r for k, r in enumerate(ROWS) if k not in (3, 4)]
    assert [r for k, r in enumerate(tables[0]) if k not in (3, 4)] == expected


def test_a_cell_merged_down_gives_its_text_to_both_rows(two_page_read: Read) -> None:
    _, tables = two_page_read
    assert tables[0][3][4] == tables[0][4][4] == ROWS[3][4]


def test_each_row_knows_its_page(two_page_read: Read) -> None:
    result, _ = two_page_read
    assert result.document is not None
    pages = [origin.page for origin in result.document.tables[0].rows]
    assert pages[0] == 1 and pages[-1] == 2 and pages == sorted(pages) and len(pages) == 46


def test_table_is_named_table_1(two_page_read: Read) -> None:
    assert two_page_read[0].document is not None
    assert [t.name for t in two_page_read[0].document.tables] == ["table 1"]


def test_rotated_page_is_read_upright(put: Put) -> None:
    result, tables = read(put("rotated.pdf", turned_pdf(register_pdf(ROWS[:6], landscape=True))))
    assert result.document is not None and tables
    assert result.document.pages[0].text.splitlines()[0] == "墨玉县喀尔赛乡培训人员名单"


def test_text_only_pdf_gives_its_text_by_page(put: Put) -> None:
    text = "<p>关于墨玉县的情况说明</p><p style='break-before: page'>第二页：没有表格</p>"
    result, tables = read(put("note.pdf", html_pdf(text)))
    assert result.document is not None and tables == []
    assert [(p.page, p.text) for p in result.document.pages] == [(1, "关于墨玉县的情况说明"), (2, "第二页：没有表格")]


def test_records_carry_table_row_and_page(case: Case, put: Put, two_pages: bytes) -> None:
    path = put("leak.pdf", two_pages)
    add_files(case, [path], AddRequest(role="leak"))
    got = case.con.execute("SELECT r.sheet, r.row, r.name, o.page FROM records r JOIN record_origins o "
                           "USING (record_id) WHERE r.row IN (1, 45) ORDER BY r.row").fetchall()
    assert got == [("table 1", 1, ROWS[1][1], 1), ("table 1", 45, ROWS[45][1], 2)]


def test_more_pages_than_the_limit_is_refused(put: Put, two_pages: bytes) -> None:
    with pytest.raises(InputError, match=r"^leak.pdf: document: PDF document: 2 pages|more than the limit of 1"):
        read_tables(put("leak.pdf", two_pages), "leak.pdf", Limits(max_pages=1))


def test_garbage_after_the_pdf_magic_is_one_error(put: Put) -> None:
    with pytest.raises(InputError) as caught:
        read_tables(put("bad.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40), "bad.pdf", Limits())
    assert caught.value.message.startswith("PDF document: ") and "\n" not in str(caught.value)


def bomb_pdf(inflated: int) -> bytes:
    """A one-page PDF whose content stream inflates to INFLATED bytes of spaces."""
    stream = zlib.compress(b" " * inflated, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    return pdf_of_objects(objects)


def test_decompression_bomb_stops_at_the_memory_limit(put: Put) -> None:
    with pytest.raises(InputError, match="PDF document: .*memory"):
        read_tables(put("bomb.pdf", bomb_pdf(600 * 2**20)), "bomb.pdf", Limits(max_parser_bytes=560 * 2**20))


def test_parse_past_the_time_limit_is_stopped(put: Put, two_pages: bytes) -> None:
    # a budget no parse can meet (starting the parser's child process alone takes longer), so the
    # test does not depend on how fast the machine is
    with pytest.raises(InputError, match="took longer than"):
        read_tables(put("leak.pdf", two_pages), "leak.pdf", Limits(seconds_per_file=0.01))
