"""``export --what summary``: one JSON object of the case's counts, each computed by SQL.

Counts of records (by role), findings by check, links by level, confirmed
persons and families, verdicts. A count whose stage has not run is ``null``
(not zero), and ``stages`` says which have.
"""

from __future__ import annotations

from dataclasses import dataclass

from veracity.case import Case
from veracity.report.state import CaseState, read_state, stage_ran


@dataclass(frozen=True)
class Summary:
    """The case's counts; None where the stage that makes them has not run."""

    records: int
    records_by_role: dict[str, int]
    sources: int
    findings: int
    findings_by_check: dict[str, int]
    links_by_level: dict[str, int] | None
    confirmed_persons: int | None
    families: int | None
    claims: int
    verdicts: dict[str, int] | None
    stages: dict[str, bool]

    def as_json(self) -> dict[str, object]:
        """The summary as the JSON object ``export`` writes."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _counts(case: Case, sql: str) -> dict[str, int]:
    return {str(k): int(n) for k, n in case.con.execute(sql).fetchall()}


def _confirmed(case: Case, state: CaseState) -> int | None:
    if state.has("persons", "level"):
        return int(case.scalar("SELECT count(*) FROM persons WHERE level = 'confirmed'"))
    if not state.has("links", "source_file_a", "row_a", "level"):
        return None
    rejected = "AND status <> 'rejected'" if state.has("links", "status") else ""
    return int(case.scalar("SELECT count(*) FROM (SELECT DISTINCT source_file_a, row_a FROM links "
                           f"WHERE level = 'confirmed' {rejected})"))


def summarise(case: Case) -> Summary:
    """Count what the case holds."""
    state = read_state(case)
    linked, judged = stage_ran(case, state, "link", "links"), stage_ran(case, state, "judge", "verdicts")
    return Summary(
        records=int(case.scalar("SELECT count(*) FROM records")),
        records_by_role=_counts(case, "SELECT role, count(*) FROM records GROUP BY 1 ORDER BY 1"),
        sources=int(case.scalar("SELECT count(*) FROM sources")),
        findings=int(case.scalar("SELECT count(*) FROM findings")),
        findings_by_check=_counts(case, "SELECT check_id, count(*) FROM findings GROUP BY 1 ORDER BY 1"),
        links_by_level=(_counts(case, "SELECT level, count(*) FROM links GROUP BY 1 ORDER BY 1")
                        if linked and state.has("links", "level") else None),
        confirmed_persons=_confirmed(case, state) if linked else None,
        families=int(case.scalar("SELECT count(*) FROM families")) if linked and state.has("families") else None,
        claims=int(case.scalar("SELECT count(*) FROM claims")),
        verdicts=(_counts(case, "SELECT verdict, count(*) FROM verdicts GROUP BY 1 ORDER BY 1")
                  if judged and state.has("verdicts", "verdict") else None),
        stages={"check": state.ran("check") or bool(case.scalar(
                    "SELECT count(*) FROM findings WHERE stage = 'check'")),
                "link": linked, "judge": judged},
    )
