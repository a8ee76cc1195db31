"""PDF documents: tables (pdfplumber, ruled tables) and page text, scanned pages sent to OCR.

pdfplumber runs in a child process (``sandbox.run_limited``: memory capped,
time bounded), opened with nothing fetched and no password tried. For each
page it gives the text, the ruled tables (``find_tables`` with the default
"lines" strategy) and, for a page with no text but images (a scan), the
page rendered at ``Limits.ocr_dpi`` for OCR. Pages with ``/Rotate`` are read
upright (pdfplumber turns their coordinates). More than ``Limits.max_pages``
pages, or a page whose rendering passes ``Limits.max_image_pixels``, is
refused.

Cells: a merged cell (a span across columns or rows) gives its text to every
grid cell it covers, as in XLSX and DOCX. A cell's text lines are joined
(without a space between two CJK characters, with one otherwise), since a
PDF does not record whether a break was typed or a wrap. Fragments of one
table on successive pages are joined by ``stitch`` (repeated headers
dropped), and the tables are named ``table N`` in reading order. The lines of a page's text above the first
table on it are that table's ``above`` lines (its title, ``title_date.lines_above``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from veracity.ingest.documents import Document, PageText, TableOrigin
from veracity.ingest.guard import FileGuard
from veracity.ingest.metadata import pdf_metadata
from veracity.ingest.pdf_extract import PdfExtract, extract_pdf
from veracity.ingest.sandbox import run_limited
from veracity.ingest.stitch import Fragment, Stitched, stitch
from veracity.ingest.table import RawTable, Row
from veracity.ingest.title_date import lines_above


@dataclass(frozen=True)
class PdfRead:
    """Tables, the document (texts, row origins, metadata) and notes."""

    tables: tuple[RawTable, ...]
    document: Document
    notes: tuple[str, ...]


def _fragments(extract: PdfExtract, guard: FileGuard) -> tuple[list[Fragment], list[PageText], tuple[str, ...]]:
    """Table fragments and page texts in reading order, and notes on scans turned; scanned pages go through OCR."""
    from veracity.ingest.ocr import ocr_page_png, turned_notes

    fragments: list[Fragment] = []
    texts: list[PageText] = []
    turns: list[tuple[int, int]] = []
    for page in extract.pages:
        if page.scan is not None:
            read = ocr_page_png(page.scan, page.number, guard)
            fragments.extend(read.fragments)
            texts.append(read.text)
            turns.append((page.number, read.turned))
            continue
        texts.append(PageText(page.number, page.text))
        last = len(page.tables) - 1
        fragments.extend(Fragment(page.number, t.rows, t.widths, first_on_page=k == 0, last_on_page=k == last)
                         for k, t in enumerate(page.tables))
    return fragments, texts, turned_notes(turns)


def open_pdf(path: Path, guard: FileGuard) -> PdfRead:
    """The PDF's tables as RawTables ``table N`` and its Document; InputError naming the file on failure."""
    extract: PdfExtract = run_limited(extract_pdf, (str(path), guard.limits), guard, "document")
    fragments, texts, turned = _fragments(extract, guard)
    stitched = stitch(fragments, guard.limits)
    if len(stitched) > guard.limits.max_sheets:
        raise guard.error(f"{len(stitched)} tables, more than {guard.limits.max_sheets}")
    total = sum(len(t.rows) for t in stitched)
    if total > guard.rows_left():
        raise guard.too_many_rows(f"table {len(stitched)}")
    guard.rows_used += total
    tables = tuple(RawTable(f"table {n}", _rows(t.rows), _above(t, stitched[n - 2] if n > 1 else None, texts))
                   for n, t in enumerate(stitched, 1))
    origins = tuple(TableOrigin(f"table {n}", t.origins) for n, t in enumerate(stitched, 1))
    sizes = tuple(dict.fromkeys(p.size for p in extract.pages))
    fonts = tuple(sorted({f for p in extract.pages for f in p.fonts if f}))
    metadata = pdf_metadata(dict(extract.info), len(extract.pages), fonts, sizes)
    notes = _notes(extract, stitched) + turned
    return PdfRead(tables, Document(metadata, tuple(texts), origins, notes), notes)


def _above(table: Stitched, before: Stitched | None, texts: list[PageText]) -> tuple[str, ...]:
    """The lines of text above TABLE on its first page, when no table BEFORE it ends on that page."""
    if not table.rows or not table.origins:
        return ()
    page = table.origins[0].page
    if before is not None and before.origins and before.origins[-1].page == page:
        return ()
    text = next((t.text for t in texts if t.page == page), "")
    return lines_above(text, table.rows[0])


def _rows(rows: tuple[Row, ...]) -> Iterator[Row]:
    return iter(rows)


def _notes(extract: PdfExtract, stitched: list[Any]) -> tuple[str, ...]:
    scanned = [p.number for p in extract.pages if p.scan is not None]
    notes = []
    if scanned:
        notes.append(f"{len(scanned)} scanned page(s) read by OCR (confidence kept per cell)")
    unruled = [p.number for p in extract.pages if any(not t.ruled for t in p.tables)]
    if unruled:
        notes.append(f"tables without ruling lines on page(s) {', '.join(map(str, unruled))}: rows and columns "
                     "read from the alignment of the text (a cell wrapped over two lines reads as two rows)")
    if not stitched:
        notes.append("no table found; the text of each page is kept for search and claims")
    return tuple(notes)
