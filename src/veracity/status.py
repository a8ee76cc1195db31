"""``veracity status``: what a case holds — sources, counts, the last audit entry."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from veracity import audit
from veracity.case import Case
from veracity.ingest.title_date import StatedDate


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
    document_date: str  # --date, "" when not given
    stated_date: str  # the date the title rows state (ISO at its precision), "" when none
    stated_date_at: StatedDate | None = None  # where it was read: sheet, physical title row, the row's text verbatim

    def dates(self) -> str:
        """The dates the source bears, for the text status."""
        said = [f"dated {self.document_date} (--date)"] if self.document_date else []
        if self.stated_date_at is not None:
            said.append(f"title states {self.stated_date_at.written} ({self.stated_date_at.place()})")
        return "".join(f", {s}" for s in said)


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
                  f"{s.size} bytes, sha256 {s.sha256[:12]}…, added {s.added_at}{s.dates()}" for s in self.sources]
        lines.append(f"audit: {self.audit_entries} entries, last: {self.last_entry}")
        return "\n".join(lines)


def read_sources(case: Case) -> tuple[SourceState, ...]:
    """Every added file, in the order it was added."""
    rows = case.con.execute(
        "SELECT source_file, label, role, media_type, size, sha256, "
        "strftime(added_at, '%Y-%m-%d %H:%M:%S UTC'), n_tables, n_records, authentic, coalesce(document_date, ''), "
        "coalesce(stated_date, ''), CAST(stated_date_at AS VARCHAR) FROM sources ORDER BY source_id").fetchall()
    return tuple(_source_state(row[:12], row[12]) for row in rows)


def _source_state(columns: tuple[Any, ...], stated_at: str | None) -> SourceState:
    """One row of ``sources``: its first COLUMNS as read, the stated date's place parsed from STATED_AT."""
    state = SourceState(*columns)
    return replace(state, stated_date_at=StatedDate.from_json(state.stated_date, stated_at)) if stated_at else state


def case_status(case: Case) -> CaseStatus:
    """Read the status of CASE."""
    sources = read_sources(case)
    lines = audit.read_lines(case.path)
    last = audit.parse_line(lines[-1]) if lines else None
    last_text = f"#{last.seq} {last.action} by {last.user} at {last.at}" if last else "none"
    return CaseStatus(str(case.path), sources, int(case.scalar("SELECT count(*) FROM records")),
                      int(case.scalar("SELECT count(*) FROM findings")), case.audit_count, case.audit_head,
                      last_text)
