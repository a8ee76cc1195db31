"""Provenance: every source file with its hash, size, role and date, and the audit chain's state."""

from __future__ import annotations

from dataclasses import dataclass

from veracity.case import Case
from veracity.integrity import verify_case
from veracity.report.view import View


@dataclass(frozen=True)
class SourceRow:
    """One added file as the case recorded it."""

    source_file: str
    label: str
    role: str
    media_type: str
    size: int
    sha256: str
    added_at: str
    tables: int
    records: int
    authentic: bool


@dataclass(frozen=True)
class Provenance:
    """The sources and what ``veracity verify`` says of the evidence store and the audit chain."""

    sources: tuple[SourceRow, ...]
    intact: bool
    problems: tuple[str, ...]
    audit_head: str
    audit_entries: int


def provenance(case: Case, view: View) -> Provenance:
    """Read the sources table and verify the evidence and audit log."""
    rows = case.con.execute(
        "SELECT source_file, label, role, media_type, size, sha256, "
        "strftime(added_at, '%Y-%m-%d %H:%M:%S UTC'), n_tables, n_records, authentic "
        "FROM sources ORDER BY source_id").fetchall()
    sources = tuple(SourceRow(view.text(r[0]), view.text(r[1]), *r[2:]) for r in rows)
    report = verify_case(case)
    return Provenance(sources, report.intact, tuple(view.text(p) for p in report.problems), report.head,
                      report.entries)
