"""Claims: each official statement, its speaker and date, the verdict and the records it rests on."""

from __future__ import annotations

from dataclasses import dataclass

from veracity.case import Case
from veracity.report.state import CaseState, stage_ran
from veracity.report.view import View

SHOWN = 200


@dataclass(frozen=True)
class ClaimRow:
    """One claim as the claims file gives it, with its verdict when the claims were judged."""

    claim_id: str
    speaker: str
    date: str
    source: str
    subject: str
    subject_id: str
    assertion: str
    value: str
    quote: str
    cited_at: str
    verdict: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Claims:
    """The claims (at most :data:`SHOWN`), their total and, when judged, the count of each verdict."""

    total: int
    shown: tuple[ClaimRow, ...]
    judged: bool
    verdicts: tuple[tuple[str, int], ...]


def claims(case: Case, state: CaseState, view: View) -> Claims:
    """Read the claims and, when a ``verdicts`` table exists, their verdicts and evidence."""
    judged = state.has("verdicts", "claim_id", "verdict", "evidence") and stage_ran(case, state, "judge",
                                                                                     "verdicts")
    verdict = ("v.verdict, v.evidence" if judged else "NULL, NULL")
    join = "LEFT JOIN verdicts v USING (claim_id)" if judged else ""
    rows = case.con.execute(
        f"SELECT c.claim_id, speaker, date, source, subject_name, subject_id, assertion, value, quote, "
        f"c.source_file, c.\"row\", {verdict} FROM claims c {join} ORDER BY c.source_file, c.\"row\" "
        "LIMIT ?", [SHOWN]).fetchall()
    shown = tuple(ClaimRow(
        claim_id=view.text(r[0]), speaker=view.text(r[1]), date=r[2], source=view.text(r[3]),
        subject=view.person(r[5], r[4]), subject_id=view.id_number(r[5]), assertion=r[6],
        value=view.text(r[7]),
        quote=view.text(r[8]), cited_at=f"{view.text(r[9])}:{r[10]}", verdict=r[11] or "",
        evidence=tuple(view.text(e.strip()) for e in str(r[12] or "").split(";") if e.strip()))
        for r in rows)
    counts = (case.con.execute("SELECT verdict, count(*) FROM verdicts GROUP BY 1 ORDER BY 1").fetchall()
              if judged else [])
    return Claims(int(case.scalar("SELECT count(*) FROM claims")), shown, judged,
                  tuple((str(v), int(n)) for v, n in counts))
