"""Scans read by OCR: the same records as the digital file, page and confidence per cell, misreads explained."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from veracity.errors import ConfigError, InputError
from veracity.ingest.formats import ReadResult, read_tables
from veracity.ingest.misread import explain_misread
from veracity.limits import Limits

from .doc_samples import page_images, png_bytes, register, register_pdf, scanned_pdf

Put = Callable[[str, bytes], Path]
ROWS = register(8)
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract is not installed (make system-deps)")
Read = tuple[ReadResult, list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Read:
    path = tmp_path_factory.mktemp("ocr") / "scan.png"
    path.write_bytes(png_bytes(page_images(register_pdf(ROWS))[0]))
    result = read_tables(path, "scan.png", Limits())
    return result, [row for table in result.tables for row in table.rows]


def _accuracy(got: list[tuple[object, ...]], want: list[tuple[str, ...]]) -> float:
    cells = [(g, w) for a, b in zip(got, want, strict=False) for g, w in zip(a, b, strict=False)]
    return sum(g == w for g, w in cells) / sum(len(r) for r in want)


@needs_tesseract
def test_scanned_register_comes_back_with_at_least_95_percent_of_cells(scan: Read) -> None:
    assert _accuracy(scan[1], ROWS) >= 0.95


@needs_tesseract
def test_every_ocr_cell_keeps_its_confidence_and_page(scan: Read) -> None:
    document = scan[0].document
    assert document is not None
    origins = document.tables[0].rows
    assert {o.page for o in origins} == {1}
    assert all(len(o.confidences) == 5 and all(c is None or 0 <= c <= 1 for c in o.confidences) for o in origins)


@needs_tesseract
def test_page_text_is_marked_as_ocr(scan: Read) -> None:
    document = scan[0].document
    assert document is not None and document.pages[0].ocr and "买买提" in document.pages[0].text


@needs_tesseract
def test_scanned_pdf_page_is_read_by_ocr(put: Put) -> None:
    pdf = scanned_pdf(page_images(register_pdf(ROWS[:4]), dpi=200), dpi=200)
    result = read_tables(put("scan.pdf", pdf), "scan.pdf", Limits(ocr_dpi=200))
    rows = [row for table in result.tables for row in table.rows]
    assert _accuracy(rows, ROWS[:4]) >= 0.9


def test_image_over_the_pixel_limit_is_refused_before_decoding(put: Put) -> None:
    path = put("big.png", png_bytes(Image.new("L", (3000, 3000), 255)))
    with pytest.raises(InputError, match=r"PNG image: 3000x3000 = 9000000 pixels, more than the limit"):
        read_tables(path, "big.png", Limits(max_image_pixels=1_000_000))


def test_truncated_image_is_one_error_naming_it(put: Put) -> None:
    data = png_bytes(Image.effect_noise((200, 200), 64))
    with pytest.raises(InputError, match=r"^cut.png: page 1: PNG image: cannot read"):
        read_tables(put("cut.png", data[:100]), "cut.png", Limits())


def test_a_check_failure_one_misread_explains_is_not_called_forgery() -> None:
    read = ROWS[1][3][:16] + ("3" if ROWS[1][3][16] == "8" else "8") + ROWS[1][3][17]
    check = explain_misread(read)
    assert check is not None and ROWS[1][3] in [m.corrected for m in check.candidates]
    assert "not a forged number" in check.explain()


@needs_tesseract
def test_missing_language_data_is_a_config_error_naming_the_packages(put: Put, monkeypatch: pytest.MonkeyPatch,
                                                                    tmp_path: Path) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # an empty tessdata folder: no language installed
    path = put("scan.png", png_bytes(Image.new("L", (200, 100), 255)))
    with pytest.raises(ConfigError, match=r"Tesseract lacks the language data .*tesseract-ocr-script-hans"):
        read_tables(path, "scan.png", Limits())
