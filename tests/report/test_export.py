"""Exports: the contract's columns, JSON shapes, formula neutralising, the summary's counts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.errors import UsageError
from veracity.report.export import Format, export_table

from .synthetic import add_links

HEADS = {
    "records": ["source_file", "sheet", "row", "role", "name", "id_number", "sex", "birth_date", "address"],
    "findings": ["check_id", "severity", "source_file", "sheet", "row", "message"],
    "links": ["source_file_a", "row_a", "source_file_b", "row_b", "match_probability", "level", "status"],
    "claims": ["claim_id", "verdict", "evidence"],
    "quotes": ["source_file", "paragraph", "speaker", "quote", "persons", "assertion"],
}


@pytest.mark.parametrize("what", sorted(HEADS))
def test_csv_starts_with_the_contract_columns(opened: Case, tmp_path: Path, what: str) -> None:
    export_table(opened, what, Format.CSV, tmp_path / "t.csv")
    header = (tmp_path / "t.csv").read_text("utf-8").splitlines()[0].split(",")
    assert header[: len(HEADS[what])] == HEADS[what]


def test_json_is_one_array_of_objects(opened: Case, tmp_path: Path) -> None:
    export_table(opened, "claims", Format.JSON, tmp_path / "c.json")
    data = json.loads((tmp_path / "c.json").read_text("utf-8"))
    assert [type(item) for item in data] == [dict, dict, dict]


def test_formula_cell_is_neutralised_in_csv(opened: Case, tmp_path: Path) -> None:
    opened.con.execute("UPDATE records SET reason = '=HYPERLINK(\"x\")' WHERE \"row\" = 1 AND role = 'leak'")
    export_table(opened, "records", Format.CSV, tmp_path / "r.csv")
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        assert next(csv.DictReader(handle))["reason"] == "'=HYPERLINK(\"x\")"


def test_summary_is_one_object_of_counts(opened: Case, tmp_path: Path) -> None:
    export_table(opened, "summary", Format.JSON, tmp_path / "s.json")
    summary = json.loads((tmp_path / "s.json").read_text("utf-8"))
    assert (summary["records"], summary["findings_by_check"], summary["links_by_level"]) == (
        54, {"id.checksum": 3, "stat.checksum_share": 1}, None)


def _summary(case: Case, tmp_path: Path) -> dict[str, object]:
    export_table(case, "summary", Format.JSON, tmp_path / "s.json")
    loaded: dict[str, object] = json.loads((tmp_path / "s.json").read_text("utf-8"))
    return loaded


def test_summary_counts_links_by_level(opened: Case, tmp_path: Path) -> None:
    add_links(opened, 40)
    assert _summary(opened, tmp_path)["links_by_level"] == {"confirmed": 7, "probable": 7}


def test_summary_counts_confirmed_persons_from_the_persons_table(opened: Case, tmp_path: Path) -> None:
    add_links(opened, 40)
    opened.con.execute("INSERT INTO persons VALUES (1, 1, 'confirmed', 2, 2, NULL), (2, 2, 'probable', 1, 2, NULL)")
    assert _summary(opened, tmp_path)["confirmed_persons"] == 1


def test_links_before_linkage_is_a_header_alone(opened: Case, tmp_path: Path) -> None:
    assert export_table(opened, "links", Format.CSV, tmp_path / "l.csv") == 0


def test_redacted_parquet_keeps_row_count(opened: Case, tmp_path: Path) -> None:
    assert export_table(opened, "records", Format.PARQUET, tmp_path / "r.parquet", redact=True) == 54


def test_id_number_is_exported_normalised(opened: Case, tmp_path: Path) -> None:
    opened.con.execute("UPDATE records SET id_number = ' 653222 19850312 1234' "
                       "WHERE \"row\" = 1 AND role = 'leak'")
    export_table(opened, "records", Format.JSON, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))[0]["id_number"] == "653222198503121234"


def test_summary_as_csv_is_a_usage_error(opened: Case, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        export_table(opened, "summary", Format.CSV, tmp_path / "s.csv")


@pytest.mark.parametrize("redact", [False, True])
def test_a_links_level_the_probability_does_not_reach_says_its_rule_and_why(opened: Case, tmp_path: Path,
                                                                            redact: bool) -> None:
    """An outside script reading 'confirmed' beside 0.31 sees the identity-number rule that set it."""
    add_links(opened, 4)
    why = "The same valid 18-digit identity number on both sides, and neither the name nor the sex contradicts it."
    opened.con.execute("UPDATE links SET match_probability = 0.31, rule = 'id_exact', evidence = ? "
                       "WHERE link_id = 'L0'", [json.dumps({"rule": "id_exact", "why": why})])
    export_table(opened, "links", Format.CSV, tmp_path / "l.csv", redact=redact)
    with (tmp_path / "l.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[-2:] == ["rule", "why"]
    assert [(r["row_a"], r["match_probability"], r["level"], r["rule"], r["why"]) for r in rows] == [
        ("1", "0.31", "probable", "id_exact", why), ("4", "0.987", "confirmed", "model", "")]
