"""``veracity add``: files into the evidence store and their rows into records, in one transaction.

For each file: hash it; if the case already holds those bytes, say so and
change nothing; otherwise store it, read its tables, find each header, map
columns to canonical fields and insert one record per data row, with its
locator and every original cell. Unparsable values become ``stage='ingest'``
findings. Any error undoes the whole command.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from veracity.case import Case, Change
from veracity.errors import InputError, UsageError, VeracityError
from veracity.evidence import sha256_of
from veracity.ingest.claims_file import insert_claims
from veracity.ingest.documents import store_document
from veracity.ingest.formats import MediaType, is_html, read_tables, sniff_magic
from veracity.ingest.plain_csv import load_plain_table, plain_lines
from veracity.ingest.provenance import refresh_signals
from veracity.ingest.records import TableLoad, load_table
from veracity.ingest.title_date import StatedDate, latest_stated
from veracity.limits import MIB, Limits
from veracity.progress import Progress, silent

ROLES = ("leak", "reference", "claims")
ADD_MEMORY = 512 * MIB  # DuckDB's memory limit while files are added (4 times their size when that is more)


@dataclass(frozen=True)
class AddRequest:
    """How to add files: their role, label, column overrides, authenticity and limits."""

    role: str
    label: str = ""
    mapping: Mapping[str, str] = field(default_factory=dict)
    authentic: bool = False
    document_date: str = ""  # ISO date the document bears or claims (ages, dates and metadata are judged by it)
    limits: Limits = field(default_factory=Limits)


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one file."""

    source_file: str
    sha256: str
    role: str
    added: bool
    records: int = 0
    tables: int = 0
    media_type: str = ""
    encoding: str = ""
    problems: int = 0
    already_as: str = ""
    notes: tuple[str, ...] = ()

    def sentence(self) -> str:
        """What happened, then a line for each note."""
        if not self.added:
            said = (f"{self.source_file}: already in the case as {self.already_as} "
                    f"(sha256 {self.sha256[:12]}…); nothing added")
        else:
            values = "value" if self.problems == 1 else "values"
            noted = f", {self.problems} {values} kept verbatim but not understood" if self.problems else ""
            said = (f"{self.source_file}: added as {self.role}, {self.records} records from {self.tables} "
                    f"table(s) ({self.media_type}{', ' + self.encoding if self.encoding else ''}){noted}")
        return "\n".join((said, *(f"  note: {note}" for note in self.notes)))

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _check_paths(paths: Sequence[Path], limits: Limits) -> None:
    for path in paths:
        if not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a regular file", source=str(path))
        size = path.stat().st_size
        if size == 0:
            raise InputError("empty file", source=path.name)
        if size > limits.max_file_bytes:
            raise InputError(f"{size} bytes is over the limit of {limits.max_file_bytes}", source=path.name)


def _known(case: Case, sha: str) -> str | None:
    rows = case.con.execute("SELECT source_file, role FROM sources WHERE sha256 = ?", [sha]).fetchall()
    return f"{rows[0][0]} ({rows[0][1]})" if rows else None


def add_files(case: Case, paths: Sequence[Path], request: AddRequest,
              progress: Progress = silent) -> list[AddOutcome]:
    """Add PATHS to CASE; all or nothing. Bytes the case already holds are reported, not added again."""
    if request.role not in ROLES:
        raise UsageError(f"--role {request.role}: expected one of {', '.join(ROLES)}")
    _check_paths(paths, request.limits)
    hashes = [sha256_of(p) for p in paths]
    outcomes: dict[int, AddOutcome] = {}
    todo: list[int] = []
    for k, (path, sha) in enumerate(zip(paths, hashes, strict=True)):
        earlier = _known(case, sha) or next((f"{paths[j].name} (this command)" for j in todo
                                             if hashes[j] == sha), None)
        if earlier:
            outcomes[k] = AddOutcome(path.name, sha, request.role, False, already_as=earlier)
        else:
            todo.append(k)
    if todo:
        detail = {"role": request.role, "label": request.label, "map": dict(request.mapping)}
        size = sum(paths[k].stat().st_size for k in todo)
        with _memory_bounded(case, size), case.change("add", detail) as change:
            added = [_add_guarded(case, change, paths[k], hashes[k], request, progress) for k in todo]
            _check_mapping_used(request.mapping, added)
            refresh_signals(case)
            change.detail["files"] = [{"file": o.source_file, "sha256": o.sha256, "records": o.records}
                                      for o, _ in added]
        outcomes.update({k: o for k, (o, _) in zip(todo, added, strict=True)})
    return [outcomes[k] for k in range(len(paths))]


@contextmanager
def _memory_bounded(case: Case, size: int) -> Iterator[None]:
    """DuckDB's memory limit for adding SIZE bytes of files, the connection's own again after: left at its
    default (most of the machine's memory) DuckDB keeps what the transaction wrote cached in memory."""
    before = case.scalar("SELECT current_setting('memory_limit')")
    case.con.execute(f"SET memory_limit = '{max(ADD_MEMORY, 4 * size) // MIB}MiB'")
    try:
        yield
    finally:
        case.con.execute(f"SET memory_limit = '{before}'")


def _check_mapping_used(mapping: Mapping[str, str], added: Sequence[tuple[AddOutcome, set[str]]]) -> None:
    used = set().union(*(columns for _, columns in added))
    unused = [column for column in mapping if column not in used]
    if unused:
        raise UsageError(f"--map {unused[0]}={mapping[unused[0]]}: no column {unused[0]!r} in "
                         + ", ".join(o.source_file for o, _ in added))


def _add_guarded(case: Case, change: Change, path: Path, sha: str, request: AddRequest,
                 progress: Progress) -> tuple[AddOutcome, set[str]]:
    """_add_one, with any failure the readers did not name turned into an InputError naming the file."""
    try:
        return _add_one(case, change, path, sha, request, progress)
    except VeracityError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError, RecursionError,
            UnicodeError, OSError, duckdb.Error, pa.ArrowException) as error:
        raise InputError(f"could not be read ({type(error).__name__}: {' '.join(str(error).split())[:160]})",
                         source=path.name) from error


def _add_one(case: Case, change: Change, path: Path, sha: str, request: AddRequest,
             progress: Progress) -> tuple[AddOutcome, set[str]]:
    name = path.name
    source_id = int(case.scalar("SELECT coalesce(max(source_id), 0) + 1 FROM sources"))
    case.store_evidence(change, path, sha)
    started = time.monotonic()
    if request.role == "claims" and is_article(path, request.limits):
        return _add_article(case, path, sha, source_id, request), set()
    read = read_tables(path, name, request.limits)
    plain = None
    if read.encoding is not None and read.delimiter is not None and request.role != "claims":
        plain = plain_lines(case.con, path, read.encoding, read.delimiter, request.limits)
    loads: list[TableLoad] = []
    for table_no, raw in enumerate(read.tables, start=1):
        if request.role == "claims":
            loads.append(insert_claims(case, raw, source_id, name, request.limits))
        elif plain is not None:
            loads.append(load_plain_table(case, raw, plain, source_id, name, request, started, progress))
        else:
            loads.append(load_table(case, raw, source_id, name, table_no, request, started, progress))
    text_pages = sum(1 for page in read.document.pages if page.text.strip()) if read.document else 0
    if not any(load.records for load in loads) and not text_pages:
        skipped = next((load.skipped for load in loads if load.skipped), "")
        raise InputError(skipped.removeprefix(f"{name}: ") if skipped else "no data rows (a header alone, or no table)",
                         source=name)
    records = sum(load.records for load in loads)
    encoding = read.encoding.name if read.encoding else ""
    stated = latest_stated([load.stated for load in loads if load.stated])
    _insert_source(case, source_id, sha, path, request, (read.media_type.value, encoding, len(loads), records),
                   stated)
    if read.document is not None:
        store_document(case, source_id, name, read.document)
    pages_note = (f"{text_pages} page(s) of text kept for search and claims",) if text_pages and not records else ()
    outcome = AddOutcome(name, sha, request.role, True, records, len(loads), read.media_type.value, encoding,
                         sum(load.problems for load in loads),
                         notes=(*read.notes, *(load.skipped for load in loads if load.skipped), *pages_note,
                                *_stated_note(stated, request)))
    return outcome, set().union(*(load.mapped for load in loads))


def _insert_source(case: Case, source_id: int, sha: str, path: Path, request: AddRequest,
                   read: tuple[str, str, int, int], stated: StatedDate | None = None) -> None:
    """The provenance row of one added file; READ is (media type, encoding, tables, records); STATED the date its
    title rows state."""
    media_type, encoding, tables, records = read
    case.con.execute(
        "INSERT INTO sources (source_id, sha256, source_file, label, role, media_type, size, added_at, "
        "encoding, n_tables, n_records, authentic, document_date, stated_date, stated_date_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, sha, path.name, request.label, request.role, media_type, path.stat().st_size,
         dt.datetime.now(dt.UTC).replace(tzinfo=None), encoding, tables, records, request.authentic,
         request.document_date or None, stated.iso if stated else None, stated.to_json() if stated else None])


def _stated_note(stated: StatedDate | None, request: AddRequest) -> tuple[str, ...]:
    """The note saying which date the title rows state and what it is used for."""
    if stated is None:
        return ()
    use = (f"--date {request.document_date} is used instead" if request.document_date
           else "ages and dates are judged at it")
    others = f"; other titles state {', '.join(stated.others)}: the latest is kept" if stated.others else ""
    return (f"{stated.place()} states the date {stated.written} ({stated.iso}): {use}{others}",)


def is_article(path: Path, limits: Limits) -> bool:
    """Whether a claims file is an article: an HTML page, or text whose first line is not a claims header."""
    with path.open("rb") as f:
        head = f.read(min(limits.max_file_bytes, 1 << 16))
    if is_html(head):
        return True
    if sniff_magic(head) is not None:
        return False
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
    return b"claim_id" not in first


def _add_article(case: Case, path: Path, sha: str, source_id: int, request: AddRequest) -> AddOutcome:
    """An article (HTML or plain text): its main text, paragraphs and the quotations in them."""
    from veracity.claims.articles import looks_like_html, read_article, store_article

    name = path.name
    article = read_article(path, name, request.limits)
    quotes = store_article(case, article, source_id, name)
    media = MediaType.HTML if looks_like_html(path.read_bytes()[:2048]) else MediaType.TEXT
    _insert_source(case, source_id, sha, path, request, (media.value, "", 0, 0))
    note = (f"article of {len(article.paragraphs)} paragraph(s), {quotes} quotation(s) found: a draft claims "
            "sheet in `veracity export --what quotes`, for a person to confirm")
    return AddOutcome(name, sha, request.role, True, 0, 0, media.value, "", 0, notes=(note,))
