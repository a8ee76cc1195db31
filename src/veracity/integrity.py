"""``veracity verify``: recompute every evidence hash and walk the audit chain."""

from __future__ import annotations

from dataclasses import dataclass

from veracity import audit, evidence
from veracity.case import Case


@dataclass(frozen=True)
class IntegrityReport:
    """What verify found: each problem named, and the head a user can note elsewhere."""

    problems: tuple[str, ...]
    head: str
    entries: int
    files: int

    @property
    def intact(self) -> bool:
        return not self.problems


def verify_case(case: Case) -> IntegrityReport:
    """Check the evidence store against the sources table and the audit log against the recorded head."""
    expected = {str(sha): str(name) for sha, name in
                case.con.execute("SELECT sha256, source_file FROM sources").fetchall()}
    problems = evidence.store_problems(case.path, expected)
    problems += audit.chain_problems(audit.read_lines(case.path), head=case.audit_head,
                                     count=case.audit_count)
    return IntegrityReport(tuple(problems), case.audit_head, case.audit_count, len(expected))
