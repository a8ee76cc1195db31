"""The hash-chained audit log: one JSON line per change to a case.

Each entry carries the hash of the previous one, so editing, reordering or
deleting an entry breaks the chain; the head hash and entry count are also
kept in ``case.duckdb`` so a truncated log is caught too.

>>> first = make_entry(None, "init", {"case": "c"}, user="ana", at="2026-01-01T00:00:00Z")
>>> first.seq, first.prev == GENESIS
(1, True)
>>> second = make_entry(first, "add", {"file": "leak.csv"}, user="ana", at="2026-01-01T00:01:00Z")
>>> chain_problems([first.line(), second.line()], head=second.hash, count=2)
[]
>>> chain_problems([second.line(), first.line()], head=second.hash, count=2)[0]
'audit.log line 1: entry 2 stands where entry 1 should (entries reordered, deleted or inserted)'
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GENESIS = "0" * 64
LOG_NAME = "audit.log"


def _canonical(obj: object) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class AuditEntry:
    """One change to a case: who, when, what, and the chain hashes."""

    seq: int
    at: str
    user: str
    action: str
    detail: Mapping[str, object] = field(default_factory=dict)
    prev: str = GENESIS
    hash: str = ""

    def body(self) -> dict[str, object]:
        """The hashed content: everything but the entry's own hash."""
        return {"seq": self.seq, "at": self.at, "user": self.user, "action": self.action,
                "detail": dict(self.detail), "prev": self.prev}

    def line(self) -> str:
        """The entry as written to audit.log (one line of JSON, no newline)."""
        return _canonical({**self.body(), "hash": self.hash})


def entry_hash(body: Mapping[str, object]) -> str:
    """sha256 of the canonical JSON of an entry's body."""
    return hashlib.sha256(_canonical(dict(body)).encode("utf-8")).hexdigest()


def make_entry(prev: AuditEntry | None, action: str, detail: Mapping[str, object], *,
               user: str, at: str, prev_hash: str | None = None, seq: int | None = None) -> AuditEntry:
    """The entry that follows PREV (or the given hash and sequence number)."""
    before = prev_hash if prev_hash is not None else (prev.hash if prev else GENESIS)
    number = seq if seq is not None else (prev.seq + 1 if prev else 1)
    draft = AuditEntry(number, at, user, action, dict(detail), before)
    return AuditEntry(number, at, user, action, dict(detail), before, entry_hash(draft.body()))


def parse_line(text: str) -> AuditEntry | None:
    """An entry from one log line, or None when the line is not a well-formed entry."""
    try:
        raw = json.loads(text)
        return AuditEntry(int(raw["seq"]), str(raw["at"]), str(raw["user"]), str(raw["action"]),
                          dict(raw["detail"]), str(raw["prev"]), str(raw["hash"]))
    except (ValueError, KeyError, TypeError):
        return None


def _line_problems(number: int, text: str, prev: str, expected_seq: int) -> tuple[list[str], str]:
    where = f"{LOG_NAME} line {number}"
    entry = parse_line(text)
    if entry is None:
        return [f"{where}: not a well-formed audit entry (edited or damaged)"], prev
    problems = []
    if entry.seq != expected_seq:
        problems.append(f"{where}: entry {entry.seq} stands where entry {expected_seq} should "
                        "(entries reordered, deleted or inserted)")
    if entry_hash(entry.body()) != entry.hash:
        problems.append(f"{where}: entry {entry.seq} ({entry.action}) was edited: its hash does not match")
    if entry.prev != prev:
        problems.append(f"{where}: entry {entry.seq} does not follow the entry before it (chain broken)")
    return problems, entry.hash


def chain_problems(lines: Sequence[str], *, head: str, count: int) -> list[str]:
    """Every break in the chain of LINES, and any mismatch with the head and count the case recorded."""
    problems: list[str] = []
    prev = GENESIS
    for number, text in enumerate(lines, start=1):
        found, prev = _line_problems(number, text, prev, number)
        problems.extend(found)
    if len(lines) != count:
        problems.append(f"{LOG_NAME} has {len(lines)} entries but the case recorded {count} "
                        f"(entries deleted or added)")
    elif prev != head:
        problems.append(f"{LOG_NAME} ends at hash {prev[:12]}… but the case recorded head {head[:12]}…")
    return problems


def read_lines(case_dir: Path) -> list[str]:
    """The non-empty lines of a case's audit log (empty when the log is missing)."""
    path = case_dir / LOG_NAME
    if not path.is_file():
        return []
    return [ln for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip()]


def append(case_dir: Path, entry: AuditEntry) -> None:
    """Append ENTRY to the log and flush it to disk."""
    with (case_dir / LOG_NAME).open("a", encoding="utf-8") as log:
        log.write(entry.line() + "\n")
        log.flush()
        os.fsync(log.fileno())
