"""Records: search across scripts with filters, and one record's page."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from veracity.web.records import RecordFilter, record_detail, search_records
from veracity.web.routes.common import opened, page

router = APIRouter()


@router.get("/records", response_class=HTMLResponse)
def records(request: Request, q: str = "", role: str = "", source: str = "", sex: str = "", check: str = "",
            page_no: int = 1) -> Response:
    """A page of records matching the search (any script) and the filters."""
    wanted = RecordFilter(q[:200], role, source, sex, check, page_no)
    with opened(request) as case:
        found = search_records(case, wanted)
    return page(request, "records.html.j2", r=found)


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record(request: Request, record_id: int) -> Response:
    """One record: original cells, findings, links, household."""
    with opened(request) as case:
        found = record_detail(case, record_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no record {record_id}")
    return page(request, "record.html.j2", d=found)
