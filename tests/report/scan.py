"""Render every redacted output of a case and search it for the case's names and identity numbers."""

from __future__ import annotations

import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pyarrow.parquet as pq

from veracity.case import Case
from veracity.report.build import write_report
from veracity.report.export import Format, export_table

WHATS = ("records", "findings", "links", "claims", "quotes")


def _parquet_text(path: Path) -> str:
    return json.dumps(pq.read_table(path).to_pylist(), ensure_ascii=False, default=str)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def redacted_outputs(case: Case, out: Path, *, pdf: bool) -> dict[str, str]:
    """The text of every redacted output: report (HTML, PDF when asked), every table in every format, FtM."""
    texts: dict[str, str] = {}
    write_report(case, out / "report.html", redact=True)
    texts["report.html"] = (out / "report.html").read_text("utf-8")
    if pdf:
        write_report(case, out / "report.pdf", redact=True)
        texts["report.pdf"] = _pdf_text(out / "report.pdf") if shutil.which("pdftotext") else ""
    for what in WHATS:
        for fmt in (Format.CSV, Format.JSON, Format.PARQUET):
            path = out / f"{what}.{fmt.value}"
            export_table(case, what, fmt, path, redact=True)
            texts[path.name] = _parquet_text(path) if fmt is Format.PARQUET else path.read_text("utf-8")
    for what, fmt in (("summary", Format.JSON), ("records", Format.FTM)):
        path = out / f"{what}.{fmt.value}"
        export_table(case, what, fmt, path, redact=True)
        texts[path.name] = path.read_text("utf-8")
    return texts


def leaks(texts: dict[str, str], names: set[str], numbers: set[str]) -> list[str]:
    """Each (output, value) where a name or number appears, compared without case (and NFC)."""
    found = []
    for output, text in texts.items():
        folded = unicodedata.normalize("NFC", text).lower()
        found += [f"{output}: {v}" for v in names | numbers
                  if unicodedata.normalize("NFC", v).lower() in folded]
    return found
