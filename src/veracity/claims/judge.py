"""``veracity judge``: every claim of the case against the records, in one transaction.

For each claim: find the subject (``claims.find``), judge the leak rows of each candidate person
(``claims.rules``), and write one verdict with the records it rests on and one plain sentence of
why. A subject matched to several persons gets their common verdict when their rows agree and
``unverifiable`` when they conflict; a subject matched only by a low name score gets
``unverifiable``; both are said in the sentence. Claims about a group are tallied
(``claims.group``). The reason and decision clauses of every record are written to
``record_reasons`` with their category, so the report's statistics use the same taxonomy.

    with open_case(path) as case:
        summary = judge_case(case)
        print(summary.sentence())
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from veracity.case import Case
from veracity.claims import store
from veracity.claims.find import (
    Candidate,
    Found,
    MatchLevel,
    Presupposition,
    Rec,
    RecordIndex,
    Subject,
    find_subject,
    load_index,
    parse_subject,
)
from veracity.claims.group import (
    GroupSpec,
    Quantifier,
    Tally,
    describe_group,
    group_verdict,
    split_names,
    tally_sentence,
)
from veracity.claims.model import Assertion, Verdict
from veracity.claims.rules import Outcome, is_detainee, judge_person, parse_date
from veracity.claims.taxonomy import Taxonomy, load_taxonomy
from veracity.progress import Progress, silent

# Assertions that take a detention for granted and speak of its reason or its end ("X was not held for
# praying", "X has graduated"): among the persons the name matches, those the leak does not list as detainees
# are set aside before the closest spelling is chosen (unless one bears the name exactly as written).
PRESUPPOSE_DETENTION = frozenset({Assertion.DETAINED_FOR, Assertion.NOT_DETAINED_FOR, Assertion.RELEASED})
CASE_TAXONOMY = "reasons.yaml"  # a case's own taxonomy, next to case.duckdb, replaces the shipped one


@dataclass(frozen=True)
class ClaimRow:
    """One claim as the claims table holds it."""

    claim_id: str
    source_file: str
    sheet: str
    row: int
    subject_name: str
    subject_id: str
    assertion: Assertion
    value: str
    date: str


@dataclass(frozen=True)
class Judged:
    """A claim's verdict, the records it rests on, why, and how the subject was found."""

    claim: ClaimRow
    verdict: Verdict
    sentence: str
    evidence: tuple[Rec, ...]
    level: str
    score: float | None
    candidates: int
    tally: Tally | None = None
    parent: str = ""


@dataclass(frozen=True)
class JudgeSummary:
    """What ``judge`` did: claims judged, count per verdict, groups, reason clauses left uncategorised."""

    claims: int
    verdicts: tuple[tuple[str, int], ...]
    groups: int
    reason_clauses: int
    unmatched_reasons: tuple[str, ...]

    def sentence(self) -> str:
        counts = ", ".join(f"{n} {v}" for v, n in self.verdicts) or "no claims"
        unmatched = (f"; {len(self.unmatched_reasons)} reason wording(s) match no category: "
                     + ", ".join(self.unmatched_reasons[:5]) if self.unmatched_reasons else "")
        return f"judged {self.claims} claim(s) ({self.groups} about groups): {counts}{unmatched}"


_LEVEL_WORDS = {MatchLevel.ID: "found by identity number", MatchLevel.NAME_CONFIRMED: "found by name ({s}) "
                "with an agreeing age or place", MatchLevel.NAME: "found by name alone ({s})",
                MatchLevel.LOW: "matched only by a low name score ({s})"}


def _level(c: Candidate) -> str:
    return _LEVEL_WORDS[c.level].format(s=f"{c.score:.2f}")


def _sentence(*parts: str) -> str:
    text = "; ".join(p for p in parts if p)
    return text[:1].upper() + text[1:] + "."


def _leak(c: Candidate) -> tuple[Rec, ...]:
    return tuple(r for r in c.records if r.role == "leak")


def _not_in_leak(claim: ClaimRow, found: Found) -> Judged:
    refs = [r.item for c in found.candidates for r in c.records]
    where = f"; reference sources name a similar person at {', '.join(refs[:5])}" if refs else ""
    what = "name or identity number" if claim.subject_id else "name"
    return Judged(claim, Verdict.NOT_FOUND, _sentence(f"No leak record holds this {what}{where}", *found.notes),
                  (), "none", None, 0)


def _several(tax: Taxonomy, claim: ClaimRow, cands: Sequence[Candidate]) -> Judged:
    outcomes = [judge_person(tax, claim.assertion, claim.value, _leak(c)) for c in cands]
    rows = "; ".join(f"{_leak(c)[0].item} ({_level(c)})" for c in cands)
    evidence = tuple(r for o in outcomes for r in o.evidence)
    verdicts = {o.verdict for o in outcomes}
    best = max(c.score for c in cands)
    if len(verdicts) == 1:
        return Judged(claim, outcomes[0].verdict, _sentence(
            f"The subject matches {len(cands)} persons in the leak ({rows}) and their rows agree: "
            + outcomes[0].why), evidence, cands[0].level.value, best, len(cands))
    each = "; ".join(f"{o.verdict.value} by {_leak(c)[0].item}" for c, o in zip(cands, outcomes, strict=True))
    return Judged(claim, Verdict.UNVERIFIABLE, _sentence(
        f"The subject matches {len(cands)} persons in the leak whose rows conflict ({each}); not resolved"),
        evidence, cands[0].level.value, best, len(cands))


def judge_single(index: RecordIndex, tax: Taxonomy, claim: ClaimRow, subject: Subject | None = None) -> Judged:
    """The verdict on one claim about one person (SUBJECT, when given, in place of the claim's)."""
    subject = subject or parse_subject(claim.subject_name, claim.subject_id)
    presupposed = Presupposition(lambda rec: is_detainee(tax, rec), "not listed as detainee(s), and the claim "
                                 "speaks of a detention") if claim.assertion in PRESUPPOSE_DETENTION else None
    found = find_subject(index, subject, parse_date(claim.date), presupposed)
    cands = [c for c in found.candidates if _leak(c)]
    if not cands:
        return _not_in_leak(claim, found)
    if all(c.level is MatchLevel.LOW for c in cands):
        rows = ", ".join(_leak(c)[0].item for c in cands)
        return Judged(claim, Verdict.UNVERIFIABLE, _sentence(
            f"The subject is matched only by a low name score ({cands[0].score:.2f}) at {rows}, with no "
            "identity number, age or place agreeing", *found.notes), (), MatchLevel.LOW.value,
            cands[0].score, len(cands))
    cands = [c for c in cands if c.level is not MatchLevel.LOW]
    if len(cands) > 1:
        return _several(tax, claim, cands)
    (cand,) = cands
    outcome = judge_person(tax, claim.assertion, claim.value, _leak(cand))
    return Judged(claim, outcome.verdict, _sentence(outcome.why, _level(cand), *cand.notes, *found.notes),
                  outcome.evidence, cand.level.value, cand.score, 1)


def _in_place(rec: Rec, place: str) -> bool:
    return not place or place in rec.address


def _members(index: RecordIndex, tax: Taxonomy, spec: GroupSpec) -> dict[str, list[Rec]]:
    """The leak persons a described group covers (by identity number, else by row)."""
    persons: dict[str, list[Rec]] = {}
    for rec in index.records:
        if rec.role == "leak" and _in_place(rec, spec.place) and (not spec.detainees_only or is_detainee(tax, rec)):
            persons.setdefault(rec.id_number or f"#{rec.record_id}", []).append(rec)
    return persons


def _tallied(claim: ClaimRow, verdict: Verdict, outcomes: Sequence[Outcome], words: str, tally: Tally,
             stated: int | None) -> Judged:
    wanted = {Verdict.CONTRADICTED: (Verdict.CONTRADICTED,), Verdict.SUPPORTED: (Verdict.SUPPORTED,)}.get(
        verdict, (Verdict.SUPPORTED, Verdict.CONTRADICTED))
    evidence = tuple(r for o in outcomes if o.verdict in wanted for r in o.evidence)
    return Judged(claim, verdict, tally_sentence(words, tally, stated), evidence, "group", None, tally.total,
                  tally)


def _tally(verdicts: Sequence[Verdict]) -> Tally:
    counts = Counter(verdicts)
    return Tally(counts[Verdict.SUPPORTED], counts[Verdict.CONTRADICTED],
                 len(verdicts) - counts[Verdict.SUPPORTED] - counts[Verdict.CONTRADICTED])


def judge_described(index: RecordIndex, tax: Taxonomy, claim: ClaimRow, spec: GroupSpec) -> Judged:
    """A claim about the listed people a phrase describes, judged as a tally of the leak's persons."""
    persons = _members(index, tax, spec)
    outcomes = [judge_person(tax, claim.assertion, claim.value, recs) for recs in persons.values()]
    tally = _tally([o.verdict for o in outcomes])
    place = f" of {spec.place}" if spec.place else ""
    words = f"the {'detainees' if spec.detainees_only else 'persons'}{place} the leak lists"
    return _tallied(claim, group_verdict(spec.quantifier, tally), outcomes, words, tally, spec.stated)


def judge_named(index: RecordIndex, tax: Taxonomy, claim: ClaimRow, names: Sequence[str]) -> Judged:
    """A claim naming several people: each judged alone, the group as a tally (all of them)."""
    ids = split_names(claim.subject_id) if claim.subject_id else ()
    ids = ids if len(ids) == len(names) else ("",) * len(names)
    each = [judge_single(index, tax, claim, parse_subject(name, number))
            for name, number in zip(names, ids, strict=True)]
    tally = _tally([j.verdict for j in each])
    outcomes = [Outcome(j.verdict, j.sentence, j.evidence) for j in each]
    return _tallied(claim, group_verdict(Quantifier.ALL, tally), outcomes, f"the {len(names)} named people",
                    tally, None)


def judge_claim(index: RecordIndex, tax: Taxonomy, claim: ClaimRow) -> Judged:
    """The verdict on CLAIM, whether about one person, named people or a described group."""
    names = split_names(claim.subject_name)
    if len(names) > 1:
        return judge_named(index, tax, claim, names)
    spec = describe_group(claim.subject_name) if not claim.subject_id else None
    if spec is not None:
        return judge_described(index, tax, claim, spec)
    return judge_single(index, tax, claim)


def case_taxonomy(case: Case) -> Taxonomy:
    """The case's own ``reasons.yaml`` when it has one, else the shipped taxonomy."""
    own = Path(case.path) / CASE_TAXONOMY
    return load_taxonomy(own if own.is_file() else None)


def judge_case(case: Case, progress: Progress = silent, taxonomy: Taxonomy | None = None) -> JudgeSummary:
    """Judge every claim of CASE, replacing earlier verdicts, in one ``judge`` change of the audit log."""
    tax = taxonomy or case_taxonomy(case)
    index = load_index(case)
    claims = store.read_claims(case)
    judged: list[Judged] = []
    for k, claim in enumerate(claims, start=1):
        judged.append(judge_claim(index, tax, claim))
        progress("judging claims", k, len(claims))
    parents = {(c.source_file, c.row, c.claim_id) for c in claims}
    judged = [_with_parent(j, parents) for j in judged]
    with case.change("judge", {"taxonomy": tax.source, "claims": len(judged)}) as change:
        store.write_verdicts(case, judged)
        clauses, unmatched = store.write_record_reasons(case, tax, index)
        counts = Counter(j.verdict.value for j in judged)
        change.detail["verdicts"] = dict(sorted(counts.items()))
    return JudgeSummary(len(judged), tuple(sorted(counts.items())), sum(1 for j in judged if j.tally),
                        clauses, unmatched)


def _with_parent(j: Judged, parents: set[tuple[str, int, str]]) -> Judged:
    head, _, tail = j.claim.claim_id.rpartition(".")
    if head and tail.isdigit() and (j.claim.source_file, j.claim.row, head) in parents:
        return Judged(j.claim, j.verdict, j.sentence, j.evidence, j.level, j.score, j.candidates, j.tally, head)
    return j

