"""Fixtures of the sample-case tests: one default build, read back with openpyxl, python-docx and csv."""

from __future__ import annotations

import csv
import json

import pytest
from sample_readers import read_docx_tables, read_leak

from veracity.sample import SampleCase, generate


@pytest.fixture(scope="session")
def case(tmp_path_factory: pytest.TempPathFactory) -> SampleCase:
    return generate(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def truth(case: SampleCase) -> dict:
    return json.loads(case.truth.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def leak_rows(case: SampleCase) -> dict[int, dict[str, object]]:
    return read_leak(case.leak)


@pytest.fixture(scope="session")
def testimony_rows(case: SampleCase) -> list[dict[str, str]]:
    with case.testimonies.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def register_tables(case: SampleCase) -> list[list[list[str]]]:
    return read_docx_tables(case.register)


@pytest.fixture(scope="session")
def claim_rows(case: SampleCase) -> list[dict[str, str]]:
    with case.claims.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

