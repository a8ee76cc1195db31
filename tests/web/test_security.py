"""Access to the review UI: token, sessions, bearer header, CSRF, headers, escaping."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient

from veracity.case import open_case
from veracity.web.accounts import Role, add_user
from veracity.web.app import create_app

from .cases import HOSTILE, WebCase
from .conftest import TOKEN

CASE_ROUTES = ("/", "/sources", "/records", "/records?q=Abdurehim", "/records/1", "/findings", "/claims",
               "/review", "/download", "/report?redact=1", "/report?redact=0")


@pytest.mark.parametrize("route", CASE_ROUTES)
def test_nothing_is_served_without_token_or_session(anonymous: TestClient, route: str) -> None:
    response = anonymous.get(route, follow_redirects=False)
    assert response.status_code in (401, 303) and "阿不都热合木" not in response.text


def test_a_page_request_without_credentials_is_sent_to_login(anonymous: TestClient) -> None:
    response = anonymous.get("/records/1", headers={"accept": "text/html"}, follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (303, "/login?next=%2Frecords%2F1")


def test_wrong_token_is_refused(anonymous: TestClient) -> None:
    assert anonymous.get("/?token=wrong", follow_redirects=False).status_code == 401


def test_token_in_address_opens_a_session_and_leaves_the_address(anonymous: TestClient) -> None:
    response = anonymous.get(f"/records?q=x&token={TOKEN}", follow_redirects=False)
    assert (response.status_code, response.headers["location"], "veracity_session" in response.cookies) == \
        (303, "/records?q=x", True)


def test_bearer_header_is_admitted(anonymous: TestClient) -> None:
    assert anonymous.get("/records/1", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_wrong_bearer_header_is_refused(anonymous: TestClient) -> None:
    assert anonymous.get("/records/1", headers={"Authorization": "Bearer nope"}).status_code == 401


def test_leaked_script_tag_renders_as_text(client: TestClient) -> None:
    text = client.get("/records/5").text
    assert "<script>alert" not in text and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;古丽" in text


def test_leaked_script_tag_is_escaped_in_search_results(client: TestClient) -> None:
    text = client.get("/records", params={"q": HOSTILE}).text
    assert "<script>alert" not in text and "&lt;script&gt;" in text


def test_every_page_forbids_external_origins(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "http" not in csp


def test_pages_load_no_script_from_outside(client: TestClient) -> None:
    text = client.get("/").text
    assert "src=\"http" not in text and "href=\"http" not in text and "<script>" not in text


def test_form_post_without_csrf_token_is_refused(client: TestClient) -> None:
    assert client.post("/logout").status_code == 403


def test_form_post_with_wrong_csrf_token_is_refused(client: TestClient) -> None:
    assert client.post("/logout", data={"csrf": "0" * 64}).status_code == 403


def test_form_post_from_another_origin_is_refused(client: TestClient) -> None:
    token = _csrf(client)
    response = client.post("/logout", data={"csrf": token}, headers={"origin": "http://evil.example"})
    assert response.status_code == 403


def test_form_post_with_its_csrf_token_is_accepted(client: TestClient) -> None:
    assert client.post("/logout", data={"csrf": _csrf(client)}, follow_redirects=False).status_code == 303


def test_login_without_csrf_token_is_refused(anonymous: TestClient) -> None:
    anonymous.get("/login")
    assert anonymous.post("/login", data={"name": "ana", "password": "x"}).status_code == 403


def test_session_expires(web_case: WebCase) -> None:
    app = create_app(web_case.path, TOKEN, session_seconds=0)
    client = TestClient(app, base_url="http://127.0.0.1")
    client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert client.get("/records/1", follow_redirects=False).status_code == 401


def test_account_signs_in_and_its_name_is_shown(web_case: WebCase, anonymous: TestClient) -> None:
    with open_case(web_case.path) as case:
        add_user(case, "vera", Role.VIEWER, "correct horse battery")
    assert _sign_in(anonymous, "vera", "correct horse battery").status_code == 303
    assert "vera" in anonymous.get("/").text


def test_wrong_password_is_refused(web_case: WebCase, anonymous: TestClient) -> None:
    with open_case(web_case.path) as case:
        add_user(case, "vera", Role.VIEWER, "correct horse battery")
    assert _sign_in(anonymous, "vera", "wrong horse battery").status_code == 401


def _csrf(client: TestClient, route: str = "/") -> str:
    text = client.get(route).text
    start = text.index('name="csrf" value="') + len('name="csrf" value="')
    return text[start:text.index('"', start)]


def _sign_in(client: TestClient, name: str, password: str) -> httpx.Response:
    token = _csrf(client, "/login")
    return client.post("/login", data={"csrf": token, "name": name, "password": password, "next": "/"},
                       follow_redirects=False)
