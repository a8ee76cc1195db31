"""Format similarity against authentic references: a same-format leak is close, a different one is flagged."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from veracity.case import Case
from veracity.checks import run_checks
from veracity.checks.synthetic import RegisterSpec, insert_register

TODAY = dt.date(2024, 1, 1)


def _describe_tables(case: Case, labels: list[dict[str, str]], source_file: str | None = None) -> None:
    for (sid,) in case.con.execute("SELECT source_id FROM sources WHERE source_file = coalesce(?, source_file)",
                                   [source_file]).fetchall():
        case.con.execute("INSERT INTO source_tables VALUES (?, '', '1-1', ?, 1, 0)", [sid, json.dumps(labels)])


def _similarity(case: Case, source: str) -> tuple[float, bool, str]:
    got = case.con.execute("SELECT figure, flagged, sentence FROM statistics WHERE check_id = 'format.similarity' "
                           "AND source_file = ?", [source]).fetchone()
    assert got is not None
    return float(got[0]), bool(got[1]), str(got[2])


def test_no_similarity_without_authentic_references(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_register(case, RegisterSpec(rows=100, seed=1))
    insert_register(case, RegisterSpec(rows=100, seed=2, role="reference", source_file="ref.csv"))
    assert not [s for s in run_checks(case, today=TODAY).statistics if s.check_id == "format.similarity"]


def test_leak_in_the_reference_format_is_similar(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_register(case, RegisterSpec(rows=200, seed=1))
    insert_register(case, RegisterSpec(rows=200, seed=2, role="reference", authentic=True, source_file="ref.csv"))
    _describe_tables(case, [{"label": "姓名", "field": "name"}, {"label": "身份证号", "field": "id_number"}])
    run_checks(case, today=TODAY)
    score, flagged, sentence = _similarity(case, "leak.csv")
    assert score > 0.8 and not flagged and "agrees on headers" in sentence


def test_leak_in_another_format_is_flagged(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_register(case, RegisterSpec(rows=200, seed=1, region="110105"))
    insert_register(case, RegisterSpec(rows=200, seed=2, role="reference", authentic=True, source_file="ref.csv"))
    case.con.execute("UPDATE records SET relation = 'son' WHERE source_file = 'leak.csv' AND relation = '儿子'")
    _describe_tables(case, [{"label": "身份证号", "field": "id_number"}], "ref.csv")
    _describe_tables(case, [{"label": "ID number", "field": "id_number"}], "leak.csv")
    case.con.execute("UPDATE records SET cells = '[[\"ID number\", \"110105 1985 0312 0413\"]]' "
                     "WHERE source_file = 'leak.csv'")
    run_checks(case, today=TODAY)
    score, flagged, sentence = _similarity(case, "leak.csv")
    assert score < 0.5 and flagged and "differs on" in sentence and "region mix" in sentence
