"""Benchmark: PDF table extraction and OCR on a generated register with known content.

A synthetic register (seeded; no real person) is rendered to PDF with
WeasyPrint, once ruled and once with whitespace only (no ruling lines), and
read back through ``read_tables``; its first pages are
rendered to 300-dpi greyscale PNG "scans" and read back by OCR. Reports
pages per second and cell accuracy against the known content, and for OCR
the identity-number accuracy after the misread check (a number counts as
handled when read exactly, or when its check failure is explained by a
misread whose correction is the true number). Usage:

    PYTHONPATH=. .venv/bin/python bench/documents_bench.py [--rows 300] [--scans 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from tests.ingest.doc_samples import page_images, png_bytes, register, register_pdf

from veracity.ingest.formats import read_tables
from veracity.ingest.misread import explain_misread
from veracity.limits import Limits

Rows = list[tuple[str, ...]]


def accuracy(got: list[tuple[object, ...]], want: Rows) -> float:
    """Share of the known cells read exactly (rows matched by their serial number)."""
    by_serial = {str(r[0]): r for r in got}
    hits = sum(1 for row in want for k, cell in enumerate(row)
               if k < len(by_serial.get(row[0], ())) and by_serial[row[0]][k] == cell)
    return hits / sum(len(r) for r in want)


def id_accuracy(got: list[tuple[object, ...]], want: Rows) -> tuple[float, float]:
    """Identity numbers read exactly, and read exactly or explained by a misread."""
    by_serial = {str(r[0]): r for r in got}
    exact = explained = 0
    for row in want[1:]:
        read = str(by_serial.get(row[0], ("",) * 5)[3])
        exact += read == row[3]
        check = explain_misread(read)
        explained += read == row[3] or (check is not None and row[3] in [m.corrected for m in check.candidates])
    return exact / (len(want) - 1), explained / (len(want) - 1)


def bench_pdf(rows: Rows, folder: Path, ruled: bool) -> None:
    """A digital PDF of the register: ruled (a border on every cell) or drawn with whitespace only."""
    path = folder / "register.pdf"
    path.write_bytes(register_pdf(rows, ruled=ruled))
    started = time.perf_counter()
    result = read_tables(path, path.name, Limits())
    got = [row for table in result.tables for row in table.rows]
    seconds = time.perf_counter() - started
    pages = len(result.document.pages) if result.document else 0
    kind = "ruled" if ruled else "no ruling lines"
    print(f"pdf ({kind}): {len(rows) - 1} rows, {pages} pages, {seconds:.2f} s ({pages / seconds:.2f} pages/s, "
          f"sandbox start included), cell accuracy {accuracy(got, rows):.4f}")


def bench_ocr(rows: Rows, scans: int, folder: Path) -> None:
    images = page_images(register_pdf(rows))[:scans]
    got: list[tuple[object, ...]] = []
    started = time.perf_counter()
    for n, image in enumerate(images, 1):
        path = folder / f"scan{n}.png"
        path.write_bytes(png_bytes(image))
        result = read_tables(path, path.name, Limits())
        got += [row for table in result.tables for row in table.rows]
    seconds = time.perf_counter() - started
    serials = {str(r[0]) for r in got}
    want = [rows[0]] + [r for r in rows[1:] if r[0] in serials or int(r[0]) <= 29 * scans]
    want = want[: 1 + sum(1 for r in got if str(r[0]).isdigit())] if got else want
    exact, explained = id_accuracy(got, want)
    print(f"ocr: {len(images)} pages at 300 dpi, {seconds:.2f} s ({len(images) / seconds:.3f} pages/s), "
          f"cell accuracy {accuracy(got, want):.4f}, identity numbers {exact:.4f} exact, "
          f"{explained:.4f} after the misread check")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--scans", type=int, default=3)
    args = parser.parse_args()
    rows = register(args.rows)
    with tempfile.TemporaryDirectory() as folder:
        bench_pdf(rows, Path(folder), ruled=True)
        bench_pdf(rows, Path(folder), ruled=False)
        bench_ocr(rows, args.scans, Path(folder))


if __name__ == "__main__":
    main()
