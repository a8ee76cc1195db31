"""One record, one person: a reference record's weaker links into one table drop a level."""

from __future__ import annotations

import json

from veracity.link.levels import Level, Status
from veracity.link.links import Link
from veracity.link.rivals import demote_rivals


def _link(row: int, probability: float, level: Level = Level.PROBABLE, rule: str = "model",
          table: str = "leak.xlsx") -> Link:
    return Link((table, "s", row), ("t.csv", "", 7), row, 99, probability, None, level, Status.AUTO, None, rule,
                json.dumps({"fields": [], "name": "", "rule": rule}))


def _levels(links: list[Link]) -> dict[int, str]:
    return {lk.a[2]: lk.level.value for lk in links}


def test_weaker_link_of_one_testimony_into_one_table_drops_a_level() -> None:
    assert _levels(demote_rivals([_link(1, 0.99, Level.CONFIRMED), _link(2, 0.995, Level.CONFIRMED)])) == {
        1: "probable", 2: "confirmed"}


def test_a_possible_rival_is_dropped() -> None:
    assert _levels(demote_rivals([_link(1, 0.6, Level.POSSIBLE), _link(2, 0.95)])) == {2: "probable"}


def test_equal_probabilities_keep_their_levels() -> None:
    assert _levels(demote_rivals([_link(1, 0.95), _link(2, 0.95)])) == {1: "probable", 2: "probable"}


def test_links_into_two_tables_are_not_rivals() -> None:
    links = demote_rivals([_link(1, 0.95), _link(2, 0.97, table="other.docx")])
    assert [lk.level for lk in links] == [Level.PROBABLE, Level.PROBABLE]


def test_an_identical_number_is_never_demoted() -> None:
    links = demote_rivals([_link(1, 0.999, Level.CONFIRMED, rule="id_exact"), _link(2, 1.0, Level.CONFIRMED)])
    assert [lk.rule for lk in links] == ["id_exact", "model"]


def test_the_rule_and_the_evidence_name_the_demotion() -> None:
    demoted = demote_rivals([_link(1, 0.9, rule="name_floor"), _link(2, 0.97)])[0]
    assert demoted.rule == "name_floor+rival" and '"rule": "name_floor+rival"' in demoted.evidence
