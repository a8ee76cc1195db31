"""The demo end to end on the synthetic sample case, measured against the generator's truth.

One module-scoped demo build (sample files, case, every stage, both reports); each test checks one
thing a user relies on: planted defects found on their rows, verdicts right, links found, and no
name or identity number in any redacted output.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from veracity.case import Case, open_case
from veracity.demo import DemoResult, run_demo
from veracity.report.export import Format, export_table

from .report.scan import leaks, redacted_outputs


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoResult:
    return run_demo(tmp_path_factory.mktemp("demo") / "d")


@pytest.fixture(scope="module")
def truth(demo: DemoResult) -> dict[str, Any]:
    return dict(json.loads((demo.folder / "sample" / "truth.json").read_text("utf-8")))


@pytest.fixture
def case(demo: DemoResult) -> Any:
    with open_case(demo.case) as opened:
        yield opened


def _table(case: Case, what: str, tmp_path: Path) -> list[dict[str, str]]:
    path = tmp_path / f"{what}.csv"
    export_table(case, what, Format.CSV, path)
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def test_demo_prints_where_the_report_is(demo: DemoResult) -> None:
    text = demo.report.read_text("utf-8")
    assert demo.report.name == "report.html" and "<html" in text.lower()


def test_every_planted_defect_is_found_on_its_row(case: Case, truth: dict[str, Any], tmp_path: Path) -> None:
    found = {(f["check_id"], f["source_file"], f["sheet"], f["row"]) for f in _table(case, "findings", tmp_path)}
    missing = [d for d in truth["defects"]
               if (d["check_id"], d["source_file"], d["sheet"], str(d["row"])) not in found]
    assert missing == []


def test_claims_get_the_verdicts_the_generator_expects(case: Case, truth: dict[str, Any], tmp_path: Path) -> None:
    got = {c["claim_id"]: c["verdict"] for c in _table(case, "claims", tmp_path)}
    wrong = [(c["claim_id"], c["expected_verdict"], got.get(c["claim_id"])) for c in truth["claims"]
             if got.get(c["claim_id"]) != c["expected_verdict"]]
    assert len(wrong) <= len(truth["claims"]) * 0.05, wrong


def test_most_true_leak_links_are_found(case: Case, truth: dict[str, Any], tmp_path: Path) -> None:
    found = {(lk["source_file_a"], lk["row_a"], lk["source_file_b"], lk["row_b"])
             for lk in _table(case, "links", tmp_path)}
    true = {(t["a"]["source_file"], str(t["a"]["row"]), t["b"]["source_file"], str(t["b"]["row"]))
            for t in truth["links"] if t["a"]["source_file"] != t["b"]["source_file"]}
    assert len(true & found) >= 0.8 * len(true)


def test_no_name_or_number_of_the_case_in_any_redacted_output(case: Case, truth: dict[str, Any],
                                                               tmp_path: Path) -> None:
    persons = truth["persons"].values()
    names = {p[k] for p in persons for k in ("name_zh", "name_latin", "name_arabic") if p.get(k)}
    names |= {n.replace("·", "") for n in names}
    numbers = {p["id_number"] for p in persons}
    texts = redacted_outputs(case, tmp_path, pdf=shutil.which("pdftotext") is not None)
    assert leaks(texts, names, numbers) == []
