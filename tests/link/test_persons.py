"""Households, persons, independent sources and family corroboration on the sample case."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

import duckdb
import pytest

from tests.link.conftest import Linked
from veracity.case import Case
from veracity.link.persons import Edge, cluster
from veracity.link.store import RELATIVES_AGREEMENT


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


def test_two_testimonies_of_one_family_are_one_source() -> None:
    edges = [Edge(1, 10, "confirmed", "auto", "t.csv", 0), Edge(1, 11, "confirmed", "auto", "t.csv", 0)]
    assert [p.sources for p in cluster([1], edges, {}).persons] == [1]


def test_a_testimony_and_a_second_register_are_two_sources() -> None:
    edges = [Edge(1, 10, "confirmed", "auto", "t.csv", 0), Edge(1, 20, "confirmed", "auto", "r.docx")]
    assert [p.sources for p in cluster([1], edges, {}).persons] == [2]


def test_a_testimony_naming_a_household_member_corroborates_the_family() -> None:
    edges = [Edge(1, 10, "confirmed", "auto", "t.csv", relatives_named=1)]
    families = cluster([1, 2, 3], edges, {1: "h", 2: "h", 3: "h"}).families
    assert [(f.household_id, f.members_confirmed) for f in families] == [("h", 2)]


def test_testimonies_of_one_family_about_two_members_are_one_source() -> None:
    edges = [Edge(1, 10, "confirmed", "auto", "t.csv", 0), Edge(2, 11, "probable", "auto", "t.csv", 0)]
    families = cluster([1, 2, 3], edges, {1: "h", 2: "h", 3: "h"}).families
    assert [(f.source_file, f.members_confirmed) for f in families] == [("t.csv", 2)]


def test_a_register_confirming_two_members_corroborates_no_family() -> None:
    """A register row names no relatives: it confirms persons, it is not a relative's testimony."""
    edges = [Edge(1, 10, "confirmed", "auto", "r.docx"), Edge(2, 11, "confirmed", "auto", "r.docx")]
    assert cluster([1, 2], edges, {1: "h", 2: "h"}).families == []


def test_a_testimony_whose_relatives_do_not_agree_corroborates_no_family() -> None:
    edges = [Edge(1, 10, "confirmed", "auto", "t.csv", 0), Edge(2, 11, "possible", "auto", "t.csv", 2)]
    assert cluster([1, 2], edges, {1: "h", 2: "h"}).families == []


def _kin(v: dict[str, str], m: dict[str, str]) -> bool:
    """Whether the generator's testimony about V names M: parent, child, spouse or sibling."""
    if m["pid"] in (v["father"], v["mother"]) or v["pid"] in (m["father"], m["mother"]):
        return True
    if {v["relation"], m["relation"]} == {"户主", "妻子"}:
        return True
    return bool(v["father"] and v["father"] == m["father"]) or bool(v["mother"] and v["mother"] == m["mother"])


def _testified_families(truth: dict[str, Any]) -> set[str]:
    """Household numbers of the leak with two or more members confirmed by their family's testimonies:
    the persons the testimonies are about and the relatives each names (its victim's kin in the leak)."""
    persons = {pid: {**p, "pid": pid} for pid, p in truth["persons"].items()}
    leak = {r["person_id"] for r in truth["records"] if truth["files"][r["source_file"]]["role"] == "leak"}
    testimonies = truth["testimony_families"][0]["source_file"]
    members: dict[str, set[str]] = defaultdict(set)
    for r in truth["records"]:
        if r["source_file"] == testimonies and r["person_id"] in leak:
            victim = persons[r["person_id"]]
            members[victim["household"]] |= {victim["pid"]} | {
                m["pid"] for m in persons.values() if m["household"] == victim["household"] and m["pid"] in leak
                and m["pid"] != victim["pid"] and _kin(victim, m)}
    number = {h["household_id"]: h["number"] for h in truth["households"]}
    return {number[h] for h, confirmed in members.items() if len(confirmed) >= 2}


def test_families_of_truth_are_corroborated(linked: Linked, linked_case: Case) -> None:
    """Households whose testimonies confirm two or more members in the leak (truth) are found corroborated,
    and no other."""
    expected = _testified_families(json.loads(linked.truth.read_text("utf-8")))
    found = {h.rsplit("|", 1)[-1] for (h,) in linked_case.con.execute("SELECT household_id FROM families").fetchall()}
    assert len(expected & found) >= 0.9 * len(expected) and len(found - expected) <= 0.03 * len(found), (
        Counter(h in found for h in expected), sorted(found - expected))


def test_summary_sentence_counts_persons_and_families_of_the_case(linked: Linked, linked_case: Case) -> None:
    confirmed = linked_case.scalar("SELECT count(*) FROM persons WHERE level = 'confirmed'")
    persons = linked_case.scalar("SELECT count(*) FROM persons")
    families = linked_case.scalar("SELECT count(*) FROM families")
    assert f"{confirmed:,} of {persons:,} persons confirmed; {families:,} families corroborated" in (
        linked.summary.sentence())


def test_a_person_two_relatives_testified_about_has_one_source_on_the_sample(linked: Linked,
                                                                              linked_case: Case) -> None:
    """Truth: persons of the leak whose only reference rows are two testimonies (two relatives, one family)."""
    truth = json.loads(linked.truth.read_text("utf-8"))
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in truth["records"]:
        rows[r["person_id"]].append(r)
    testimonies = truth["testimony_families"][0]["source_file"]
    leak_rows = [next(r for r in rs if truth["files"][r["source_file"]]["role"] == "leak") for rs in rows.values()
                 if len(rs) == 3 and sum(r["source_file"] == testimonies for r in rs) == 2
                 and any(truth["files"][r["source_file"]]["role"] == "leak" for r in rs)]
    found = [linked_case.scalar('SELECT p.sources FROM persons p JOIN records r USING (record_id) '
                                'WHERE r.source_file = ? AND r.sheet = ? AND r."row" = ?',
                                [r["source_file"], r["sheet"], r["row"]]) for r in leak_rows]
    assert leak_rows and set(found) <= {0, 1} and 1 in found, found


@pytest.mark.parametrize(("evidence", "agreement"), [
    ('{"fields": [{"comparison": "name", "agreement": "same name"}, '
     '{"comparison": "relatives", "agreement": "one relative agrees", "bayes_factor": 3.1}], "rule": "model"}',
     "one relative agrees"),
    ('{"fields": [{"comparison": "name", "agreement": "same name", "bayes_factor": null}], "rule": "model"}', None),
    ('{"fields": [], "name": "", "rule": "reviewer"}', None),
])
def test_relatives_agreement_is_read_from_the_evidence(evidence: str, agreement: str | None) -> None:
    with duckdb.connect() as con:
        assert con.execute(f"SELECT {RELATIVES_AGREEMENT} FROM (SELECT ? AS evidence)", [evidence]).fetchone() == (
            agreement,)


def test_a_link_to_another_version_of_the_leak_joins_but_does_not_confirm() -> None:
    """A revision of the leak lists the same people: the document does not confirm itself; a register does."""
    revision = Edge(1, 7, "confirmed", "auto", "名单_修订.csv", independent=False)
    result = cluster([1, 2, 7], [revision, Edge(2, 9, "confirmed", "auto", "户籍.csv")], {})
    assert [(p.records, p.level, p.sources) for p in result.persons] == [((1, 7), "unconfirmed", 0),
                                                                          ((2,), "confirmed", 1)]
