"""What a document gives beyond its tables: page texts, the page (and OCR confidence) of every row, metadata.

A PDF or an image is read in full before its tables are yielded, so the
reader can hand the pipeline a ``Document`` beside the RawTables:
``tables[i].rows[k]`` is the origin of the k-th physical row (0-based) that
the i-th RawTable yields. ``store_document`` writes it to the case tables of
schema v3 (``documents``, ``document_pages``, ``document_rows``); the view
``record_origins`` joins a record to its page and cell confidences through
``source_tables.header_rows`` (physical row = last header row + data row).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from veracity.ingest.metadata import DocumentMetadata

if TYPE_CHECKING:
    from veracity.case import Case


@dataclass(frozen=True)
class PageText:
    """The text of one page (1-based), and for OCR the mean word confidence in [0, 1]."""

    page: int
    text: str
    ocr: bool = False
    confidence: float | None = None


@dataclass(frozen=True)
class RowOrigin:
    """Where a physical row of a RawTable was read: its page, and per cell the OCR confidence (OCR only)."""

    page: int
    confidences: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class TableOrigin:
    """The origins of one RawTable's physical rows, in the order it yields them."""

    name: str
    rows: tuple[RowOrigin, ...]


@dataclass(frozen=True)
class Document:
    """A document's metadata, page texts and row origins (``pages``/``tables`` empty for spreadsheets)."""

    metadata: DocumentMetadata
    pages: tuple[PageText, ...] = ()
    tables: tuple[TableOrigin, ...] = ()
    notes: tuple[str, ...] = field(default=())


def store_document(case: Case, source_id: int, source_file: str, document: Document) -> None:
    """Write DOCUMENT of the source SOURCE_ID into the case (inside the caller's transaction)."""
    meta = document.metadata
    case.con.execute(
        "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, source_file, meta.kind, meta.producer, meta.creator, meta.author,
         meta.created, meta.modified, len(document.pages) or meta.pages,
         json.dumps(list(meta.fonts), ensure_ascii=False), json.dumps(list(meta.page_sizes)),
         meta.camera, meta.taken, json.dumps(list(meta.gps)) if meta.gps else None,
         meta.state.value, json.dumps(dict(meta.fields), ensure_ascii=False)])
    for page in document.pages:
        case.con.execute("INSERT INTO document_pages VALUES (?, ?, ?, ?, ?, ?)",
                         [source_id, source_file, page.page, page.text, page.ocr, page.confidence])
    rows = [(source_id, table.name, k, origin.page,
             json.dumps(list(origin.confidences)) if origin.confidences else None)
            for table in document.tables for k, origin in enumerate(table.rows, 1)]
    if rows:
        case.con.executemany("INSERT INTO document_rows VALUES (?, ?, ?, ?, ?)", rows)
