"""Crowded cases: when names are few for the case's size, the name-and-birth-year blocking rules also
ask for the same place, so candidate pairs stop growing with the square of the case."""

from __future__ import annotations

import pyarrow as pa

from veracity.link.crowding import BUDGET, crowd, loose_pairs
from veracity.link.spec import blocking_rules

PRESENT = frozenset({"id18", "name_sig", "birth_year", "county", "village"})


def _namesakes(records: int) -> pa.Table:
    """RECORDS records in two datasets sharing one loose name and birth year, spread over ten counties."""
    return pa.table({"name_loose": ["BL TL"] * records, "birth_year": [1980] * records,
                     "county": [f"6532{k % 10:02d}" if k % 7 else None for k in range(records)],
                     "source_dataset": ["leak|s", "register|s"] * (records // 2)})


def test_a_crowded_case_blocks_names_by_county() -> None:
    table = _namesakes(100)
    assert loose_pairs(table) == 50 * 50 > BUDGET * 100
    column = crowd(table, PRESENT).to_pylist()
    assert column[1:3] == ["653201", "653202"] and column[0] == ""  # no county: an empty place, not a wildcard


def test_a_small_case_keeps_its_rules() -> None:
    table = _namesakes(10)
    assert crowd(table, PRESENT).null_count == 10
    assert blocking_rules(PRESENT) == tuple(r.replace(" AND l.crowd = r.crowd", "")
                                            for r in blocking_rules(PRESENT | {"crowd"}))


def test_every_name_and_birth_year_rule_asks_for_the_place_and_the_others_do_not() -> None:
    for rule in blocking_rules(PRESENT | {"crowd"}):
        names_and_year = "birth_year" in rule and any(k in rule for k in ("name_loose", "name_b1", "name_b2"))
        assert ("l.crowd = r.crowd" in rule) == names_and_year, rule
