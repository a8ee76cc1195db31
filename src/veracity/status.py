"""``veracity status``: what a case holds — sources, counts, the last audit entry."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from veracity import audit
from veracity.case import Case


@dataclass(frozen=True)
class SourceState:
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
class CaseStatus:
    """A case at a glance."""

    case: str
    sources: tuple[SourceState, ...]
    records: int
    findings: int
    audit_entries: int
    audit_head: str
    last_entry: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def text(self) -> str:
        lines = [f"case {self.case}: {len(self.sources)} sources, {self.records} records, "
                 f"{self.findings} findings"]
        lines += [f"  {s.role:<9} {s.source_file}{f' ({s.label})' if s.label else ''}  {s.records} records, "
                  f"{s.size} bytes, sha256 {s.sha256[:12]}…, added {s.added_at}" for s in self.sources]
        lines.append(f"audit: {self.audit_entries} entries, last: {self.last_entry}")
        return "\n".join(lines)


def read_sources(case: Case) -> tuple[SourceState, ...]:
    """Every added file, in the order it was added."""
    rows = case.con.execute(
        "SELECT source_file, label, role, media_type, size, sha256, "
        "strftime(added_at, '%Y-%m-%d %H:%M:%S UTC'), n_tables, n_records, authentic "
        "FROM sources ORDER BY source_id").fetchall()
    return tuple(SourceState(*row) for row in rows)


def case_status(case: Case) -> CaseStatus:
    """Read the status of CASE."""
    sources = read_sources(case)
    lines = audit.read_lines(case.path)
    last = audit.parse_line(lines[-1]) if lines else None
    last_text = f"#{last.seq} {last.action} by {last.user} at {last.at}" if last else "none"
    return CaseStatus(str(case.path), sources, int(case.scalar("SELECT count(*) FROM records")),
                      int(case.scalar("SELECT count(*) FROM findings")), case.audit_count, case.audit_head,
                      last_text)
