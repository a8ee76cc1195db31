"""Precision and recall of links against known true pairs (the sample case's truth.json, FEBRL4).

>>> score({("a", 1, "b", 2), ("a", 3, "b", 4)}, {("a", 1, "b", 2)})
Accuracy(true_positives=1, found=2, expected=1, precision=0.5, recall=1.0, f1=0.6667)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from veracity.case import Case

Pair = tuple[str, int, str, int]  # source_file_a, row_a, source_file_b, row_b (sheets folded into files)


@dataclass(frozen=True)
class Accuracy:
    """Counts and ratios of found against expected pairs."""

    true_positives: int
    found: int
    expected: int
    precision: float
    recall: float
    f1: float


def score(found: set[Pair], expected: set[Pair]) -> Accuracy:
    """Precision, recall and F1 of FOUND against EXPECTED (pairs compared in either order)."""
    flipped = {(c, d, a, b) for a, b, c, d in found}
    tp = len(expected & (found | flipped))
    p = tp / len(found) if found else 0.0
    r = tp / len(expected) if expected else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Accuracy(tp, len(found), len(expected), round(p, 4), round(r, 4), round(f1, 4))


def _file(source_file: str, sheet: str) -> str:
    return f"{source_file}|{sheet}" if sheet.startswith("table") else source_file


def truth_pairs(truth: Path, leak_only: bool = True) -> set[Pair]:
    """True pairs of a sample case's truth.json (those with the leak on side a by default)."""
    data = json.loads(truth.read_text("utf-8"))
    leak = {name for name, f in data["files"].items() if f["role"] == "leak"}
    out = set()
    for link in data["links"]:
        a, b = link["a"], link["b"]
        if leak_only and a["source_file"] not in leak:
            continue
        out.add((_file(a["source_file"], a["sheet"]), a["row"], _file(b["source_file"], b["sheet"]), b["row"]))
    return out


def found_pairs(case: Case, levels: Iterable[str] = ("confirmed", "probable", "possible"),
                leak_only: bool = True) -> set[Pair]:
    """The case's links at LEVELS, not rejected (leak on side a by default)."""
    wanted = list(levels)
    marks = ", ".join("?" for _ in wanted)
    leak_filter = ("AND source_file_a IN (SELECT source_file FROM sources WHERE role = 'leak')"
                   if leak_only else "")
    rows = case.con.execute(
        f"SELECT source_file_a, sheet_a, row_a, source_file_b, sheet_b, row_b FROM links "
        f"WHERE status <> 'rejected' AND level IN ({marks}) {leak_filter}", wanted).fetchall()
    return {(_file(fa, sa), int(ra), _file(fb, sb), int(rb)) for fa, sa, ra, fb, sb, rb in rows}
