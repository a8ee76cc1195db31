"""Redaction: stable pseudonyms, a secret made once, and no name or number in any redacted output."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest

from veracity.case import Case, open_case
from veracity.errors import UsageError
from veracity.report.build import write_report
from veracity.report.export import Format, export_table
from veracity.report.redact import SECRET_KEY, NameIndex, Redactor

from .scan import leaks, redacted_outputs
from .synthetic import Synthetic


def _pseudonym_in_records(case: Case, out: Path, row: int) -> str:
    export_table(case, "records", Format.CSV, out, redact=True)
    with out.open(encoding="utf-8") as handle:
        return next(r["name"] for r in csv.DictReader(handle) if r["role"] == "leak" and r["row"] == str(row))


def test_no_name_or_number_in_any_redacted_output(opened: Case, synthetic: Synthetic, tmp_path: Path) -> None:
    pdf = importlib.util.find_spec("weasyprint") is not None
    texts = redacted_outputs(opened, tmp_path, pdf=pdf)
    assert leaks(texts, synthetic.names(), synthetic.id_numbers()) == []


def test_unredacted_report_does_name_people(opened: Case, synthetic: Synthetic, tmp_path: Path) -> None:
    write_report(opened, tmp_path / "r.html", redact=False)
    assert leaks({"r.html": (tmp_path / "r.html").read_text("utf-8")}, synthetic.names(), set())


def test_person_keeps_one_pseudonym_across_report_and_export(opened: Case, tmp_path: Path) -> None:
    pseudonym = _pseudonym_in_records(opened, tmp_path / "records.csv", row=1)  # the subject of claim C01
    write_report(opened, tmp_path / "r.html", redact=True)
    claims = (tmp_path / "r.html").read_text("utf-8").split('<section id="claims">')[1]
    assert re.search(r"<td>(P-\w+)", claims).group(1) == pseudonym  # type: ignore[union-attr]


def test_secret_is_made_once_and_kept(synthetic: Synthetic, tmp_path: Path) -> None:
    with open_case(synthetic.path) as case:
        first = _pseudonym_in_records(case, tmp_path / "a.csv", row=3)
    with open_case(synthetic.path) as case:
        again = _pseudonym_in_records(case, tmp_path / "b.csv", row=3)
        assert (again, case.meta(SECRET_KEY) != "") == (first, True)


def test_read_only_case_without_secret_is_a_usage_error(synthetic: Synthetic) -> None:
    with open_case(synthetic.path, read_only=True) as case, pytest.raises(UsageError):
        Redactor.for_case(case)


def test_name_is_found_without_its_separator() -> None:
    index = NameIndex.from_pairs([("阿依古丽·买买提", "653222199001010021")])
    assert index.find("据阿依古丽买买提说") == [(1, 8, "id:653222199001010021")]


def test_latin_name_is_found_whatever_its_case() -> None:
    index = NameIndex.from_pairs([("Aygül Memet", None)])
    assert [span[:2] for span in index.find("AYGÜL MEMET said")] == [(0, 11)]


def test_pinyin_of_a_chinese_name_is_found() -> None:
    index = NameIndex.from_pairs([("阿依古丽·买买提", None)])
    assert len(index.find("Ayiguli Maimaiti was taken")) == 1
