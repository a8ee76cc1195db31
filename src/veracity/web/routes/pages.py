"""The reading pages: overview, sources, findings by rule, claims, and the report to download."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from veracity.web import browse
from veracity.web.routes.common import opened, page

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    """Summary figures and the report's charts."""
    with opened(request) as case:
        shown = browse.overview(case)
    return page(request, "overview.html.j2", o=shown)


@router.get("/sources", response_class=HTMLResponse)
def sources(request: Request) -> Response:
    """Every source with its provenance, and the integrity of evidence and audit log."""
    with opened(request) as case:
        found = browse.sources(case)
    return page(request, "sources.html.j2", p=found)


@router.get("/findings", response_class=HTMLResponse)
def findings(request: Request, check: str = "", page_no: int = 1) -> Response:
    """Findings counted by rule; one rule's findings listed."""
    with opened(request) as case:
        found = browse.findings(case, check, page_no)
    return page(request, "findings.html.j2", f=found)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request) -> Response:
    """Claims with their verdicts and the records they cite."""
    with opened(request) as case:
        found = browse.claims_page(case)
    return page(request, "claims.html.j2", c=found)


@router.get("/report")
def report(request: Request, redact: int = 1) -> Response:
    """The verification report as a download, redacted unless ``redact=0``."""
    with opened(request) as case:
        html = browse.report_html(case, redact=bool(redact))
    suffix = "-redacted" if redact else ""
    return Response(html, media_type="text/html; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="veracity-report{suffix}.html"'})


@router.get("/download", response_class=HTMLResponse)
def download(request: Request) -> Response:
    """The page that offers the report, redacted or not."""
    return page(request, "download.html.j2")
