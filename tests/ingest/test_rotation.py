"""Rotated pages: a PDF page with /Rotate 90, 180 or 270 and a scan turned the same ways give the upright records."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from veracity.case import Case
from veracity.ingest.formats import ReadResult, read_tables
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.limits import Limits

from .doc_samples import page_images, png_bytes, register, register_pdf, scanned_pdf, turned_pdf

Put = Callable[[str, bytes], Path]
ROWS = register(45)  # two pages of A4
SCAN_ROWS = register(5)
ROTATIONS = (90, 180, 270)
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


@pytest.fixture(scope="module")
def upright() -> bytes:
    return register_pdf(ROWS)


@pytest.fixture(scope="module")
def upright_pages(upright: bytes, tmp_path_factory: pytest.TempPathFactory) -> list[int]:
    path = tmp_path_factory.mktemp("upright") / "upright.pdf"
    path.write_bytes(upright)
    return _pages(read_tables(path, path.name, Limits()))


def _rows(result: ReadResult) -> list[tuple[object, ...]]:
    return [row for table in result.tables for row in table.rows]


def _pages(result: ReadResult) -> list[int]:
    assert result.document is not None
    return [origin.page for table in result.document.tables for origin in table.rows]


@pytest.mark.parametrize("rotation", ROTATIONS)
def test_pdf_pages_with_rotate_give_every_cell_upright(put: Put, upright: bytes, rotation: int) -> None:
    data = turned_pdf(upright, rotation)
    assert [page.get_rotation() for page in pypdfium2.PdfDocument(data)] == [rotation, rotation]
    result = read_tables(put("turned.pdf", data), "turned.pdf", Limits())
    assert _rows(result) == ROWS


@pytest.mark.parametrize("rotation", ROTATIONS)
def test_pdf_pages_with_rotate_keep_each_rows_page(put: Put, upright: bytes, upright_pages: list[int],
                                                  rotation: int) -> None:
    turned_read = read_tables(put("turned.pdf", turned_pdf(upright, rotation)), "turned.pdf", Limits())
    assert _pages(turned_read) == upright_pages and set(upright_pages) == {1, 2}


def test_records_of_a_rotated_pdf_carry_table_row_and_page(case: Case, put: Put, upright: bytes) -> None:
    add_files(case, [put("turned.pdf", turned_pdf(upright, 270))], AddRequest(role="leak"))
    got = case.con.execute("SELECT r.sheet, r.row, r.name, r.id_number, o.page FROM records r "
                           "JOIN record_origins o USING (record_id) WHERE r.row IN (1, 45) ORDER BY r.row").fetchall()
    assert got == [("table 1", 1, ROWS[1][1], ROWS[1][3], 1), ("table 1", 45, ROWS[45][1], ROWS[45][3], 2)]


@pytest.fixture(scope="module")
def scan() -> Image.Image:
    return page_images(register_pdf(SCAN_ROWS))[0]


@needs_tesseract
@pytest.mark.parametrize("rotation", ROTATIONS)
def test_a_scan_turned_sideways_or_upside_down_is_read_upright(put: Put, scan: Image.Image, rotation: int) -> None:
    turned = scan.rotate(-rotation, expand=True, fillcolor=255)  # as fed into the scanner: turned clockwise
    result = read_tables(put("scan.png", png_bytes(turned)), "scan.png", Limits())
    assert _rows(result) == SCAN_ROWS and _pages(result) == [1] * len(SCAN_ROWS)
    assert result.document is not None
    assert f"page 1 was turned {(360 - rotation) % 360}° clockwise" in " ".join(result.document.notes)


@needs_tesseract
def test_a_scanned_pdf_page_with_rotate_is_read_upright(put: Put, scan: Image.Image) -> None:
    data = turned_pdf(scanned_pdf([scan]), 90)
    result = read_tables(put("scan.pdf", data), "scan.pdf", Limits())
    assert _rows(result) == SCAN_ROWS and _pages(result) == [1] * len(SCAN_ROWS)
