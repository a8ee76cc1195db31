"""The one door of the file readers: detect a file's media type from its bytes, then read its tables.

The extension is never consulted. Magic bytes name PDF, images, legacy
Office (OLE2: read as an ``.xls`` workbook, ``xls_reader``) and zip files; a
zip is XLSX when it holds ``xl/workbook.xml``, DOCX when it holds
``word/document.xml`` and an OpenDocument spreadsheet or text document
(``opendocument``) when it holds ``content.xml`` and ``mimetype``. Text that is an HTML page is read for its tables
(``html_tables``: what many systems export as an ``.xls``), an Excel 2003
XML workbook for its worksheets (``xml_spreadsheet``), other XML is refused,
a JSON array of objects or JSON Lines for its records (``json_records``);
anything else without magic bytes is taken for delimited text and must then
pass the encoding rules and look like text. PDF goes to ``pdf_reader``
(tables, page text, OCR of scanned pages) and images to ``image_reader``
(EXIF, OCR); their errors start with what the file is ("PDF document: ...").
Files recognised but not read (other archives, an OLE2 file without a
workbook) are refused with an InputError saying what they are.
``ReadResult.document`` carries metadata (PDF, XLSX, DOCX, ODS/ODT, images), page
texts and the page of every row (PDF, images), for
``documents.store_document``.

    result = read_tables(path, "leak.xlsx", Limits())
    for table in result.tables:        # consume each table's rows before the next table
        for row in table.rows: ...
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from veracity.errors import InputError
from veracity.ingest.csv_reader import open_csv
from veracity.ingest.documents import Document
from veracity.ingest.docx_reader import open_docx
from veracity.ingest.encoding import TextEncoding, detect_encoding
from veracity.ingest.guard import FileGuard
from veracity.ingest.html_tables import parse_tables
from veracity.ingest.json_records import is_json, open_json
from veracity.ingest.metadata import DocumentMetadata, office_metadata, opendocument_metadata
from veracity.ingest.opendocument import SPREADSHEET, TEXT_DOCUMENT, document_kind, open_opendocument
from veracity.ingest.table import RawTable
from veracity.ingest.xls_reader import open_xls
from veracity.ingest.xlsx_reader import open_xlsx
from veracity.ingest.xml_spreadsheet import is_xml, is_xml_spreadsheet, open_xml_spreadsheet
from veracity.ingest.zipguard import check_zip, member_names
from veracity.limits import Limits

HEAD_BYTES = 1 << 16


class MediaType(enum.Enum):
    """What a file is, as recorded in provenance (a MIME type)."""

    CSV = "text/csv"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    PDF = "application/pdf"
    IMAGE = "image/*"
    XLS = "application/vnd.ms-excel"  # legacy Excel (BIFF) in an OLE2 compound file
    ODS = SPREADSHEET  # OpenDocument (LibreOffice): a spreadsheet's sheets
    ODT = TEXT_DOCUMENT  # a text document's tables
    ZIP = "application/zip"
    BINARY = "application/octet-stream"
    HTML = "text/html"          # its tables (a leak or reference), or an article (--role claims)
    XML_SPREADSHEET = "application/xml"  # Excel 2003 XML (SpreadsheetML)
    TEXT = "text/plain"         # an article's plain text (--role claims)
    JSON = "application/json"   # a database export: an array of objects, or JSON Lines


MAGIC: tuple[tuple[bytes, MediaType, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", MediaType.IMAGE, "PNG image"),
    (b"\xff\xd8\xff", MediaType.IMAGE, "JPEG image"),
    (b"GIF87a", MediaType.IMAGE, "GIF image"),
    (b"GIF89a", MediaType.IMAGE, "GIF image"),
    (b"II*\x00", MediaType.IMAGE, "TIFF image"),
    (b"MM\x00*", MediaType.IMAGE, "TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", MediaType.XLS, "legacy Office file (OLE2)"),
    (b"PK\x03\x04", MediaType.ZIP, "zip archive"),
    (b"PK\x05\x06", MediaType.ZIP, "empty zip archive"),
    (b"\x1f\x8b", MediaType.BINARY, "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", MediaType.BINARY, "7-Zip archive"),
    (b"Rar!\x1a\x07", MediaType.BINARY, "RAR archive"),
    (b"{\\rtf", MediaType.BINARY, "RTF document"),
)


@dataclass(frozen=True)
class Detected:
    """A media type and the words that name the kind of file in messages."""

    media_type: MediaType
    what: str


@dataclass(frozen=True)
class ReadResult:
    """A file's media type, how its text was decoded (text only), and its tables, lazily.

    ``tables`` is a one-pass iterator; read each table's rows before asking for
    the next table (the XLSX workbook is closed after the last). ``notes``
    says what the reader noticed or chose (hidden sheets, a single column).
    ``document`` is the file's metadata, page texts and row origins (None for CSV).
    """

    media_type: MediaType
    tables: Iterator[RawTable]
    encoding: TextEncoding | None = None
    delimiter: str | None = None
    notes: tuple[str, ...] = ()
    document: Document | None = None


def sniff_magic(head: bytes) -> Detected | None:
    """The kind of file named by its first bytes, or None for (presumably) text.

    >>> sniff_magic(b"\\x89PNG\\r\\n\\x1a\\n....").what
    'PNG image'
    >>> sniff_magic(b"%PDF-1.7").media_type
    <MediaType.PDF: 'application/pdf'>
    >>> sniff_magic("姓名,性别".encode()) is None
    True
    """
    for magic, media_type, what in MAGIC:
        if head.startswith(magic):
            return Detected(media_type, what)
    if b"%PDF-" in head[:1024]:
        return Detected(MediaType.PDF, "PDF document")
    if head[4:8] == b"ftyp" or (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return Detected(MediaType.IMAGE, "HEIF/WebP image or video")
    return None


def is_html(head: bytes) -> bool:
    """Whether a file's first bytes are an HTML page (after a byte-order mark and white space).

    >>> is_html(b"\\xef\\xbb\\xbf <!DOCTYPE html><html>")
    True
    >>> is_html(b"claim_id,speaker,date")
    False
    """
    text = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<table")) or b"<html" in text[:512]


def classify_zip(names: list[str]) -> Detected:
    """XLSX, DOCX or another zip, by the members it holds.

    >>> classify_zip(["[Content_Types].xml", "xl/workbook.xml"]).media_type
    <MediaType.XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'>
    >>> classify_zip(["xl/workbook.bin"]).what
    'Excel binary workbook (.xlsb)'
    """
    lowered = {name.lower() for name in names}
    if "xl/workbook.xml" in lowered:
        return Detected(MediaType.XLSX, "Excel workbook")
    if "word/document.xml" in lowered:
        return Detected(MediaType.DOCX, "Word document")
    if "xl/workbook.bin" in lowered:
        return Detected(MediaType.ZIP, "Excel binary workbook (.xlsb)")
    if "content.xml" in lowered and "mimetype" in lowered:
        return Detected(MediaType.ODS, "OpenDocument file")  # or ODT: its mimetype member says (``document_kind``)
    return Detected(MediaType.ZIP, "zip archive without a workbook or Word document")


def read_tables(path: Path, source_file: str, limits: Limits) -> ReadResult:
    """Detect what the file at ``path`` is and return its tables; ``source_file`` names it in errors."""
    guard = FileGuard(source_file, limits)
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
    except OSError as exc:
        raise guard.failure(exc) from None
    if size == 0:
        raise guard.error("empty file")
    if size > limits.max_file_bytes:
        raise guard.error(f"{size} bytes, more than the limit of {limits.max_file_bytes}")
    detected = sniff_magic(head)
    if detected is None:
        return _read_text(path, head, guard)
    if detected.media_type is MediaType.ZIP:
        detected = classify_zip(member_names(path, guard))
    if detected.media_type in (MediaType.XLSX, MediaType.DOCX, MediaType.XLS):
        return _read_office(path, detected, guard)
    if detected.media_type is MediaType.ODS:
        check_zip(path, guard)
        kind = document_kind(path, guard)
        document = _office_document(path, "ods" if kind == SPREADSHEET else "odt", guard)
        tables = open_opendocument(path, kind, guard)
        return ReadResult(MediaType(kind), iter(tables), notes=document.notes, document=document)
    if detected.media_type in (MediaType.PDF, MediaType.IMAGE):
        return _read_document(path, detected, guard)
    raise guard.error(f"{detected.what} ({detected.media_type.value}), not a table veracity reads yet")


def _read_text(path: Path, head: bytes, guard: FileGuard) -> ReadResult:
    """A file without magic bytes: an HTML page's tables, an Excel 2003 XML workbook, JSON records, or delimited
    text; other XML is refused."""
    if is_html(head):
        return _read_html(path, head, guard)
    if is_xml_spreadsheet(head):
        sheets = open_xml_spreadsheet(path, guard)
        return ReadResult(MediaType.XML_SPREADSHEET, iter(sheets), notes=("Excel 2003 XML workbook",))
    if is_xml(head):
        raise guard.error("an XML document, not a table veracity reads (Excel 2003 XML workbooks are read)")
    encoding, scan = detect_encoding(path, head, guard)
    if is_json(head[encoding.bom:].decode(encoding.codec, errors="ignore")):
        return ReadResult(MediaType.JSON, iter([open_json(path, encoding, guard)]), encoding,
                          notes=("JSON records: a row per object, a column per key",))
    sniffed, table = open_csv(path, head, encoding, scan, guard)
    notes: tuple[str, ...] = () if sniffed.fields > 1 else ("no delimiter found: read as one column",)
    return ReadResult(MediaType.CSV, iter([table]), encoding, sniffed.delimiter, notes)


def _read_office(path: Path, detected: Detected, guard: FileGuard) -> ReadResult:
    """An XLSX, DOCX or legacy XLS file's tables (with the zip checked first, and metadata, for XLSX/DOCX); the
    errors of opening an XLS say what the file is, as a PDF's do."""
    media_type = detected.media_type
    if media_type is MediaType.XLS:
        try:
            notes, tables = open_xls(path, guard)
        except InputError as exc:
            raise guard.error(f"{detected.what}: {exc.message}", exc.place) from None
        return ReadResult(MediaType.XLS, tables, notes=("Excel 97-2003 workbook (.xls)", *notes))
    check_zip(path, guard)
    kind = "xlsx" if media_type is MediaType.XLSX else "docx"
    document = _office_document(path, kind, guard)
    if media_type is MediaType.XLSX:
        notes, tables = open_xlsx(path, guard)
        return ReadResult(MediaType.XLSX, tables, notes=notes + document.notes, document=document)
    return ReadResult(MediaType.DOCX, open_docx(path, guard), notes=document.notes, document=document)


def _read_html(path: Path, head: bytes, guard: FileGuard) -> ReadResult:
    """An HTML page's tables; a page without a table row is refused (as a claims file it is an article)."""
    encoding, _ = detect_encoding(path, head, guard)
    tables = parse_tables(encoding.decode(path.read_bytes()), guard)
    if not tables:
        raise guard.error("an HTML page (text/html) without a table; add it with --role claims to read it as an "
                          "article")
    if len(tables) > guard.limits.max_sheets:
        raise guard.error(f"{len(tables)} tables, more than {guard.limits.max_sheets}")
    return ReadResult(MediaType.HTML, iter(tables), encoding, notes=(f"HTML page: {len(tables)} table(s)",))


def _office_document(path: Path, kind: str, guard: FileGuard) -> Document:
    """XLSX/DOCX/ODS/ODT metadata; unreadable properties are a note, not a refusal (the tables may be sound)."""
    read = opendocument_metadata if kind in ("ods", "odt") else office_metadata
    try:
        return Document(read(path, kind, guard))
    except InputError as exc:
        return Document(DocumentMetadata(kind), notes=(f"document properties unreadable: {exc.message}",))


def _read_document(path: Path, detected: Detected, guard: FileGuard) -> ReadResult:
    """A PDF or an image through its reader; errors say what the file is."""
    from veracity.ingest.image_reader import open_image
    from veracity.ingest.pdf_reader import open_pdf

    try:
        read = open_pdf(path, guard) if detected.media_type is MediaType.PDF else open_image(path, guard)
    except InputError as exc:
        raise guard.error(f"{detected.what}: {exc.message}", exc.place) from None
    return ReadResult(detected.media_type, iter(read.tables), notes=read.notes, document=read.document)
