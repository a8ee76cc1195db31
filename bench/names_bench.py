"""Benchmark of veracity.names against two baselines on ../shared/data/names_dev.csv,
and the throughput of keys() over 1,000,000 synthetic names.

Run: .venv/bin/python bench/names_bench.py [--dev PATH] [--names N] [--workers N]
Prints a Markdown section for bench/RESULTS.md.

Baselines: (a) anyascii (and unidecode) + rapidfuzz token_sort_ratio; (b) nomenklatura's
logic-v2 matcher on FollowTheMoney Person entities (offline). Each baseline is scored at
the threshold that gives it its best F1 over the whole dev set (generous to the baselines);
veracity is scored at its fixed SAME_PERSON_THRESHOLD.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from veracity.names import SAME_PERSON_THRESHOLD, compare, keys

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "names_dev.csv"
SCRIPT_NAMES = {"Latn": "Latin", "Arab": "Arabic", "Hani": "Chinese"}
PAIR_ORDER = ["Chinese-Latin", "Arabic-Latin", "Latin-Latin", "Chinese-Arabic"]


@dataclass(frozen=True)
class Pair:
    a: str
    b: str
    same: bool
    group: str


def load(path: Path) -> list[Pair]:
    pairs = []
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sa, sb = SCRIPT_NAMES[row["script_a"]], SCRIPT_NAMES[row["script_b"]]
            group = next(g for g in PAIR_ORDER if set(g.split("-")) == {sa, sb})
            pairs.append(Pair(row["name_a"], row["name_b"], row["same_person"] == "1", group))
    return pairs


def prf(scores: Sequence[float], pairs: Sequence[Pair], threshold: float) -> tuple[float, float, float]:
    tp = sum(s >= threshold and p.same for s, p in zip(scores, pairs, strict=True))
    fp = sum(s >= threshold and not p.same for s, p in zip(scores, pairs, strict=True))
    fn = sum(s < threshold and p.same for s, p in zip(scores, pairs, strict=True))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_threshold(scores: Sequence[float], pairs: Sequence[Pair]) -> float:
    """The threshold with the best F1, above 0 (at 0 every pair would be called the same)."""
    candidates = sorted(s for s in set(scores) if s > 0)
    return max(candidates, key=lambda t: (prf(scores, pairs, t)[2], -t))


def fuzz_scorer(translit: Callable[[str], str]) -> Callable[[str, str], float]:
    from rapidfuzz import fuzz

    return lambda a, b: fuzz.token_sort_ratio(translit(a).lower(), translit(b).lower()) / 100


def nomenklatura_scorer() -> tuple[Callable[[str, str], float], str] | None:
    try:
        from followthemoney import model
        from nomenklatura import __version__ as version  # type: ignore[attr-defined]
        from nomenklatura.matching import LogicV2, ScoringConfig
    except ImportError:
        return None
    config = ScoringConfig.defaults()
    counter = iter(range(10**9))  # nomenklatura caches by entity id: each entity needs its own

    def person(i: str, name: str):  # type: ignore[no-untyped-def]
        entity = model.make_entity("Person")
        entity.id = i
        entity.add("name", name)
        return entity

    def score(a: str, b: str) -> float:
        n = next(counter)
        return float(LogicV2.compare(person(f"a{n}", a), person(f"b{n}", b), config).score)

    return score, f"nomenklatura {version} logic-v2"


def methods() -> list[tuple[str, Callable[[str, str], float], float | None]]:
    from anyascii import anyascii

    found: list[tuple[str, Callable[[str, str], float], float | None]] = [
        ("veracity.names", lambda a, b: compare(a, b).score, SAME_PERSON_THRESHOLD),
        ("anyascii + token_sort_ratio", fuzz_scorer(anyascii), None),
    ]
    try:
        from unidecode import unidecode

        found.append(("unidecode + token_sort_ratio", fuzz_scorer(unidecode), None))
    except ImportError:
        pass
    nk = nomenklatura_scorer()
    if nk is not None:
        found.append((nk[1], nk[0], None))
    return found


def accuracy_table(pairs: list[Pair]) -> list[str]:
    lines = [
        "| method | threshold | script pair | pairs (same/diff) | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, scorer, fixed in methods():
        scores = [scorer(p.a, p.b) for p in pairs]
        threshold = fixed if fixed is not None else best_threshold(scores, pairs)
        label = f"{threshold:.2f}" + ("" if fixed is not None else " (best F1 on dev)")
        for group in [*PAIR_ORDER, "all"]:
            idx = [i for i, p in enumerate(pairs) if group in {"all", p.group}]
            sub_pairs = [pairs[i] for i in idx]
            p, r, f = prf([scores[i] for i in idx], sub_pairs, threshold)
            same = sum(x.same for x in sub_pairs)
            counts = f"{same}/{len(sub_pairs) - same}"
            lines.append(f"| {name} | {label} | {group} | {counts} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return lines


GIVEN = ["Abdurehim", "Memet", "Ilham", "Gulnar", "Rabiye", "Tursun", "Adil", "Ehmet", "Hesen", "Ayshem",
         "Patigul", "Nurmemet", "Abduweli", "Mutellip", "Dilnigar", "Yusup", "Erkin", "Kamil", "Rozi",
         "Tahir", "Abdukerim", "Gheyret", "Mehmut", "Nurbiye", "Zohre", "Ablimit", "Osman", "Qurban",
         "Tohti", "Obul"]
HANZI = ["阿不都热合木", "买买提", "伊力哈木", "古丽娜尔", "热比娅", "吐尔逊", "阿迪力", "艾合买提", "艾山",
         "阿依先木", "帕提古丽", "努尔买买提", "阿布都外力", "穆塔里甫", "迪丽努尔", "玉素甫", "艾尔肯",
         "卡米力", "肉孜", "塔依尔"]
ARABIC = ["ئابدۇرېھىم", "مەمەت", "ئىلھام", "گۈلنار", "رابىيە", "تۇرسۇن", "ئادىل", "ئەخمەت", "ھەسەن", "ئايشەم"]


def synthetic_names(n: int, seed: int = 5) -> list[str]:
    """N generated names: given name (+ -jan/-gul), patronymic, often a grandfather's name,
    in Latin, Chinese or Arabic script: full names mostly unique, parts much repeated."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        kind = rng.random()
        suffix = rng.choice(["", "", "jan", "gul", "nisa", "han"])
        if kind < 0.5:
            parts = [rng.choice(GIVEN) + suffix, rng.choice(GIVEN), rng.choice(GIVEN)][: rng.choice([2, 3])]
            out.append(" ".join(parts) + (f" {i % 997}" if rng.random() < 0.05 else ""))
        elif kind < 0.8:
            out.append("·".join(rng.choice(HANZI) for _ in range(rng.choice([2, 3]))))
        else:
            out.append(" ".join(rng.choice(ARABIC) for _ in range(rng.choice([2, 3]))))
    return out


def _run_keys(names: Sequence[str]) -> float:
    """The CPU seconds this process spent computing keys() of NAMES."""
    start = time.process_time()
    for n in names:
        keys(n)
    return time.process_time() - start


def throughput(n: int, workers: int) -> list[str]:
    """keys() rate in wall-clock time and in CPU time (the rate the cores would give unshared)."""
    names = synthetic_names(n)
    unique = len(set(names))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [f"{n:,} synthetic names ({unique:,} distinct full names, parts repeated); "
             f"load average before the run {load} on {os.cpu_count()} cores:", ""]
    start = time.perf_counter()
    cpu = _run_keys(names)
    wall = time.perf_counter() - start
    lines.append(f"- 1 process: {n / wall:,.0f} names/s wall clock, {n / cpu:,.0f} names/s of CPU time")
    if workers > 1:
        chunks = [names[i::workers] for i in range(workers)]
        warm = synthetic_names(1000, seed=99)  # other names: start the workers, load the tables
        with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:  # caches start empty
            list(pool.map(_run_keys, [warm] * workers))
            start = time.perf_counter()
            cpus = list(pool.map(_run_keys, chunks))
            wall = time.perf_counter() - start
        lines.append(f"- {workers} processes: {n / wall:,.0f} names/s wall clock, "
                     f"{n / max(cpus):,.0f} names/s of CPU time (the slower worker)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    pairs = load(args.dev)
    print(f"Dev pairs: {len(pairs)} from {args.dev.name}\n")
    print("\n".join(accuracy_table(pairs)))
    print()
    print("\n".join(throughput(args.names, args.workers)))


if __name__ == "__main__":
    main()
