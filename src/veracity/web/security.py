"""Who may see the case: the access token, sessions that expire, CSRF tokens and response headers.

A request is let in by the token (``?token=`` once, then a session cookie, or
``Authorization: Bearer``) or by a session made at ``/login``. A CSRF token is
an HMAC of the session's id under a secret made when the app starts, so it
needs no storage and dies with the session. Nothing here reads a setting:
the token and the lifetimes are passed in.

>>> keys = Keys.make("tok")
>>> keys.token_ok("tok"), keys.token_ok("tok2"), keys.token_ok("")
(True, False, False)
>>> keys.csrf_ok("s1", keys.csrf("s1")), keys.csrf_ok("s2", keys.csrf("s1"))
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from veracity.web.accounts import User

SESSION_COOKIE = "veracity_session"
LOGIN_COOKIE = "veracity_login"  # an anonymous id that keys the CSRF token of the login form
DEFAULT_SESSION_SECONDS = 8 * 3600  # a working day; a session never outlives the server either

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # nothing is sent to another site (the token leaves the address at once)
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass(frozen=True)
class Keys:
    """The access token and the secret that CSRF tokens are derived from."""

    token: str
    secret: bytes

    @classmethod
    def make(cls, token: str) -> Keys:
        """Keys for TOKEN with a fresh random secret."""
        return cls(token, secrets.token_bytes(32))

    def token_ok(self, candidate: str) -> bool:
        """Whether CANDIDATE is the access token (compared in constant time)."""
        return bool(candidate) and hmac.compare_digest(candidate.encode(), self.token.encode())

    def csrf(self, session_id: str) -> str:
        """The CSRF token of the session (or anonymous login id) SESSION_ID."""
        return hmac.new(self.secret, session_id.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session_id: str, submitted: str) -> bool:
        """Whether SUBMITTED is the CSRF token of SESSION_ID."""
        return bool(submitted) and hmac.compare_digest(self.csrf(session_id), submitted)


@dataclass(frozen=True)
class Session:
    """A signed-in user until EXPIRES (on the store's clock)."""

    session_id: str
    user: User
    expires: float


@dataclass
class SessionStore:
    """Sessions in memory, each with a fixed lifetime; a restart signs everyone out."""

    lifetime: float = DEFAULT_SESSION_SECONDS
    clock: Callable[[], float] = time.monotonic
    _sessions: dict[str, Session] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def open(self, user: User) -> Session:
        """A new session for USER."""
        session = Session(secrets.token_urlsafe(32), user, self.clock() + self.lifetime)
        with self._lock:
            self._sessions[session.session_id] = session
        return session

    def get(self, session_id: str) -> Session | None:
        """The live session SESSION_ID, or None (an expired one is dropped)."""
        with self._lock:
            session = self._sessions.get(session_id)
            if session is not None and session.expires <= self.clock():
                del self._sessions[session_id]
                return None
        return session

    def close(self, session_id: str) -> None:
        """End session SESSION_ID (signing out)."""
        with self._lock:
            self._sessions.pop(session_id, None)


def new_token() -> str:
    """A random access token, as ``veracity serve`` prints it.

    >>> len(new_token()) >= 40
    True
    """
    return secrets.token_hex(24)


def safe_next(target: str | None) -> str:
    """TARGET when it is a path on this server, else ``/`` (no open redirect after sign-in).

    >>> safe_next("/records?q=x"), safe_next("//evil.example/"), safe_next("https://x"), safe_next(None)
    ('/records?q=x', '/', '/', '/')
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
