"""Accounts: roles, password rules, argon2 hashes, audited creation."""

from __future__ import annotations

import pytest

from veracity import audit
from veracity.case import Case, open_case
from veracity.errors import UsageError
from veracity.web.accounts import Role, add_user

from .cases import WebCase

PASSWORD = "a long enough passphrase"


@pytest.fixture
def opened(web_case: WebCase) -> Case:
    with open_case(web_case.path) as case:
        yield case


def test_unknown_role_names_the_choices() -> None:
    with pytest.raises(UsageError, match="viewer, reviewer, admin"):
        Role.parse("editor")


def test_short_password_is_refused(opened: Case) -> None:
    with pytest.raises(UsageError, match="at least"):
        add_user(opened, "ana", Role.REVIEWER, "short")


def test_second_account_of_one_name_is_refused(opened: Case) -> None:
    add_user(opened, "ana", Role.REVIEWER, PASSWORD)
    with pytest.raises(UsageError, match="exists"):
        add_user(opened, "ana", Role.VIEWER, PASSWORD)


def test_password_is_stored_as_an_argon2id_hash(opened: Case) -> None:
    add_user(opened, "ana", Role.REVIEWER, PASSWORD)
    assert str(opened.scalar("SELECT password_hash FROM users")).startswith("$argon2id$")


def test_account_creation_is_audited_without_the_password(opened: Case) -> None:
    add_user(opened, "ana", Role.REVIEWER, PASSWORD, by="editor")
    line = audit.read_lines(opened.path)[-1]
    entry = audit.parse_line(line)
    assert entry is not None and (entry.action, entry.user, PASSWORD in line) == ("user-add", "editor", False)
