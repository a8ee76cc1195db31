"""Reasons for detention and decisions of the sample leak, read from ``data/sample/reasons.tsv``.

>>> t = load_taxonomy()
>>> t.reasons["relatives_abroad"].en
'relatives abroad'
>>> t.decisions["continue"].zh[0]
'继续培训'
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Category:
    """One reason or decision: stable code, relative weight, English label, Chinese wordings."""

    code: str
    weight: int
    en: str
    zh: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """All reasons and decisions, by code, in file order."""

    reasons: dict[str, Category]
    decisions: dict[str, Category]


def load_taxonomy() -> Taxonomy:
    """Read the reasons and decisions file."""
    text = resources.files("veracity").joinpath("data/sample/reasons.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    kinds: dict[str, dict[str, Category]] = {"reason": {}, "decision": {}}
    for kind, code, weight, en, zh in rows[1:]:
        kinds[kind][code] = Category(code, int(weight), en, tuple(zh.split("|")))
    return Taxonomy(kinds["reason"], kinds["decision"])


def draw(categories: dict[str, Category], rng: random.Random, exclude: frozenset[str] = frozenset()) -> str:
    """One code drawn by weight, leaving out EXCLUDE."""
    codes = [c for c in categories if c not in exclude]
    return rng.choices(codes, weights=[categories[c].weight for c in codes])[0]
