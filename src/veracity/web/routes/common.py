"""What every route module uses: the case opened for this request and the page renderer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import Request
from fastapi.responses import HTMLResponse

from veracity.case import Case
from veracity.web.render import CaseAccess, Pages


@contextmanager
def opened(request: Request) -> Iterator[Case]:
    """The case of the app serving REQUEST, open for the duration of the block."""
    cases: CaseAccess = request.app.state.cases
    with cases.open() as case:
        yield case


def page(request: Request, template: str, status: int = 200, **context: object) -> HTMLResponse:
    """TEMPLATE rendered for REQUEST."""
    pages: Pages = request.app.state.pages
    return pages.render(request, template, status, **context)
