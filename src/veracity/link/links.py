"""From scored pairs to links: side ``a`` the leak record, a level, the evidence, the rules.

The model's probability gives the level (:class:`~veracity.link.levels.Thresholds`); deterministic
rules follow it, each named in the link's ``rule`` and explained in its evidence (``why``) whenever the
level is not the one the probability reaches:

- ``id_exact``: an exact, valid 18-digit identity number on both sides, and nothing else contradicts
  it (see :func:`conflicts`; a name ``compare`` cannot read contradicts nothing): confirmed.
- ``id_conflict``: the same valid number, but names that share no part and score below the floor, or a
  different sex: a copied, reissued or fabricated number, or two people. The
  model's level, at most probable; at least possible, so that a reviewer sees it.
- ``name_floor``: a name below the floor with no agreeing number drops the model's level one step.

>>> link_id(("a.xlsx", "s", 3), ("b.csv", "", 7))
'a893a5dc2ce0c869'
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from veracity import idnumber
from veracity.link.levels import Level, Settings, Status
from veracity.link.model import LevelInfo
from veracity.names import compare

Loc = tuple[str, str, int]  # source_file, sheet, row
READ = ("unique_id_l", "unique_id_r", "name_text_l", "name_text_r", "id18_l", "id18_r", "match_probability",
        "match_weight")  # what a link is built of, with the gamma_ columns (the scored pairs hold every feature)
BATCH = 65536  # pairs read into Python at a time
ID_AGREES = 2  # gamma of the id comparison at or above which the numbers agree (two digits transposed or better:
# a copying error of the same number)
NAMES_DIFFER = "different names"  # the name level of names that share no part (a patronymic written wrong shares one)
CONTRADICTS = {"sex": "different sex"}  # comparison -> the level that, beside the same valid number, says two people.
# Not the birth: a register that gives ages (at a year it does not state) puts true pairs more than a year apart
ID_EXACT_WHY = ("The same valid 18-digit identity number on both sides, and neither the name nor the sex "
                "contradicts it: confirmed by the number, whatever the model's probability.")
ID_CONFLICT_WHY = ("The same valid 18-digit identity number on both sides, but {}: a copied, reissued or fabricated "
                   "number, or two people. The model's level, at most probable; possible at least, for a reviewer.")


def link_id(a: Loc, b: Loc, parts: tuple[int, int] = (0, 0)) -> str:
    """A stable id of the pair of locators A and B (a reviewer's decision keys on it); PARTS tell the records
    of a row that holds two (a relative listed on the row of the person it is listed under: ``part`` 1).

    >>> link_id(("a.csv", "", 1), ("b.csv", "", 2)) == link_id(("a.csv", "", 1), ("b.csv", "", 2), (0, 1))
    False
    """
    text = "\x1f".join(str(p) for p in (*a, *b)) + ("" if parts == (0, 0) else f"\x1f{parts[0]}\x1f{parts[1]}")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Link:
    """One link, ready for the ``links`` table."""

    a: Loc
    b: Loc
    record_a: int
    record_b: int
    probability: float
    weight: float | None
    level: Level
    status: Status
    name_score: float | None
    rule: str
    evidence: str  # JSON: [{comparison, agreement, bayes_factor}], the name comparison, the rule
    parts: tuple[int, int] = (0, 0)  # each record's place among the records of its row (``store.locators``)

    @property
    def link_id(self) -> str:
        return link_id(self.a, self.b, self.parts)

    def row(self) -> tuple[object, ...]:
        """The row in the ``links`` table's column order."""
        return (self.a[0], self.a[2], self.b[0], self.b[2], self.probability, self.level.value,
                self.status.value, self.link_id, self.a[1], self.b[1], self.record_a, self.record_b,
                self.weight, self.name_score, self.rule, self.evidence)


def name_scores(pairs: Any) -> dict[tuple[str, str], tuple[float | None, str]]:
    """The score (None when ``compare`` cannot read a name's script) and explanation of each DISTINCT
    pair of names of the scored PAIRS (pyarrow), in one pass: links repeat pairs of names (a common name,
    a person in several sources)."""
    distinct = set(zip(pairs.column("name_text_l").to_pylist(), pairs.column("name_text_r").to_pylist(),
                       strict=True))
    return {(a, b): (m.score if m.pairs else None, m.explain()) for a, b in distinct if a and b
            for m in (compare(a, b),)}


def _valid18(number: object) -> bool:
    return isinstance(number, str) and len(number) == 18 and idnumber.validate(number).valid


def _evidence(pair: Mapping[str, Any], levels: dict[str, dict[int, LevelInfo]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for comparison, by_gamma in levels.items():
        info = by_gamma.get(int(pair.get(f"gamma_{comparison}", -1)))
        if info is not None and info.label != "missing on one side":
            out.append({"comparison": comparison, "agreement": info.label,
                        "bayes_factor": None if info.bayes_factor is None else round(info.bayes_factor, 4)})
    return out


def _label(pair: Mapping[str, Any], levels: dict[str, dict[int, LevelInfo]], comparison: str) -> str:
    info = levels.get(comparison, {}).get(int(pair.get(f"gamma_{comparison}", -1)))
    return "" if info is None else info.label


def conflicts(pair: Mapping[str, Any], levels: dict[str, dict[int, LevelInfo]], name_score: float | None,
              name_floor: float) -> list[str]:
    """What in PAIR, besides the identity number, says its two records are different people: names that
    share no part and score below NAME_FLOOR, sexes that differ.

    >>> levels = {"name": {0: LevelInfo("different names", 0.001), 1: LevelInfo("one name part agrees", 0.07)},
    ...           "sex": {0: LevelInfo("different sex", 0.002), 1: LevelInfo("same sex", 2.0)}}
    >>> conflicts({"gamma_name": 0, "gamma_sex": 0}, levels, 0.31, 0.6)
    ['names score 0.31, below 0.6, no part in common', 'different sex']
    >>> conflicts({"gamma_name": 1, "gamma_sex": 1}, levels, 0.26, 0.6)  # a patronymic written wrong
    []
    """
    out = [f"names score {name_score:.2f}, below {name_floor}, no part in common"] if name_score is not None and \
        name_score < name_floor and _label(pair, levels, "name") == NAMES_DIFFER else []
    return out + [label for comparison, label in CONTRADICTS.items() if _label(pair, levels, comparison) == label]


def _judge(pair: Mapping[str, Any], levels: dict[str, dict[int, LevelInfo]], settings: Settings,
           name_score: float | None) -> tuple[Level | None, str, str]:
    """The level, the rule that set it and, when the level is not the probability's, why."""
    level = settings.thresholds.level(float(pair["match_probability"]))
    if pair.get("id18_l") and pair.get("id18_l") == pair.get("id18_r") and _valid18(pair["id18_l"]):
        against = conflicts(pair, levels, name_score, settings.name_floor)
        if not against:
            return Level.CONFIRMED, "id_exact", "" if level is Level.CONFIRMED else ID_EXACT_WHY
        capped = Level.POSSIBLE if level is None else Level.PROBABLE if level is Level.CONFIRMED else level
        return capped, "id_conflict", ID_CONFLICT_WHY.format("; ".join(against))
    agrees = int(pair.get("gamma_id_number", -1)) >= ID_AGREES
    if level is not None and name_score is not None and name_score < settings.name_floor and not agrees:
        return level.lower(), "name_floor", f"Names score {name_score:.2f}, below {settings.name_floor}, and no " \
            "agreeing identity number: one level below the model's."
    return level, "model", ""


def build(pairs: Any, levels: dict[str, dict[int, LevelInfo]], where: dict[int, tuple[Loc, str, int]],
          settings: Settings) -> Iterator[Link]:
    """Links from the scored PAIRS (pyarrow); WHERE gives each record's locator, role and part."""
    scores = name_scores(pairs)
    read = [c for c in pairs.column_names if c.startswith("gamma_") or c in READ]
    for pair in (p for batch in pairs.select(read).to_batches(BATCH) for p in batch.to_pylist()):
        left, right = int(pair["unique_id_l"]), int(pair["unique_id_r"])
        if where[right][1] == "leak" and where[left][1] != "leak":
            left, right = right, left
        score, explained = scores.get((pair["name_text_l"], pair["name_text_r"]), (None, ""))
        level, rule, why = _judge(pair, levels, settings, score)
        if level is None:
            continue
        evidence = {"fields": _evidence(pair, levels), "name": explained, "rule": rule, **({"why": why} if why else {})}
        yield Link(where[left][0], where[right][0], left, right, float(pair["match_probability"]),
                   pair.get("match_weight"), level, Status.AUTO, score, rule,
                   json.dumps(evidence, ensure_ascii=False), (where[left][2], where[right][2]))
