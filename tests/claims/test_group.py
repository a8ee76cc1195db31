"""Claims about groups: a described group tallied over the leak, named people judged one by one."""

from __future__ import annotations

from pathlib import Path

from tests.claims.conftest import CLAIM_HEADER, Judge, write_csv
from veracity.case import Case
from veracity.claims.group import Quantifier, Tally, describe_group, group_verdict
from veracity.claims.judge import judge_case
from veracity.ingest.pipeline import AddRequest, add_files


def test_all_detainees_not_held_for_praying_is_contradicted_by_the_one_who_was(judge_one: Judge) -> None:
    verdict, evidence, sentence = judge_one("喀尔赛乡全体学员", "not_detained_for", "praying")
    assert (verdict, evidence) == ("contradicted", "leak.csv:1") and "contradict it for 1" in sentence


def test_most_people_detained_states_the_share_it_allows(judge_one: Judge) -> None:
    verdict, _, sentence = judge_one("most of the 10 people on the list", "detained")
    assert verdict == "supported" and "between 70% and 70%" in sentence


def test_a_stated_size_that_differs_from_the_records_is_said(judge_one: Judge) -> None:
    assert "the claim says 311" in judge_one("most of the 311 people", "detained")[2]


def test_named_people_become_one_claim_each(leak_case: Case, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "named.csv", CLAIM_HEADER, [("G1", "", "", "", "买买提·吐尔逊；热依拉·肉孜", "",
                                                             "never_detained", "", "")])
    add_files(leak_case, [path], AddRequest("claims"))
    judge_case(leak_case)
    rows = leak_case.con.execute("SELECT claim_id, verdict, parent_claim_id FROM verdicts ORDER BY 1").fetchall()
    assert rows == [("G1", "contradicted", None), ("G1.1", "contradicted", "G1"), ("G1.2", "supported", "G1")]


def test_a_group_with_members_the_records_do_not_cover_is_unverifiable() -> None:
    assert group_verdict(Quantifier.ALL, Tally(5, 0, 2)).value == "unverifiable"


def test_a_persons_name_is_not_a_group() -> None:
    assert describe_group("阿依古丽·吐尔逊") is None
