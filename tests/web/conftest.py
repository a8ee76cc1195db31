"""Fixtures of the web tests: a small synthetic case and an in-process client of the app on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from veracity.web.app import create_app

from .cases import WebCase, build

TOKEN = "test-token-0123456789"


@pytest.fixture
def web_case(tmp_path: Path) -> WebCase:
    return build(tmp_path / "case")


@pytest.fixture
def anonymous(web_case: WebCase) -> TestClient:
    """A client that has not signed in."""
    return TestClient(create_app(web_case.path, TOKEN, owner="owner"), base_url="http://127.0.0.1")


@pytest.fixture
def client(anonymous: TestClient) -> TestClient:
    """A client signed in with the access token (a session cookie from then on)."""
    anonymous.get(f"/?token={TOKEN}")
    return anonymous

