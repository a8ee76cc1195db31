"""The part of PDF reading that runs in the sandboxed child: pdfplumber over every page, plain values out.

Kept apart from ``pdf_reader`` so that the child imports only pdfplumber
and ``Limits``. See ``pdf_reader`` for what is read and how cells are laid out.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from typing import Any

from veracity.limits import Limits

SPAN_TOLERANCE = 1.0  # points: a cell edge this close to a grid line ends on it
TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}  # columns and rows from the words
MIN_TEXT_COLUMNS = 2       # a page of prose aligns into one column
MIN_TEXT_ROWS = 3          # lines with at least two cells filled: a header and two people
MAX_CUT_WORDS = 0.05       # share of words a column edge may cut; justified prose aligns, but its edges cut words


@dataclass(frozen=True)
class PdfTable:
    """One table on one page: rows of cells (str, None where no cell) and the relative column widths."""

    rows: tuple[tuple[str | None, ...], ...]
    widths: tuple[float, ...]
    ruled: bool = True    # False: drawn with whitespace only, read by pdfplumber's text strategy


@dataclass(frozen=True)
class PdfPage:
    """What the child read from one page."""

    number: int
    text: str
    tables: tuple[PdfTable, ...]
    size: str
    fonts: tuple[str, ...]
    scan: bytes | None = None   # PNG of the page at ocr_dpi when it has no text layer but images


@dataclass(frozen=True)
class PdfExtract:
    """The document information dictionary and the pages, as plain values returned by the child."""

    info: tuple[tuple[str, str], ...]
    pages: tuple[PdfPage, ...]


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch in "·•・"


def join_lines(text: str) -> str:
    """A cell's lines as one string: no space where a line ends or starts with a CJK character (Chinese is
    written without spaces: a wrapped address or date), one space otherwise.

    >>> join_lines("阿不都热依木·阿不\\n都拉"), join_lines("Tursun\\nMemet"), join_lines(" a ")
    ('阿不都热依木·阿不都拉', 'Tursun Memet', ' a ')
    >>> join_lines("奎雅乡1村7\\n号"), join_lines("2017年\\n5月3日")
    ('奎雅乡1村7号', '2017年5月3日')
    """
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        glue = "" if out and part and (_is_cjk(out[-1]) or _is_cjk(part[0])) else " "
        out = out + glue + part if out and part else out + part
    return out


def _grid(table: Any) -> tuple[tuple[str | None, ...], ...]:
    """pdfplumber's table as a grid, each merged cell's text given to every grid cell it covers."""
    texts = table.extract()
    rows = table.rows
    xs = sorted({cell[0] for row in rows for cell in row.cells if cell is not None})
    tops = [row.bbox[1] for row in rows]
    grid: list[list[str | None]] = [[None] * len(xs) for _ in rows]
    for i, row in enumerate(rows):
        for j, cell in enumerate(row.cells):
            if cell is None or j >= len(xs):
                continue
            value = join_lines(texts[i][j] or "")
            right = [c for c in range(j, len(xs)) if xs[c] < cell[2] - SPAN_TOLERANCE]
            down = [r for r in range(i, len(rows)) if tops[r] < cell[3] - SPAN_TOLERANCE]
            for r in down:
                for c in right:
                    if grid[r][c] is None:
                        grid[r][c] = value
    return tuple(tuple(row) for row in grid)


def _widths(table: Any) -> tuple[float, ...]:
    xs = sorted({cell[0] for cell in table.cells} | {table.bbox[2]})
    total = (xs[-1] - xs[0]) or 1.0
    return tuple(round((b - a) / total, 4) for a, b in zip(xs, xs[1:], strict=False))


def cut_share(edges: list[float], words: list[tuple[float, float]]) -> float:
    """Share of WORDS (x0, x1) that one of the column EDGES runs through.

    >>> cut_share([100.0], [(10, 60), (105, 150)]), cut_share([100.0], [(80, 120), (130, 150)])
    (0.0, 0.5)
    """
    cut = sum(1 for x0, x1 in words if any(x0 + SPAN_TOLERANCE < edge < x1 - SPAN_TOLERANCE for edge in edges))
    return cut / len(words) if words else 0.0


def _unruled(table: Any, page: Any) -> PdfTable | None:
    """A table found by the text strategy, its empty lines (the gaps between text lines) dropped; None if not a table.

    The text strategy puts a row edge at the top and at the bottom of every line of words, so every gap
    between two lines becomes an empty row: such a table has no blank row of its own. Columns whose
    edges cut through words are the alignment of justified prose, not a table.
    """
    rows = tuple(row for row in _grid(table) if any(cell for cell in row))
    filled = sum(1 for row in rows if sum(1 for cell in row if cell) >= MIN_TEXT_COLUMNS)
    if not rows or len(rows[0]) < MIN_TEXT_COLUMNS or filled < MIN_TEXT_ROWS:
        return None
    edges = sorted({cell[0] for cell in table.cells})[1:]
    words = [(w["x0"], w["x1"]) for w in page.within_bbox(table.bbox).extract_words()]
    if cut_share(edges, words) > MAX_CUT_WORDS:
        return None
    return PdfTable(rows, _widths(table), ruled=False)


def _tables(page: Any) -> tuple[PdfTable, ...]:
    """The page's ruled tables; on a page with text and no ruled table, the tables its whitespace draws."""
    ruled = tuple(PdfTable(_grid(t), _widths(t)) for t in page.find_tables())
    if ruled or not page.chars:
        return ruled
    found = (_unruled(t, page) for t in page.find_tables(TEXT_STRATEGY))
    return tuple(t for t in found if t is not None)


def _page(page: Any, limits: Limits) -> PdfPage:
    """One page read by pdfplumber inside the child."""
    tables = _tables(page)
    text = page.extract_text() or ""
    fonts = tuple(sorted({str(c.get("fontname", "")) for c in page.chars}))
    scan = None
    if not page.chars and page.images:
        dpi = limits.ocr_dpi
        pixels = round(page.width * dpi / 72) * round(page.height * dpi / 72)
        if pixels > limits.max_image_pixels:
            raise ValueError(f"page {page.page_number}: {pixels} pixels at {dpi} dpi, more than the limit "
                             f"of {limits.max_image_pixels}")
        out = io.BytesIO()
        page.to_image(resolution=dpi).original.convert("L").save(out, "PNG")
        scan = out.getvalue()
    return PdfPage(page.page_number, text, tables, f"{page.width:.0f}x{page.height:.0f} pt", fonts, scan)


def extract_pdf(path: str, limits: Limits) -> PdfExtract:
    """Every page of the PDF at PATH (runs in the sandboxed child; raises on any problem)."""
    import pdfplumber

    started = time.monotonic()
    with pdfplumber.open(path, unicode_norm=None) as pdf:
        count = len(pdf.pages)
        if count > limits.max_pages:
            raise ValueError(f"{count} pages, more than the limit of {limits.max_pages}")
        info = tuple((str(k), _text(v)) for k, v in (pdf.metadata or {}).items())
        pages = []
        for page in pdf.pages:
            if time.monotonic() - started > limits.seconds_per_file:
                raise TimeoutError(f"page {page.page_number}: out of time")
            pages.append(_page(page, limits))
            page.close()
    return PdfExtract(info, tuple(pages))


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-16") if value.startswith(b"\xfe\xff") else value.decode("latin-1")
    return str(value)
