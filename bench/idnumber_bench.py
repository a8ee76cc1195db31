"""Benchmark: veracity.idnumber against python-stdnum and a bare NumPy kernel, same run.

Generates a truth-labelled mixed set of synthetic identity numbers (seeded; no real
person), validates it three ways and reports throughput, ratios and disagreement
with the truth labels. Usage:

    .venv/bin/python bench/idnumber_bench.py [--sizes 1000000 10000000] [--stdnum-sample 200000]

python-stdnum is timed on a sample (it runs at ~20k numbers/s; 10M rows would take
minutes) and its disagreement is measured on that sample.
"""

from __future__ import annotations

import argparse
import datetime
import time
from collections import Counter

import numpy as np
from numpy.typing import NDArray
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from veracity import idnumber
from veracity.idnumber import check_character
from veracity.regions import load_table

TODAY = datetime.date(2025, 6, 1)
KINDS = ("valid18", "valid15", "fullwidth", "checksum", "impossible_date", "future_date", "unknown_region")
WEIGHTS = (0.55, 0.08, 0.05, 0.1, 0.08, 0.07, 0.07)
FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９ｘ")


def _xinjiang_codes() -> list[str]:
    return sorted(r.code for r in load_table() if r.code.startswith("65") and r.code[4:] != "00")


def _date(rng: np.random.Generator, first: int, last: int) -> datetime.date:
    start = datetime.date(first, 1, 1).toordinal()
    return datetime.date.fromordinal(int(rng.integers(start, datetime.date(last, 12, 31).toordinal() + 1)))


def _body(code: str, born: str, rng: np.random.Generator) -> str:
    return f"{code}{born}{int(rng.integers(0, 1000)):03d}"


def make_one(kind: str, codes: list[str], rng: np.random.Generator) -> str:
    """One synthetic number of KIND; valid kinds are valid, the others have exactly that fault."""
    code = codes[int(rng.integers(len(codes)))]
    born = _date(rng, 1930, 2010)
    if kind == "valid15":
        return _body(code, born.strftime("%y%m%d"), rng)
    if kind == "impossible_date":
        body = _body(code, f"{born.year}0230", rng)
    elif kind == "future_date":
        body = _body(code, _date(rng, 2026, 2099).strftime("%Y%m%d"), rng)
    elif kind == "unknown_region":  # half with an unknown prefecture, half an unknown county of Hotan
        unknown = f"65{rng.integers(70, 89)}51" if rng.random() < 0.5 else f"6532{rng.integers(90, 99)}"
        body = _body(unknown, born.strftime("%Y%m%d"), rng)
    else:
        body = _body(code, born.strftime("%Y%m%d"), rng)
    number = body + check_character(body)
    if kind == "checksum":
        number = body + "0123456789X".replace(number[-1], "")[int(rng.integers(10))]
    return number.translate(FULLWIDTH) if kind == "fullwidth" else number


def make_set(n: int, seed: int = 2020) -> tuple[NDArray[np.str_], NDArray[np.bool_], list[str]]:
    """N numbers (as a unicode array), their truth (valid or not) and their kinds.

    Built from a pool of 100,000 distinct numbers tiled to N, which keeps generation fast.
    """
    rng = np.random.default_rng(seed)
    codes = _xinjiang_codes()
    pool_kinds = list(rng.choice(KINDS, size=min(n, 100_000), p=WEIGHTS))
    pool = [make_one(k, codes, rng) for k in pool_kinds]
    index = np.resize(np.arange(len(pool)), n)
    kinds = [pool_kinds[i] for i in index[: min(n, 1_000_000)]]
    truth = np.array([k in ("valid18", "valid15", "fullwidth") for k in pool_kinds])[index]
    return np.array(pool, dtype=np.str_)[index], truth, kinds


def numpy_reference(arr: NDArray[np.str_], known: NDArray[np.bool_], today: int) -> NDArray[np.bool_]:
    """The bare kernel over the same chunks of 65,536 rows as veracity (bounded memory)."""
    step = 1 << 16
    parts = [_reference_chunk(arr[i : i + step], known, today) for i in range(0, len(arr), step)]
    return np.concatenate(parts)


def _reference_chunk(arr: NDArray[np.str_], known: NDArray[np.bool_], today: int) -> NDArray[np.bool_]:
    """The same arithmetic on clean 18-character ASCII numbers only: no normalising, no 15-digit form."""
    codes = np.ascontiguousarray(arr).view(np.uint32).reshape(len(arr), -1)[:, :18]
    d = codes.astype(np.int64) - 48
    digits_ok = ((d[:, :17] >= 0) & (d[:, :17] <= 9)).all(axis=1)
    d17 = np.where(codes[:, 17] == ord("X"), 10, d[:, 17])
    weights = np.array([pow(2, 17 - i, 11) for i in range(17)])
    check_ok = (12 - (d[:, :17] @ weights) % 11) % 11 == d17
    year = d[:, 6] * 1000 + d[:, 7] * 100 + d[:, 8] * 10 + d[:, 9]
    month, day = d[:, 10] * 10 + d[:, 11], d[:, 12] * 10 + d[:, 13]
    dim = np.array([0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(month, 0, 12)]
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    date_ok = (month >= 1) & (month <= 12) & (day >= 1) & (day <= dim - ((month == 2) & ~leap))
    date_ok &= (year >= 1850) & (year * 10000 + month * 100 + day <= today)
    region = np.clip(d[:, :6] @ np.array([100000, 10000, 1000, 100, 10, 1]), 0, 999_999)
    return np.asarray(digits_ok & check_ok & date_ok & known[region])


def stdnum_valid(values: list[str]) -> NDArray[np.bool_]:
    out = []
    for value in values:
        try:
            out.append(ric.is_valid(value))
        except (ValidationError, KeyError, ValueError):
            out.append(False)
    return np.array(out)


def _timed(label: str, n: int, run: object) -> tuple[float, NDArray[np.bool_]]:
    assert callable(run)
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    print(f"  {label:<28} {n:>11,} rows {seconds:8.3f} s {n / seconds:>14,.0f} rows/s")
    return n / seconds, result


def bench(n: int, stdnum_sample: int) -> dict[str, float]:
    arr, truth, kinds = make_set(n)
    known = load_table().known_mask
    today = TODAY.year * 10000 + TODAY.month * 100 + TODAY.day
    print(f"n = {n:,}  ({', '.join(f'{k} {v}' for k, v in sorted(Counter(kinds).items()))} in the first 1M)")
    rate_v, ours = _timed("veracity.validate_many", n, lambda: idnumber.validate_many(arr, today=TODAY))
    rate_np, ref = _timed("numpy reference kernel", n, lambda: numpy_reference(arr, known, today))
    sample = arr[:stdnum_sample].tolist()
    rate_s, theirs = _timed("stdnum.cn.ric.is_valid", len(sample), lambda: stdnum_valid(sample))
    scalar = np.array([idnumber.validate(s, TODAY).valid for s in sample[:20_000]])
    result = {
        "n": n,
        "veracity": rate_v,
        "numpy": rate_np,
        "stdnum": rate_s,
        "veracity_disagree": float(np.mean(ours != truth)),
        "numpy_disagree": float(np.mean(ref != truth)),
        "stdnum_disagree": float(np.mean(theirs != truth[: len(sample)])),
        "scalar_disagree": float(np.mean(scalar != truth[: len(scalar)])),
    }
    print(f"  ratios: veracity/stdnum {rate_v / rate_s:,.0f}x, veracity/numpy {rate_v / rate_np:.2f}")
    print(
        f"  disagreement with truth: veracity {result['veracity_disagree']:.4%},"
        f" scalar validate {result['scalar_disagree']:.4%} (first 20k),"
        f" numpy {result['numpy_disagree']:.2%}, stdnum {result['stdnum_disagree']:.2%}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--stdnum-sample", type=int, default=200_000)
    args = parser.parse_args()
    for n in args.sizes:
        bench(n, args.stdnum_sample)


if __name__ == "__main__":
    main()
