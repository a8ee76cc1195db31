"""The review queue: decide links one by one (keyboard a/r/u/n) or in bulk, blind second review,
and the disagreements an editor settles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from veracity.link.levels import Decision
from veracity.web import review
from veracity.web.accounts import Role, User
from veracity.web.gate import current_user, reviewer
from veracity.web.render import query_string
from veracity.web.routes.common import opened, page

router = APIRouter()
Filter = Annotated[review.QueueFilter, Depends()]


def _mode(text: str) -> review.Mode:
    try:
        return review.Mode(text)
    except ValueError:
        raise HTTPException(status_code=400, detail=f"unknown review mode {text!r}") from None


def _decision(text: str) -> Decision:
    try:
        return Decision(text)
    except ValueError:
        raise HTTPException(status_code=400, detail=f"unknown decision {text!r}") from None


def _back(mode: review.Mode, wanted: review.QueueFilter, path: str = "/review") -> RedirectResponse:
    params = {"mode": mode.value if mode is not review.Mode.FIRST else "", "level": wanted.level,
              "source": wanted.source, "min_p": wanted.min_p or "", "max_p": "" if wanted.max_p == 1 else wanted.max_p}
    return RedirectResponse(path + query_string(params), status_code=303)


def _editor(user: Annotated[User, Depends(reviewer)]) -> User:
    if user.role is not Role.ADMIN:
        raise HTTPException(status_code=403, detail="only an admin (the editor) settles disagreements")
    return user


@router.get("/review", response_class=HTMLResponse)
def queue(request: Request, wanted: Filter, mode: str = "first") -> Response:
    """The next link for this reviewer, side by side, in the first or the blind second review."""
    user = current_user(request)
    with opened(request) as case:
        found = review.queue(case, user.name, _mode(mode), wanted)
    return page(request, "review.html.j2", q=found, may_review=user.role.may_review)


@router.post("/review/bulk")
def bulk(request: Request, user: Annotated[User, Depends(reviewer)], wanted: Filter,
         decision: Annotated[str, Form()], note: Annotated[str, Form()] = "", mode: Annotated[str, Form()] = "first",
         ) -> Response:
    """Decide the whole filtered queue the same way."""
    chosen, how = _decision(decision), _mode(mode)
    with opened(request) as case:
        review.decide_bulk(case, user.name, how, wanted, chosen, note)
    return _back(how, wanted)


@router.post("/review/{link_id}")
def decide(request: Request, link_id: str, user: Annotated[User, Depends(reviewer)], wanted: Filter,
           decision: Annotated[str, Form()], note: Annotated[str, Form()] = "",
           mode: Annotated[str, Form()] = "first") -> Response:
    """Record the reviewer's decision and show the next link."""
    chosen, how = _decision(decision), _mode(mode)
    with opened(request) as case:
        review.decide_link(case, link_id, chosen, note, user.name)
    return _back(how, wanted)


@router.get("/disagreements", response_class=HTMLResponse)
def disagreements(request: Request) -> Response:
    """Links the reviewers decided differently, for the editor."""
    with opened(request) as case:
        found = review.disagreements(case)
    return page(request, "disagreements.html.j2", items=found)


@router.post("/disagreements/{link_id}")
def settle(request: Request, link_id: str, editor: Annotated[User, Depends(_editor)],
           decision: Annotated[str, Form()], note: Annotated[str, Form()] = "") -> Response:
    """The editor's final decision on a disputed link."""
    with opened(request) as case:
        review.settle(case, link_id, _decision(decision), note, editor.name)
    return RedirectResponse("/disagreements", status_code=303)
