"""A case directory: ``case.duckdb`` (all tables), ``evidence/`` and ``audit.log``.

Every change goes through :meth:`Case.change`, one transaction that also
advances the audit chain. A change writes a journal (``pending.json``) before
it touches the store, so a process killed at any point leaves a case that the
next open brings back to the last committed state (see :func:`_recover`).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from veracity import __version__, audit, evidence
from veracity.errors import UsageError
from veracity.schema import MIGRATIONS

DB_NAME = "case.duckdb"
JOURNAL = "pending.json"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


@dataclass
class Change:
    """An open change: its audit detail (filled in as the work proceeds) and the evidence it stored."""

    action: str
    detail: dict[str, object]
    stored: list[str] = field(default_factory=list)


class Case:
    """An open case; use :func:`create_case` or :func:`open_case`, and close it (or use ``with``)."""

    def __init__(self, path: Path, con: duckdb.DuckDBPyConnection) -> None:
        self.path, self.con = path, con

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def meta(self, key: str, default: str = "") -> str:
        rows = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchall()
        return str(rows[0][0]) if rows else default

    def _set_meta(self, key: str, value: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        """The first column of the first row of SQL (None when there is no row)."""
        rows = self.con.execute(sql, params or []).fetchall()
        return rows[0][0] if rows else None

    @property
    def audit_head(self) -> str:
        return self.meta("audit_head", audit.GENESIS)

    @property
    def audit_count(self) -> int:
        return int(self.meta("audit_count", "0"))

    def store_evidence(self, change: Change, source: Path, sha: str) -> None:
        """Put SOURCE into the evidence store as part of CHANGE (journalled first)."""
        change.stored.append(sha)
        _write_journal(self.path, {"stored": change.stored, "entry": None})
        evidence.store(self.path, source, sha)

    @contextmanager
    def change(self, action: str, detail: Mapping[str, object] | None = None, *,
               user: str | None = None) -> Iterator[Change]:
        """One transaction: the body's writes, the new audit head and the log line, or none of them.

        The audit entry names USER (e.g. the review UI's signed-in reviewer), else the system user.
        """
        work = Change(action, dict(detail or {}))
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield work
            entry = audit.make_entry(None, action, work.detail, user=user or _user(), at=_now(),
                                     prev_hash=self.audit_head, seq=self.audit_count + 1)
            _write_journal(self.path, {"stored": work.stored, "entry": entry.line()})
            self._set_meta("audit_head", entry.hash)
            self._set_meta("audit_count", str(entry.seq))
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            for sha in work.stored:
                if not self._references(sha):
                    evidence.discard(self.path, sha)
            _clear_journal(self.path)
            raise
        audit.append(self.path, entry)
        _clear_journal(self.path)

    def _references(self, sha: str) -> bool:
        return bool(self.scalar("SELECT count(*) FROM sources WHERE sha256 = ?", [sha]))


def _write_journal(case_dir: Path, content: Mapping[str, object]) -> None:
    path = case_dir / JOURNAL
    scratch = path.with_suffix(".tmp")
    with scratch.open("w", encoding="utf-8") as handle:
        json.dump(content, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(scratch, path)


def _clear_journal(case_dir: Path) -> None:
    (case_dir / JOURNAL).unlink(missing_ok=True)


def _recover(case: Case) -> None:
    """Finish or undo a change that a killed process left half done, as its journal says."""
    path = case.path / JOURNAL
    if not path.is_file():
        return
    try:
        journal = json.loads(path.read_text("utf-8"))
    except ValueError:
        journal = {"stored": [], "entry": None}
    entry = audit.parse_line(journal["entry"]) if journal.get("entry") else None
    if entry is not None and entry.hash == case.audit_head:
        lines = audit.read_lines(case.path)
        if len(lines) == entry.seq - 1:
            audit.append(case.path, entry)
    else:
        for sha in journal.get("stored", []):
            if not case._references(sha):
                evidence.discard(case.path, sha)
    _clear_journal(case.path)


def _sweep_scratch(case_dir: Path) -> None:
    """Remove partial copies a killed process left in the scratch folder."""
    scratch = case_dir / evidence.SCRATCH
    if scratch.is_dir():
        for leftover in scratch.glob("*.partial"):
            leftover.unlink()


def _connect(db: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with DuckDB's own progress bar off: it would print on stdout, into exports."""
    con = duckdb.connect(str(db), read_only=read_only)
    con.execute("SET enable_progress_bar = false")
    return con


def _migrate(con: duckdb.DuckDBPyConnection, version: int) -> None:
    for number, ddl in enumerate(MIGRATIONS[version:], start=version + 1):
        con.execute("BEGIN TRANSACTION")
        con.execute(ddl)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(number)])
        con.execute("COMMIT")


def create_case(path: Path) -> Case:
    """Make a new case directory at PATH (which must not hold a case already)."""
    if (path / DB_NAME).exists():
        raise UsageError(f"{path}: already a case")
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UsageError(f"{path}: exists and is not an empty directory")
    path.mkdir(parents=True, exist_ok=True)
    (path / evidence.STORE).mkdir()
    (path / audit.LOG_NAME).touch()
    case = Case(path, _connect(path / DB_NAME))
    _migrate(case.con, 0)
    with case.change("init", {"case": path.name, "veracity": __version__}):
        case._set_meta("created_at", _now())
    return case


def open_case(path: Path, *, read_only: bool = False) -> Case:
    """Open the case at PATH, finishing any interrupted change and applying migrations."""
    if not (path / DB_NAME).is_file():
        raise UsageError(f"{path}: not a veracity case (create one with: veracity init {path})")
    try:
        con = _connect(path / DB_NAME, read_only=read_only)
    except duckdb.Error as err:
        raise UsageError(f"{path / DB_NAME}: cannot open ({str(err).splitlines()[0]})") from err
    case = Case(path, con)
    if not read_only:
        _recover(case)
        _sweep_scratch(path)
        version = int(case.meta("schema_version", "0"))
        if version < len(MIGRATIONS):
            _migrate(con, version)
    return case
