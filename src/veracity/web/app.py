"""``create_app``: the FastAPI application of the review UI, built from explicit settings.

>>> from pathlib import Path
>>> create_app(Path("no-such-case"), "t0ken", owner="ana").state.door.owner_user
User(name='ana', role=<Role.ADMIN: 'admin'>)
"""

from __future__ import annotations

import getpass
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from veracity.errors import VeracityError
from veracity.web.gate import Door, csrf_guard, gate
from veracity.web.render import CaseAccess, Pages
from veracity.web.routes import auth, pages, records, review
from veracity.web.security import DEFAULT_SESSION_SECONDS, Keys, SessionStore


def _owner() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "owner"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.state.user is None and exc.status_code == 403:
        return PlainTextResponse(f"403 {exc.detail}", status_code=403)
    pages: Pages = request.app.state.pages
    return pages.render(request, "error.html.j2", exc.status_code, code=exc.status_code, detail=exc.detail)


async def _case_error(request: Request, exc: Exception) -> Response:
    return HTMLResponse(f"<p>The case cannot be read: {type(exc).__name__}</p>", status_code=500)


def create_app(case_path: Path, token: str, *, owner: str | None = None,
               session_seconds: float = DEFAULT_SESSION_SECONDS) -> FastAPI:
    """The review UI over the case at CASE_PATH, admitting TOKEN (its holder is OWNER, an admin:
    the system user by default) and accounts' sessions, which last SESSION_SECONDS."""
    if not token:
        raise ValueError("the review UI needs an access token")
    app = FastAPI(title="veracity review", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(csrf_guard)])
    app.state.door = Door(Keys.make(token), SessionStore(lifetime=session_seconds), owner or _owner())
    app.state.cases = CaseAccess(case_path)
    app.state.pages = Pages()
    app.middleware("http")(gate(app.state.door))
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(VeracityError, _case_error)
    static = resources.files("veracity.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for module in (auth, pages, records, review):
        app.include_router(module.router)
    return app
