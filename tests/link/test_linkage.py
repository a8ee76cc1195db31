"""Links on the generated sample case against its known truth."""

from __future__ import annotations

import json

from tests.link.conftest import Linked
from veracity.case import Case
from veracity.link.evaluate import found_pairs, score, truth_pairs
from veracity.link.levels import load_settings


def test_links_reach_recall_and_precision(linked: Linked, linked_case: Case) -> None:
    accuracy = score(found_pairs(linked_case), truth_pairs(linked.truth))
    assert accuracy.precision >= 0.97 and accuracy.recall >= 0.9, accuracy


def test_cross_script_testimony_links_are_found(linked: Linked, linked_case: Case) -> None:
    """Testimonies give only Latin and Arabic-script names; the leak writes Chinese. The issue's goal:
    recall >= 0.9 at precision >= 0.95."""
    expected = {p for p in truth_pairs(linked.truth) if p[2].startswith("testimonies")}
    found = {p for p in found_pairs(linked_case) if p[2].startswith("testimonies")}
    accuracy = score(found, expected)
    assert accuracy.precision >= 0.95 and accuracy.recall >= 0.9, accuracy


def test_side_a_is_the_leak_record(linked_case: Case) -> None:
    sides = linked_case.con.execute(
        "SELECT DISTINCT s.role FROM links l JOIN records s ON s.record_id = l.record_id_a "
        "WHERE l.record_id_b IN (SELECT record_id FROM records WHERE role = 'leak')").fetchall()
    assert sides in ([], [("leak",)])


def test_level_follows_thresholds_or_a_named_rule(linked_case: Case) -> None:
    thresholds = load_settings().thresholds
    rows = linked_case.con.execute("SELECT match_probability, level, rule FROM links").fetchall()
    assert all(thresholds.level(p) is not None and thresholds.level(p).value == lv  # type: ignore[union-attr]
               for p, lv, rule in rows if rule == "model")


def test_a_level_the_probability_does_not_reach_says_why_in_the_evidence(linked_case: Case) -> None:
    thresholds = load_settings().thresholds
    rows = linked_case.con.execute(
        "SELECT match_probability, level, evidence FROM links WHERE status = 'auto'").fetchall()
    unexplained = [(p, lv) for p, lv, evidence in rows
                   if getattr(thresholds.level(p), "value", None) != lv and not json.loads(evidence).get("why")]
    assert rows and unexplained == []


def test_same_valid_number_is_confirmed_by_rule(linked_case: Case) -> None:
    levels = linked_case.con.execute("SELECT DISTINCT level FROM links WHERE rule = 'id_exact'").fetchall()
    assert levels == [("confirmed",)]


def test_evidence_names_the_fields_that_agreed(linked_case: Case) -> None:
    raw = linked_case.scalar("SELECT evidence FROM links WHERE rule = 'id_exact' LIMIT 1")
    comparisons = {f["comparison"] for f in json.loads(raw)["fields"]}
    assert {"name", "id_number"} <= comparisons


def test_links_export_has_the_contract_columns(linked_case: Case) -> None:
    columns = [r[0] for r in linked_case.con.execute("DESCRIBE links").fetchall()][:7]
    assert columns == ["source_file_a", "row_a", "source_file_b", "row_b", "match_probability", "level",
                       "status"]
