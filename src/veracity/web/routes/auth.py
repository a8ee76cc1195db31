"""Signing in with an account, and signing out."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from veracity.web.accounts import authenticate
from veracity.web.gate import Door, set_session_cookie
from veracity.web.routes.common import opened, page
from veracity.web.security import LOGIN_COOKIE, SESSION_COOKIE, safe_next

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> Response:
    """The sign-in form; an anonymous cookie keys its CSRF token."""
    if not request.state.csrf_key:
        request.state.csrf_key = secrets.token_urlsafe(24)
    response = page(request, "login.html.j2", next=safe_next(next), failed=False)
    response.set_cookie(LOGIN_COOKIE, request.state.csrf_key, httponly=True, samesite="strict", path="/")
    return response


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, name: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
          next: Annotated[str, Form()] = "/") -> Response:
    """Check the account's password; open a session, or show the form again."""
    with opened(request) as case:
        user = authenticate(case, name.strip(), password)
    if user is None:
        return page(request, "login.html.j2", 401, next=safe_next(next), failed=True)
    door: Door = request.app.state.door
    session = door.sessions.open(user)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(response, session.session_id, door.sessions.lifetime)
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the session."""
    door: Door = request.app.state.door
    door.sessions.close(request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
