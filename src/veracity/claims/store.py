"""The claims stage's tables: claims read for judging, verdicts and their evidence, record reasons.

Writers run inside the caller's ``case.change`` transaction and replace what an earlier run wrote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from veracity.case import Case
from veracity.claims.model import Assertion

if TYPE_CHECKING:
    from veracity.claims.find import RecordIndex
    from veracity.claims.judge import ClaimRow, Judged
    from veracity.claims.taxonomy import Taxonomy


def read_claims(case: Case) -> list[ClaimRow]:
    """Every claim of the case, in file and row order (a row with an unknown assertion is skipped)."""
    from veracity.claims.judge import ClaimRow

    rows = case.con.execute(
        'SELECT claim_id, source_file, sheet, "row", subject_name, subject_id, assertion, value, date '
        'FROM claims ORDER BY source_file, sheet, "row", claim_id').fetchall()
    out = []
    for r in rows:
        assertion = Assertion.parse(str(r[6]))
        if assertion is not None:
            out.append(ClaimRow(str(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]), str(r[5]), assertion,
                                str(r[7]), str(r[8])))
    return out


def write_verdicts(case: Case, judged: list[Judged]) -> None:
    """Replace the verdicts and their evidence rows."""
    case.con.execute("DELETE FROM verdicts")
    case.con.execute("DELETE FROM verdict_evidence")
    verdicts, evidence = [], []
    for j in judged:
        c, t = j.claim, j.tally
        items = list(dict.fromkeys(r.item for r in j.evidence))
        verdicts.append([c.claim_id, c.source_file, c.sheet, c.row, j.verdict.value, ";".join(items), j.sentence,
                         j.level, j.score, j.candidates, t.total if t else None, t.supported if t else None,
                         t.contradicted if t else None, t.not_covered if t else None, j.parent or None])
        seen: set[int] = set()
        for r in j.evidence:
            if r.record_id not in seen:
                seen.add(r.record_id)
                evidence.append([c.claim_id, r.record_id, r.locator.source_file, r.locator.sheet, r.locator.row])
    if verdicts:
        case.con.executemany("INSERT INTO verdicts VALUES (" + ", ".join("?" * 15) + ")", verdicts)
    if evidence:
        case.con.executemany("INSERT INTO verdict_evidence VALUES (?, ?, ?, ?, ?)", evidence)


def write_record_reasons(case: Case, tax: Taxonomy, index: RecordIndex) -> tuple[int, tuple[str, ...]]:
    """Replace ``record_reasons``: each reason/decision clause of each record with its category.

    Returns the number of clauses written and the distinct clauses no category matched.
    """
    case.con.execute("DELETE FROM record_reasons")
    rows: list[list[object]] = []
    unmatched: dict[str, None] = {}
    for rec in index.records:
        for field, text, classify in (("reason", rec.reason, tax.classify_reason),
                                      ("decision", rec.decision, tax.classify_decision)):
            if not text:
                continue
            found = classify(text)
            base = [rec.record_id, rec.locator.source_file, rec.locator.sheet, rec.locator.row, field]
            rows += [[*base, text, code] for code in found.codes]
            rows += [[*base, clause, None] for clause in found.unmatched]
            unmatched.update(dict.fromkeys(found.unmatched))
    if rows:
        case.con.executemany("INSERT INTO record_reasons VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows), tuple(unmatched)
