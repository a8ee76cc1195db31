"""Who in a leak household is a detainee (学员), why, since when, and what was decided.

Detainees are adults of 18 to 60 when detained; a household has one, at times
two or three. Reasons are drawn by the weights of ``reasons.tsv`` and only
where they can apply (a veil for women, "born in the 1980s" for those born
then, family planning for parents of three or more).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from veracity.sample.people import Household, Person
from veracity.sample.taxonomy import Taxonomy, draw

_WINDOW_START = dt.date(2017, 3, 1)
_WINDOW_DAYS = (dt.date(2018, 10, 31) - _WINDOW_START).days
_RELATION_WEIGHT = {"户主": 5, "妻子": 3, "儿子": 3, "女儿": 2, "儿媳": 2}


@dataclass(frozen=True)
class Detention:
    """A detainee's entry: reason codes, the reason text as written, date detained, decision code."""

    pid: str
    reasons: tuple[str, ...]
    reason_text: str
    detained_on: dt.date
    decision: str


def _excluded(p: Person, children: int) -> frozenset[str]:
    """Reason codes that cannot apply to P."""
    out = set()
    if not 1980 <= p.birth.year <= 1989:
        out.add("born_1980s")
    out.add("beard" if p.sex == "F" else "veil")
    if children < 3:
        out.add("family_planning")
    return frozenset(out)


def _detention(rng: random.Random, tax: Taxonomy, p: Person, children: int) -> Detention:
    """One detainee's reasons, date and decision."""
    excluded = set(_excluded(p, children))
    codes: list[str] = []
    for _ in range(rng.choices((1, 2, 3), weights=(60, 30, 10))[0]):
        code = draw(tax.reasons, rng, frozenset(excluded))
        codes.append(code)
        excluded.add(code)
    text = "；".join(rng.choice(tax.reasons[c].zh) for c in codes)
    detained_on = _WINDOW_START + dt.timedelta(days=rng.randrange(_WINDOW_DAYS))
    return Detention(p.pid, tuple(codes), text, detained_on, draw(tax.decisions, rng))


def candidates(h: Household, persons: dict[str, Person]) -> list[Person]:
    """Members who could be detainees: adults of 18 to 60 in 2017 in the usual relations."""
    return [
        persons[m]
        for m in h.members
        if persons[m].relation in _RELATION_WEIGHT and 18 <= persons[m].age(_WINDOW_START) <= 60
    ]


def detain(rng: random.Random, tax: Taxonomy, h: Household, persons: dict[str, Person]) -> list[Detention]:
    """The detainees of household H (empty when it has no adult of working age)."""
    pool = candidates(h, persons)
    if not pool:
        return []
    count = min(len(pool), rng.choices((1, 2, 3), weights=(90, 9, 1))[0])
    chosen: list[Person] = []
    while len(chosen) < count:
        p = rng.choices(pool, weights=[_RELATION_WEIGHT[q.relation] for q in pool])[0]
        if p not in chosen:
            chosen.append(p)
    out = []
    for p in chosen:
        kids = sum(1 for m in h.members if p.pid in (persons[m].father, persons[m].mother))
        out.append(_detention(rng, tax, p, kids))
    return out
