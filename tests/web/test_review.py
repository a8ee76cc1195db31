"""The review queue: decisions through the linkage library, roles, resuming, blind second review,
disagreements and bulk decisions."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from veracity import audit
from veracity.case import open_case
from veracity.web.accounts import Role, User

from .cases import WebCase, add_links
from .conftest import TOKEN


@pytest.fixture
def linked(web_case: WebCase) -> WebCase:
    add_links(web_case.path)
    return web_case


def _as(client: TestClient, name: str, role: Role) -> TestClient:
    """CLIENT signed in as a session of NAME with ROLE (sessions are opened as the login route opens them)."""
    session = client.app.state.door.sessions.open(User(name, role))  # type: ignore[attr-defined]
    client.cookies.clear()
    client.cookies.set("veracity_session", session.session_id)
    return client


def _csrf(client: TestClient, route: str = "/review") -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', client.get(route).text).group(1)  # type: ignore[union-attr]


def _shown_link(client: TestClient, route: str = "/review") -> str | None:
    found = re.search(r'data-link="([0-9a-f]+)"', client.get(route).text)
    return found.group(1) if found else None


def _decide(client: TestClient, link_id: str, decision: str, note: str = "", mode: str = "first") -> int:
    return client.post(f"/review/{link_id}", data={"csrf": _csrf(client), "decision": decision, "note": note,
                                                   "mode": mode}, follow_redirects=False).status_code


def _status(case_path: object, link_id: str) -> str:
    with open_case(case_path) as case:  # type: ignore[arg-type]
        return str(case.scalar("SELECT status FROM links WHERE link_id = ?", [link_id]))


def test_review_says_not_run_before_linkage(client: TestClient) -> None:
    assert "Not run yet" in client.get("/review").text


def test_record_page_says_links_not_run_before_linkage(client: TestClient) -> None:
    assert "Not run yet" in client.get("/records/1").text


def test_queue_shows_both_records_side_by_side(linked: WebCase, client: TestClient) -> None:
    text = client.get("/review").text
    assert "阿不都热合木·吐尔逊" in text and "Abdurehim Tursun" in text and 'class="differ"' in text


def test_reviewer_accepts_a_link(linked: WebCase, client: TestClient) -> None:
    link_id = _shown_link(client)
    assert link_id and _decide(client, link_id, "accept") == 303
    assert _status(linked.path, link_id) == "accepted"


def test_decision_is_audited_with_the_reviewers_name(linked: WebCase, client: TestClient) -> None:
    _as(client, "ana", Role.REVIEWER)
    _decide(client, _shown_link(client) or "", "reject", "different fathers")
    last = audit.parse_line(audit.read_lines(linked.path)[-1])
    assert last is not None and (last.action, last.user) == ("review", "ana")


def test_viewer_cannot_accept_a_link(linked: WebCase, client: TestClient) -> None:
    link_id = _shown_link(client) or ""
    _as(client, "vic", Role.VIEWER)
    assert (_decide(client, link_id, "accept"), _status(linked.path, link_id)) == (403, "auto")


def test_viewer_sees_the_decision_buttons_disabled(linked: WebCase, client: TestClient) -> None:
    _as(client, "vic", Role.VIEWER)
    assert 'data-key="a" disabled' in client.get("/review").text


def test_decision_without_csrf_token_is_refused(linked: WebCase, client: TestClient) -> None:
    link_id = _shown_link(client) or ""
    response = client.post(f"/review/{link_id}", data={"decision": "accept"})
    assert (response.status_code, _status(linked.path, link_id)) == (403, "auto")


def test_queue_resumes_after_the_last_decision(linked: WebCase, client: TestClient) -> None:
    first = _shown_link(client) or ""
    _decide(client, first, "unsure")
    fresh = TestClient(client.app, base_url="http://127.0.0.1")
    fresh.get(f"/?token={TOKEN}")
    assert _shown_link(fresh) not in (None, first)


def test_blind_second_review_hides_the_first_decision(linked: WebCase, client: TestClient) -> None:
    link_id = _shown_link(client) or ""
    _decide(client, link_id, "reject", "father differs NOTE-1")
    _as(client, "bea", Role.REVIEWER)
    text = client.get("/review?mode=second").text
    assert f'data-link="{link_id}"' in text and "NOTE-1" not in text and "rejected" not in text


def test_disagreement_is_listed_for_the_editor(linked: WebCase, client: TestClient) -> None:
    link_id = _shown_link(client) or ""
    _decide(client, link_id, "reject")
    _as(client, "bea", Role.REVIEWER)
    _decide(client, link_id, "accept", mode="second")
    assert link_id in client.get("/disagreements").text


def test_editor_settles_a_disagreement(linked: WebCase, client: TestClient) -> None:
    link_id = _shown_link(client) or ""
    _decide(client, link_id, "reject")
    owner_cookie = client.cookies.get("veracity_session")
    _as(client, "bea", Role.REVIEWER)
    _decide(client, link_id, "accept", mode="second")
    client.cookies.clear()
    client.cookies.set("veracity_session", owner_cookie or "")
    client.post(f"/disagreements/{link_id}", data={"csrf": _csrf(client, "/disagreements"), "decision": "reject"})
    assert (link_id not in client.get("/disagreements").text, _status(linked.path, link_id)) == (True, "rejected")


def test_bulk_decision_covers_the_filtered_set(linked: WebCase, client: TestClient) -> None:
    client.post("/review/bulk", data={"csrf": _csrf(client), "decision": "reject", "note": "bulk", "mode": "first"})
    with open_case(linked.path) as case:
        assert case.scalar("SELECT count(*) FROM links WHERE status = 'rejected'") == 2
