"""Accounts of the review UI: a name, a role and an argon2 password hash, kept in the case.

Accounts are optional: whoever holds the access token printed by ``veracity
serve`` is the case's owner (an admin). Adding an account is a change to the
case, so it is written to the audit log; the password itself never is.

>>> Role.parse("Reviewer").may_review
True
>>> Role.VIEWER.may_review
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from veracity.case import Case
from veracity.errors import UsageError

NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
MIN_PASSWORD = 10  # an account guards the names of victims: no short passwords
# A hash verified when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$9P9U9Dtr5bdSn0IIYLR4uQ$58Kcbdln6ykjWT415WKbjlx/lvhagiY0EKA923sOgvM"


class Role(Enum):
    """What an account may do: viewers read, reviewers also decide on links, admins also manage."""

    VIEWER = "viewer"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @classmethod
    def parse(cls, text: str) -> Role:
        """The role named by TEXT (case ignored); a UsageError names the choices otherwise."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            choices = ", ".join(r.value for r in cls)
            raise UsageError(f"unknown role {text!r} (choose one of: {choices})") from None

    @property
    def may_review(self) -> bool:
        """Whether this role may accept, reject or mark links unsure."""
        return self in (Role.REVIEWER, Role.ADMIN)


@dataclass(frozen=True)
class User:
    """A signed-in person (or the token holder) as the UI and the audit log name them."""

    name: str
    role: Role


def _check_new(name: str, password: str) -> None:
    if not NAME_PATTERN.match(name):
        raise UsageError(f"account name {name!r}: use 1-64 letters, digits, '.', '_', '@' or '-'")
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"account {name}: the password needs at least {MIN_PASSWORD} characters")


def add_user(case: Case, name: str, role: Role, password: str, *, by: str | None = None) -> User:
    """Create account NAME with ROLE and PASSWORD (stored as an argon2id hash); BY names who did it."""
    _check_new(name, password)
    if case.scalar("SELECT count(*) FROM users WHERE name = ?", [name]):
        raise UsageError(f"account {name} exists already")
    hashed = PasswordHasher().hash(password)
    with case.change("user-add", {"name": name, "role": role.value}, user=by):
        case.con.execute("INSERT INTO users VALUES (?, ?, ?, now())", [name, role.value, hashed])
    return User(name, role)


def authenticate(case: Case, name: str, password: str) -> User | None:
    """The account NAME when PASSWORD is its password, else None (same cost either way)."""
    row = case.con.execute("SELECT role, password_hash FROM users WHERE name = ?", [name]).fetchone()
    hashed = str(row[1]) if row else _DUMMY_HASH
    try:
        PasswordHasher().verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return None
    return User(name, Role(str(row[0]))) if row else None


def list_users(case: Case) -> tuple[User, ...]:
    """Every account of the case, by name."""
    rows = case.con.execute("SELECT name, role FROM users ORDER BY name").fetchall()
    return tuple(User(str(n), Role(str(r))) for n, r in rows)
