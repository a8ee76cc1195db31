"""Claims benchmark: verdict accuracy on sample cases, quote precision and recall on annotated articles.

    .venv/bin/python bench/claims_bench.py [--seeds 2020 2021 2022] [--scale 1.0]

Verdicts: each seed's sample case is generated, added (leak, references, claims) and judged; a
claim is right when its verdict equals truth.json's ``expected_verdict``. Claims whose subject shares
its full name with another person of the leak (namesakes the claim cannot tell apart) are also
counted apart, since the honest verdict for them may be ``unverifiable``.

Quotes: every page of tests/claims/articles is read as ``veracity add --role claims`` reads it; a
found quotation matches an annotated one when their words agree (folded, one containing the other
with at least 80 % of its length) and their speakers agree (folded, leading article dropped).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from veracity.case import create_case
from veracity.claims.articles import read_article
from veracity.claims.judge import judge_case
from veracity.claims.quotes import Quote, find_quotes
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.limits import Limits
from veracity.sample import generate

ARTICLES = Path(__file__).resolve().parent.parent / "tests" / "claims" / "articles"


@dataclass(frozen=True)
class VerdictScore:
    seed: int
    right: int
    total: int
    wrong: tuple[str, ...]
    seconds: float


def fold(text: str) -> str:
    text = re.sub(r"[^\w\s]", "", text.lower())
    return re.sub(r"^(the|a|an)\s+", "", " ".join(text.split()))


def same_quote(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    short, long_ = sorted((fa, fb), key=len)
    return bool(short) and short in long_ and len(short) >= 0.8 * len(long_)


def judge_seed(seed: int, scale: float, work: Path) -> VerdictScore:
    sample = generate(work / f"sample{seed}", seed=seed, scale=scale)
    truth = json.loads(sample.truth.read_text(encoding="utf-8"))
    expected = {c["claim_id"]: c["expected_verdict"] for c in truth["claims"]}
    with create_case(work / f"case{seed}") as case:
        add_files(case, [sample.leak], AddRequest("leak"))
        add_files(case, [sample.testimonies, sample.register], AddRequest("reference"))
        add_files(case, [sample.claims], AddRequest("claims"))
        started = time.monotonic()
        judge_case(case)
        seconds = time.monotonic() - started
        got = dict(case.con.execute("SELECT claim_id, verdict FROM verdicts").fetchall())
    wrong = tuple(f"{c}: {got.get(c)} (expected {v})" for c, v in expected.items() if got.get(c) != v)
    return VerdictScore(seed, len(expected) - len(wrong), len(expected), wrong, seconds)


def quote_scores() -> tuple[int, int, int, list[str]]:
    """(true positives, found, annotated, misses and false hits described)."""
    tp = found = annotated = 0
    notes: list[str] = []
    for page in sorted([*ARTICLES.glob("*.html"), *ARTICLES.glob("*.txt")]):
        gold = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
        quotes: list[Quote] = find_quotes(read_article(page, page.name, Limits()).paragraphs)
        found += len(quotes)
        annotated += len(gold)
        used: set[int] = set()
        for q in quotes:
            hit = next((k for k, g in enumerate(gold) if k not in used and same_quote(q.quote, g["quote"])
                        and fold(q.speaker) == fold(g["speaker"])), None)
            if hit is None:
                notes.append(f"{page.name}: extra or wrong {q.speaker!r}: {q.quote!r}")
            else:
                used.add(hit)
                tp += 1
        notes += [f"{page.name}: missed {g['speaker']!r}: {g['quote']!r}" for k, g in enumerate(gold) if k not in used]
    return tp, found, annotated, notes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="*", default=[2020, 2021, 2022, 2023, 2024])
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    right = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            score = judge_seed(seed, args.scale, Path(tmp))
            right, total = right + score.right, total + score.total
            print(f"seed {seed}: {score.right}/{score.total} verdicts right, judged in {score.seconds:.1f} s")
            for line in score.wrong:
                print(f"  {line}")
    print(f"verdict accuracy: {right}/{total} = {right / total:.3f}")
    tp, found, annotated, notes = quote_scores()
    print(f"quotes: {tp} right of {found} found, {annotated} annotated: precision {tp / found:.3f}, "
          f"recall {tp / annotated:.3f}")
    for note in notes:
        print(f"  {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
