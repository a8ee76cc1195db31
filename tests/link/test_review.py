"""Review decisions: audited, kept across re-runs, transitive when accepted, reflected in the summary."""

from __future__ import annotations

from pathlib import Path

from veracity import audit
from veracity.case import Case, create_case
from veracity.link.levels import Decision, Status
from veracity.link.review import decide, list_queue
from veracity.link.run import run_link


def _confirmed(case: Case) -> int:
    return int(case.scalar("SELECT count(*) FROM persons WHERE level = 'confirmed'"))


def _lone_confirmed_link(case: Case) -> str:
    """A confirmed link that alone confirms its person (rejecting it must change the count)."""
    return str(case.scalar(
        "SELECT min(link_id) FROM links WHERE level = 'confirmed' AND record_id_a IN ("
        "SELECT record_id_a FROM links WHERE level IN ('confirmed', 'probable') GROUP BY 1 HAVING count(*) = 1)"))


def test_queue_lists_probable_and_possible_links(scratch_case: Case) -> None:
    levels = {item.level.value for item in list_queue(scratch_case)}
    assert levels <= {"probable", "possible"} and levels


def test_decision_is_audited_with_user_and_note(scratch_case: Case) -> None:
    item = list_queue(scratch_case)[0]
    decide(scratch_case, item.link_id, Decision.UNSURE, "same village, different year", user="reviewer1")
    entry = audit.parse_line(audit.read_lines(scratch_case.path)[-1])
    assert entry is not None and (entry.action, entry.user) == ("review", "reviewer1")


def test_rejection_changes_the_summary(scratch_case: Case) -> None:
    before = _confirmed(scratch_case)
    decided = decide(scratch_case, _lone_confirmed_link(scratch_case), "reject", "different person", user="r")
    assert decided.confirmed_persons == before - 1 == _confirmed(scratch_case)


def test_acceptance_changes_the_summary(scratch_case: Case) -> None:
    before = _confirmed(scratch_case)
    item = next(i for i in list_queue(scratch_case) if i.source_file_a.endswith(".xlsx") and scratch_case.scalar(
        "SELECT p.level FROM persons p JOIN links l ON l.record_id_a = p.record_id WHERE l.link_id = ?",
        [i.link_id]) != "confirmed")
    assert decide(scratch_case, item.link_id, "accept", "checked", user="r").confirmed_persons == before + 1


def test_decisions_survive_a_rerun_and_rejections_are_not_proposed(scratch_case: Case) -> None:
    rejected = _lone_confirmed_link(scratch_case)
    accepted = list_queue(scratch_case)[0].link_id
    decide(scratch_case, rejected, "reject", "no", user="r")
    decide(scratch_case, accepted, "accept", "yes", user="r")
    run_link(scratch_case)
    statuses = dict(scratch_case.con.execute(
        "SELECT link_id, status FROM links WHERE link_id IN (?, ?)", [rejected, accepted]).fetchall())
    queued = {i.link_id for i in list_queue(scratch_case, limit=10_000)}
    assert statuses == {rejected: "rejected", accepted: "accepted"} and rejected not in queued


def _link_row(a: int, b: int, status: Status, level: str) -> list[object]:
    return ["l.xlsx", a, "t.csv", b, 0.95, level, status.value, f"L{a}-{b}", "", "", a, b, None, None, "model",
            "{}"]


def test_accepted_links_are_transitive_within_a_person(tmp_path: Path) -> None:
    with create_case(tmp_path / "case") as case:
        for row in (_link_row(1, 2, Status.ACCEPTED, "confirmed"), _link_row(3, 2, Status.ACCEPTED, "confirmed"),
                    _link_row(1, 3, Status.AUTO, "probable"), _link_row(1, 4, Status.AUTO, "probable")):
            case.con.execute(f"INSERT INTO links VALUES ({', '.join('?' * 16)})", row)
        assert [i.link_id for i in list_queue(case)] == ["L1-4"]
