"""Tables that run over several pages become one: fragments joined, repeated headers dropped.

A PDF (or a set of scanned pages) holds table *fragments*, one per table per
page. A fragment continues the table before it when it is the first table
on its page, that table was the last on the previous page, and both have
the same number of columns of about the same relative widths (a printed
table keeps its column widths from page to page). So, as DESIGN.md says, a
table that runs over several pages is one table and its rows are counted
across pages.

A header repeated at the top of a continuation page is a header, not data:
its rows are dropped and get no number. Which rows are the header is
decided on the first fragment by ``header.locate_header``, the pipeline's
own rule; a continuation's leading rows that repeat any of those rows (or
the title rows above them), cell for cell with spaces ignored, are dropped.
OCR text is compared with a tolerance (a similarity ratio of 0.85), since a
repeated header is seldom read the same way twice.

>>> a = Fragment(1, (("姓名", "性别"), ("买买提", "男")), (0.5, 0.5), last_on_page=True)
>>> b = Fragment(2, (("姓名", "性别"), ("阿依古丽", "女")), (0.5, 0.5), first_on_page=True)
>>> [t.rows for t in stitch([a, b], Limits())]
[(('姓名', '性别'), ('买买提', '男'), ('阿依古丽', '女'))]
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from veracity.errors import InputError
from veracity.ingest.documents import RowOrigin
from veracity.ingest.header import locate_header
from veracity.ingest.table import Row
from veracity.ingest.values import cell_text
from veracity.limits import Limits

WIDTH_TOLERANCE = 0.04   # difference of a column's share of the table width still taken for the same column
OCR_SAME_TEXT = 0.85     # similarity of two OCR readings of one header row


@dataclass(frozen=True)
class Fragment:
    """One table on one page: its rows, each column's share of the width, and OCR confidences if any."""

    page: int
    rows: tuple[Row, ...]
    widths: tuple[float, ...]
    confidences: tuple[tuple[float | None, ...], ...] = ()
    first_on_page: bool = False
    last_on_page: bool = False


@dataclass(frozen=True)
class Stitched:
    """A whole table: its rows and where each was read."""

    rows: tuple[Row, ...]
    origins: tuple[RowOrigin, ...]


def continues(before: Fragment, after: Fragment) -> bool:
    """Whether AFTER is the same table as BEFORE, carried over to the next page.

    >>> a = Fragment(1, (), (0.2, 0.8), last_on_page=True)
    >>> continues(a, Fragment(2, (), (0.21, 0.79), first_on_page=True))
    True
    >>> continues(a, Fragment(2, (), (0.5, 0.5), first_on_page=True))
    False
    """
    return (before.last_on_page and after.first_on_page and after.page == before.page + 1
            and len(before.widths) == len(after.widths)
            and all(abs(x - y) <= WIDTH_TOLERANCE for x, y in zip(before.widths, after.widths, strict=True)))


def _key(row: Row) -> str:
    return "|".join("".join(cell_text(c).split()) for c in row).strip("|")


def _same(a: str, b: str, ocr: bool) -> bool:
    return a == b or (ocr and difflib.SequenceMatcher(None, a, b).ratio() >= OCR_SAME_TEXT)


def _header_keys(first: Fragment, limits: Limits) -> list[str]:
    """The first fragment's rows down to its header's last row, as comparison keys."""
    try:
        layout = locate_header(first.rows, limits)
    except InputError:
        return []
    return [k for k in (_key(r) for r in first.rows[: layout.last_row + 1]) if k]


def _origins(fragment: Fragment, start: int) -> list[RowOrigin]:
    conf = fragment.confidences
    return [RowOrigin(fragment.page, conf[k] if k < len(conf) else ()) for k in range(start, len(fragment.rows))]


def stitch(fragments: Sequence[Fragment], limits: Limits) -> list[Stitched]:
    """FRAGMENTS in reading order joined into whole tables, repeated header rows dropped."""
    tables: list[tuple[list[Row], list[RowOrigin], list[str]]] = []
    previous: Fragment | None = None
    for fragment in fragments:
        ocr = bool(fragment.confidences)
        if previous is not None and tables and continues(previous, fragment):
            rows, origins, header = tables[-1]
            start = 0
            while start < len(fragment.rows) and any(_same(_key(fragment.rows[start]), h, ocr) for h in header):
                start += 1
            rows.extend(fragment.rows[start:])
            origins.extend(_origins(fragment, start))
        else:
            tables.append((list(fragment.rows), _origins(fragment, 0), _header_keys(fragment, limits)))
        previous = fragment
    return [Stitched(tuple(rows), tuple(origins)) for rows, origins, _ in tables]
