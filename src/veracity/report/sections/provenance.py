"""Provenance: every source file with its hash, size, role and date, and the audit chain's state."""

from __future__ import annotations

from dataclasses import dataclass, replace

from veracity.case import Case
from veracity.integrity import verify_case
from veracity.report.view import View
from veracity.status import SourceState, read_sources


@dataclass(frozen=True)
class Provenance:
    """The sources and what ``veracity verify`` says of the evidence store and the audit chain."""

    sources: tuple[SourceState, ...]
    intact: bool
    problems: tuple[str, ...]
    audit_head: str
    audit_entries: int


def provenance(case: Case, view: View) -> Provenance:
    """Read the sources table and verify the evidence and audit log."""
    sources = tuple(replace(s, source_file=view.text(s.source_file), label=view.text(s.label))
                    for s in read_sources(case))
    report = verify_case(case)
    return Provenance(sources, report.intact, tuple(view.text(p) for p in report.problems), report.head,
                      report.entries)
