"""DuckDB and Spark run the same Splink model; Splink and PySpark load only when linkage runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.link.conftest import build_case
from veracity.case import open_case
from veracity.link.evaluate import found_pairs, score
from veracity.link.run import run_link


def test_import_veracity_link_loads_neither_splink_nor_pyspark() -> None:
    code = ("import sys, veracity, veracity.link, veracity.link.run, veracity.link.review; "
            "print(any(m.split('.')[0] in ('splink', 'pyspark') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.spark
def test_spark_and_duckdb_give_the_same_links(tmp_path: Path) -> None:
    case_dir, _ = build_case(tmp_path, scale=0.25)
    found = {}
    for engine in ("duckdb", "spark"):
        with open_case(case_dir) as case:
            run_link(case, engine)
            found[engine] = found_pairs(case, levels=("confirmed", "probable"), leak_only=False)
    agreement = score(found["spark"], found["duckdb"])
    assert agreement.f1 >= 0.99, agreement
