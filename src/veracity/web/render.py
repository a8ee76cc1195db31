"""Templates of the review UI: Jinja2 with autoescape always on, and the case opened per request.

Leaked values are hostile text; they reach a page only through ``{{ }}``, which escapes.
No template marks leaked content ``|safe``; the only markup passed in is the report's
SVG charts, whose labels ``veracity.report.charts`` escapes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from veracity.case import Case, open_case


def query_string(base: dict[str, object], **changes: object) -> str:
    """A query string from BASE with CHANGES, empty values left out.

    >>> query_string({"q": "a b", "page": 1, "role": ""}, page=2)
    '?q=a+b&page=2'
    """
    merged = {**base, **changes}
    kept = {k: v for k, v in merged.items() if v not in ("", None)}
    return "?" + urlencode(kept) if kept else ""


def make_environment() -> Environment:
    """The Jinja2 environment of the UI's templates (autoescape on for every template)."""
    env = Environment(loader=PackageLoader("veracity.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals["query"] = query_string
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else ("" if n is None else str(n))
    return env


@dataclass
class Pages:
    """Renders a template with what every page needs: the user and the CSRF token."""

    env: Environment = field(default_factory=make_environment)

    def render(self, request: Request, template: str, status: int = 200, **context: object) -> HTMLResponse:
        """TEMPLATE rendered with CONTEXT for REQUEST's user."""
        keys = request.app.state.door.keys
        csrf = keys.csrf(request.state.csrf_key) if request.state.csrf_key else ""
        html = self.env.get_template(template).render(
            user=request.state.user, csrf=csrf, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)


@dataclass
class CaseAccess:
    """Opens the case for one request at a time, so the CLI can use it between requests."""

    path: Path
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @contextmanager
    def open(self) -> Iterator[Case]:
        """The open case, closed (and unlocked) when the block ends."""
        with self._lock, open_case(self.path) as case:
            yield case
