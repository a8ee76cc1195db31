"""The door of the app: every request is let in by the token, a Bearer header or a live session,
every unsafe method must carry its CSRF token, and every response carries the security headers.

Starlette glue around :mod:`veracity.web.security`; the routes never see an unauthenticated request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import HTTPException, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from veracity.web.accounts import Role, User
from veracity.web.security import HEADERS, LOGIN_COOKIE, SESSION_COOKIE, Keys, SessionStore

PUBLIC = frozenset({"/login"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BEARER_KEY = "bearer"  # the CSRF key of requests authenticated by the Authorization header


@dataclass(frozen=True)
class Door:
    """What the gate checks against: the keys, the sessions and the token holder's name."""

    keys: Keys
    sessions: SessionStore
    owner: str

    @property
    def owner_user(self) -> User:
        """The token holder, who started the server: an admin."""
        return User(self.owner, Role.ADMIN)


def _with_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _without_token(request: Request) -> str:
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
    return request.url.path + (f"?{urlencode(query)}" if query else "")


def set_session_cookie(response: Response, session_id: str, lifetime: float) -> None:
    """Put the session cookie on RESPONSE: HttpOnly, SameSite=Strict, never sent elsewhere."""
    response.set_cookie(SESSION_COOKIE, session_id, max_age=int(lifetime), httponly=True, samesite="strict",
                        path="/")


def _refuse(request: Request, why: str) -> Response:
    wants_page = request.method == "GET" and "text/html" in request.headers.get("accept", "")
    if wants_page:
        return RedirectResponse("/login?" + urlencode({"next": _without_token(request)}), status_code=303)
    return PlainTextResponse(f"401 {why}", status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _admit(request: Request, door: Door) -> Response | None:
    """Set ``request.state.user`` and ``.csrf_key`` and return None, or return the refusal."""
    auth = request.headers.get("authorization", "")
    if auth:
        scheme, _, credential = auth.partition(" ")
        if scheme.lower() != "bearer" or not door.keys.token_ok(credential.strip()):
            return _refuse(request, "wrong access token")
        request.state.user, request.state.csrf_key = door.owner_user, BEARER_KEY
        return None
    session = door.sessions.get(request.cookies.get(SESSION_COOKIE, ""))
    if session is None:
        return _refuse(request, "sign in with the access token printed by veracity serve, or an account")
    request.state.user, request.state.csrf_key = session.user, session.session_id
    return None


def _token_login(request: Request, door: Door) -> Response:
    """``?token=``: a right token opens a session and drops the token from the address."""
    if not door.keys.token_ok(request.query_params["token"]):
        return PlainTextResponse("401 wrong access token", status_code=401)
    session = door.sessions.open(door.owner_user)
    response = RedirectResponse(_without_token(request), status_code=303)
    set_session_cookie(response, session.session_id, door.sessions.lifetime)
    return response


def gate(door: Door) -> Callable[[Request, Callable[[Request], Awaitable[Response]]], Awaitable[Response]]:
    """The HTTP middleware that admits or refuses each request and adds the security headers."""

    async def middleware(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        path = request.url.path
        request.state.user, request.state.csrf_key = None, request.cookies.get(LOGIN_COOKIE, "")
        if "token" in request.query_params:
            return _with_headers(_token_login(request, door))
        if path not in PUBLIC and not path.startswith("/static/"):
            refused = _admit(request, door)
            if refused is not None:
                return _with_headers(refused)
        return _with_headers(await call_next(request))

    return middleware


def _same_origin(request: Request) -> bool:
    """Whether the request's Origin (when the browser names one) is this server; the CSRF token decides else."""
    origin = request.headers.get("origin")
    return origin in (None, "null") or origin == f"{request.url.scheme}://{request.url.netloc}"


async def csrf_guard(request: Request) -> None:
    """Refuse (403) an unsafe request whose form (or X-CSRF-Token header) lacks its CSRF token."""
    if request.method in SAFE_METHODS:
        return
    keys: Keys = request.app.state.door.keys
    submitted = request.headers.get("x-csrf-token", "")
    if not submitted and "form" in request.headers.get("content-type", ""):
        submitted = str((await request.form()).get("csrf", ""))
    if not _same_origin(request) or not keys.csrf_ok(request.state.csrf_key or "", submitted):
        raise HTTPException(status_code=403, detail="missing or wrong CSRF token; reload the page and retry")


def current_user(request: Request) -> User:
    """The admitted user (the gate has refused everyone else)."""
    user = request.state.user
    if not isinstance(user, User):
        raise HTTPException(status_code=401, detail="not signed in")
    return user


def reviewer(request: Request) -> User:
    """The admitted user when they may decide on links; 403 for a viewer."""
    user = current_user(request)
    if not user.role.may_review:
        raise HTTPException(status_code=403, detail=f"{user.name} is a {user.role.value}: only reviewers decide")
    return user
