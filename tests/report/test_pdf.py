"""The PDF report: laid out by WeasyPrint, its pages rasterised by pdftoppm and its text read back."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.report.build import write_report

pytest.importorskip("weasyprint", reason="the PDF report needs WeasyPrint (pip) and Pango (apt)")


@pytest.fixture
def pdf(opened: Case, tmp_path: Path) -> Path:
    out = tmp_path / "report.pdf"
    write_report(opened, out, redact=False)
    return out


def test_pdf_extension_writes_a_pdf(pdf: Path) -> None:
    assert pdf.read_bytes()[:5] == b"%PDF-"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")
def test_every_pdf_page_rasterises(pdf: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 6 and all(p.stat().st_size > 1000 for p in pages)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_pdf_text_holds_every_section_title(pdf: Path) -> None:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    titles = ("Provenance", "Authenticity", "Identities", "Claims", "What the records show", "Method")
    assert [t for t in titles if t not in text] == []
