"""Households, persons, independent sources and family corroboration on the sample case."""

from __future__ import annotations

import json
from collections import Counter

from tests.link.conftest import Linked
from veracity.case import Case


def test_households_rebuilt_as_the_truth_has_them(linked: Linked, linked_case: Case) -> None:
    truth = json.loads(linked.truth.read_text("utf-8"))
    sizes = sorted(len(h["members"]) for h in truth["households"] if h["in_leak"])
    found = sorted(n for (n,) in linked_case.con.execute(
        "SELECT count(*) FROM households GROUP BY household_id").fetchall())
    assert found == sizes


def test_every_leak_record_belongs_to_one_person(linked_case: Case) -> None:
    counts = linked_case.con.execute(
        "SELECT count(*), count(DISTINCT record_id) FROM person_records").fetchone()
    leak = linked_case.scalar("SELECT count(*) FROM records WHERE role = 'leak'")
    assert counts == (leak, leak)


def test_sources_count_files_not_rows(linked_case: Case) -> None:
    """Two testimonies about one person (two relatives) count once: at most two reference files."""
    most = linked_case.scalar("SELECT max(sources) FROM persons")
    files = linked_case.scalar("SELECT count(DISTINCT source_file) FROM sources WHERE role = 'reference'")
    assert most <= files


def test_confirmed_person_has_a_source(linked_case: Case) -> None:
    assert linked_case.scalar("SELECT count(*) FROM persons WHERE level = 'confirmed' AND sources = 0") == 0


def test_corroborated_family_has_two_members_confirmed_by_one_source(linked_case: Case) -> None:
    rows = linked_case.con.execute(
        "SELECT f.household_id, f.source_file, count(DISTINCT p.record_id) FROM families f "
        "JOIN persons p USING (household_id) JOIN links l ON l.record_id_a = p.record_id "
        "AND l.source_file_b = f.source_file AND l.status <> 'rejected' AND l.level = 'confirmed' "
        "WHERE p.level = 'confirmed' GROUP BY 1, 2").fetchall()
    assert rows and all(n >= 2 for _, _, n in rows)


def test_families_of_truth_are_corroborated(linked: Linked, linked_case: Case) -> None:
    """Households with two or more members in one reference file (truth) are found corroborated."""
    truth = json.loads(linked.truth.read_text("utf-8"))
    household = {pid: p["household"] for pid, p in truth["persons"].items()}
    number = {h["household_id"]: h["number"] for h in truth["households"]}
    in_leak = {r["person_id"] for r in truth["records"] if truth["files"][r["source_file"]]["role"] == "leak"}
    members: dict[tuple[str, str], set[str]] = {}
    for r in truth["records"]:
        if truth["files"][r["source_file"]]["role"] == "reference" and r["person_id"] in in_leak:
            members.setdefault((number[household[r["person_id"]]], r["source_file"]), set()).add(r["person_id"])
    expected = {h for (h, _), people in members.items() if len(people) >= 2}
    found = {h.rsplit("|", 1)[-1] for (h,) in linked_case.con.execute("SELECT household_id FROM families").fetchall()}
    assert len(expected & found) >= 0.85 * len(expected) and len(found - expected) <= 0.05 * len(found), (
        Counter(h in found for h in expected), len(found - expected))
