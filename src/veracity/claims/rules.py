"""What one person's leak rows say of one assertion: a verdict, the rows it rests on, and why.

Pure: no case, no I/O. A leak row marks a detainee when its person category (人员类别) says so
(学员, 在培人员 ...) or, with no category, when it carries a reason or a detention date; a row of a
relative (家属) is not evidence of detention. Reasons and decisions are read through the taxonomy.

- ``never_detained``: contradicted by a detainee row, supported when the person is listed only as a
  relative; ``detained`` the reverse.
- ``detained_for X``: supported when a reason maps to X (or a kind of X), contradicted when the
  reasons map only to other categories or the person is listed only as a relative, unverifiable
  when there is no reason, only a broader category (X's parent), or a clause the taxonomy does not know.
- ``not_detained_for X``: the reverse.
- ``released`` (value: empty, a decision, or a date): the decision's status — released supports,
  still held contradicts, recommended or planned is unverifiable; a detention dated after a claimed
  release date contradicts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from veracity.claims.find import Rec
from veracity.claims.model import Assertion, Verdict
from veracity.claims.taxonomy import DecisionStatus, PersonStatus, Taxonomy

_DATE = re.compile(r"(\d{4})(?:[-./年](\d{1,2}))?(?:[-./月](\d{1,2}))?")


@dataclass(frozen=True)
class Outcome:
    """A verdict about one person, the rows it rests on, and a clause saying why."""

    verdict: Verdict
    why: str
    evidence: tuple[Rec, ...] = ()


def is_detainee(tax: Taxonomy, rec: Rec) -> bool:
    """Whether a row marks a detainee (its category, or with none a reason or detention date)."""
    status = tax.person_status(rec.category) if rec.category else PersonStatus.UNKNOWN
    if status is PersonStatus.DETAINEE:
        return True
    return status is PersonStatus.UNKNOWN and bool(rec.reason or rec.detained_on)


def parse_date(text: str) -> dt.date | None:
    """The first date in TEXT (a missing month or day read as the last one, the latest it can mean).

    >>> parse_date("2018年5月")
    datetime.date(2018, 5, 31)
    >>> parse_date("graduated") is None
    True
    """
    m = _DATE.search(text)
    if not m:
        return None
    year, month = int(m[1]), int(m[2] or 12)
    if not 1 <= month <= 12:
        return None
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    day = int(m[3]) if m[3] else last
    return dt.date(year, month, day) if 1 <= day <= last else None


def _rows(recs: Sequence[Rec]) -> str:
    return ", ".join(r.item for r in recs)


def _presence(tax: Taxonomy, assertion: Assertion, leak: Sequence[Rec]) -> Outcome:
    held = [r for r in leak if is_detainee(tax, r)]
    relative = [r for r in leak if tax.person_status(r.category) in (PersonStatus.RELATIVE, PersonStatus.WATCHED)]
    claims_held = assertion is Assertion.DETAINED
    if held:
        cat = held[0].category or "reason given"
        return Outcome(Verdict.SUPPORTED if claims_held else Verdict.CONTRADICTED,
                       f"the leak lists the person as a detainee ({cat}) at {_rows(held)}", tuple(held))
    if relative:
        return Outcome(Verdict.CONTRADICTED if claims_held else Verdict.SUPPORTED,
                       f"the leak lists the person only as {relative[0].category}, with no detention, at "
                       f"{_rows(relative)}", tuple(relative))
    return Outcome(Verdict.UNVERIFIABLE, f"the leak rows {_rows(leak)} do not say whether the person was held",
                   tuple(leak))


def _reason(tax: Taxonomy, assertion: Assertion, value: str, leak: Sequence[Rec]) -> Outcome:
    code = tax.resolve_reason(value)
    if code is None:
        return Outcome(Verdict.UNVERIFIABLE, f"{value!r} is not a reason category of {tax.source}")
    label = tax.reasons[code].labels.en
    held = [r for r in leak if is_detainee(tax, r)]
    positive = assertion is Assertion.DETAINED_FOR
    if not held:
        presence = _presence(tax, Assertion.DETAINED, leak)
        if presence.verdict is Verdict.CONTRADICTED:
            return Outcome(Verdict.CONTRADICTED if positive else Verdict.SUPPORTED, presence.why, presence.evidence)
        return presence
    with_reason = [r for r in held if r.reason]
    if not with_reason:
        return Outcome(Verdict.UNVERIFIABLE, f"the leak row {_rows(held)} gives no reason", tuple(held))
    read = {r.record_id: tax.classify_reason(r.reason) for r in with_reason}
    hits = [r for r in with_reason if any(tax.is_within(c, code) for c in read[r.record_id].codes)]
    if hits:
        return Outcome(Verdict.SUPPORTED if positive else Verdict.CONTRADICTED,
                       f"the leak gives the reason {hits[0].reason!r} ({label}) at {_rows(hits)}", tuple(hits))
    codes = [c for r in with_reason for c in read[r.record_id].codes]
    unmatched = [u for r in with_reason for u in read[r.record_id].unmatched]
    broader = [c for c in codes if c in tax.ancestors(code)]
    reasons = "; ".join(r.reason for r in with_reason)
    if broader or unmatched:
        what = (f"only the broader category {tax.reasons[broader[0]].labels.en!r}" if broader
                else f"a reason the taxonomy does not categorise ({unmatched[0]!r})")
        return Outcome(Verdict.UNVERIFIABLE, f"the leak gives {what} at {_rows(with_reason)}",
                       tuple(with_reason))
    return Outcome(Verdict.CONTRADICTED if positive else Verdict.SUPPORTED,
                   f"the leak gives other reasons ({reasons!r}), not {label}, at {_rows(with_reason)}",
                   tuple(with_reason))


def _released(tax: Taxonomy, value: str, leak: Sequence[Rec]) -> Outcome:
    held = [r for r in leak if is_detainee(tax, r)]
    if not held:
        return _presence(tax, Assertion.DETAINED, leak)  # listed only as a relative: contradicted
    claimed = parse_date(value) if value else None
    later = [r for r in held if claimed and (d := parse_date(r.detained_on)) and d > claimed]
    if later:
        return Outcome(Verdict.CONTRADICTED, f"the leak has the person detained on {later[0].detained_on}, "
                       f"after the release claimed ({value}), at {_rows(later)}", tuple(later))
    decided = [r for r in held if r.decision]
    if not decided:
        return Outcome(Verdict.UNVERIFIABLE, f"the leak row {_rows(held)} records no decision", tuple(held))
    statuses = {s for r in decided for c in tax.classify_decision(r.decision).codes
                if (s := tax.decisions[c].status) is not None}
    shown = f"the leak's decision is {decided[0].decision!r} at {_rows(decided)}"
    if DecisionStatus.RELEASED in statuses:
        return Outcome(Verdict.SUPPORTED, shown, tuple(decided))
    if DecisionStatus.HELD in statuses:
        return Outcome(Verdict.CONTRADICTED, shown + ", still held", tuple(decided))
    return Outcome(Verdict.UNVERIFIABLE, shown + ", which does not record a release", tuple(decided))


def judge_person(tax: Taxonomy, assertion: Assertion, value: str, leak: Sequence[Rec]) -> Outcome:
    """The verdict the leak rows LEAK of one person give on ASSERTION with VALUE."""
    if assertion in (Assertion.NEVER_DETAINED, Assertion.DETAINED):
        return _presence(tax, assertion, leak)
    if assertion in (Assertion.DETAINED_FOR, Assertion.NOT_DETAINED_FOR):
        return _reason(tax, assertion, value, leak)
    return _released(tax, value, leak)
