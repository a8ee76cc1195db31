"""The review queue of links (filled in when linkage lands)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from veracity.web.routes.common import page

router = APIRouter()


@router.get("/review", response_class=HTMLResponse)
def queue(request: Request) -> Response:
    """The next link to decide."""
    return page(request, "review.html.j2")
