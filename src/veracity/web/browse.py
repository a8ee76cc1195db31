"""The case as the review UI's reading pages show it: overview, sources, findings by rule, claims.

Each function reads the case through the report's own sections (``veracity.report``),
unredacted: the UI is for the people who hold the case. A figure whose stage has not
run is None, and the page says "not run yet".
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from veracity.case import Case
from veracity.report import charts
from veracity.report.build import collect as collect_report
from veracity.report.build import render_html
from veracity.report.sections.authenticity import Authenticity, authenticity
from veracity.report.sections.claims import Claims, claims
from veracity.report.sections.provenance import Provenance, provenance
from veracity.report.sections.records import Count, RecordsShow, records_show
from veracity.report.state import read_state
from veracity.report.summary import Summary, summarise
from veracity.report.view import View
from veracity.web.records import linkage_ran

FINDINGS_PAGE = 100
_UNREDACTED = View(None)


def _pairs(counts: tuple[Count, ...]) -> list[tuple[str, int]]:
    return [(c.label, c.count) for c in counts]


@dataclass(frozen=True)
class Stages:
    """Which analyses have run; a page shows "not run yet" for the others, never an empty figure."""

    checked: bool
    linked: bool
    judged: bool


def stages(case: Case) -> Stages:
    """What has run, from the audit log and the tables' contents."""
    state = read_state(case)
    checked = state.ran("check") or bool(case.scalar("SELECT count(*) FROM findings WHERE stage = 'check'"))
    judged = state.has("verdicts", "verdict") and (
        state.ran("judge") or bool(case.scalar("SELECT count(*) FROM verdicts")))
    return Stages(checked, linkage_ran(case, state), judged)


@dataclass(frozen=True)
class Overview:
    """The case's counts and the report's charts (inline SVG)."""

    case_name: str
    summary: Summary
    stages: Stages
    shown: RecordsShow
    charts: tuple[Markup, ...]


def overview(case: Case) -> Overview:
    """The summary figures and the report's four charts of the leak."""
    shown = records_show(case, _UNREDACTED)
    drawn = (charts.bar_chart("Detained people by stated reason", _pairs(shown.reasons)),
             charts.line_chart("Detentions per month", _pairs(shown.months)),
             charts.pyramid("Age and sex of the detained", shown.bands),
             charts.bar_chart("Detained people by decision", _pairs(shown.decisions)))
    return Overview(case.path.resolve().name, summarise(case), stages(case), shown, drawn)


def sources(case: Case) -> Provenance:
    """Every source file with its provenance, and what verifying the evidence and audit log says."""
    return provenance(case, _UNREDACTED)


@dataclass(frozen=True)
class FindingRow:
    """One finding of the rule being listed, with the record it names (when it names one)."""

    source_file: str
    sheet: str
    row: int | None
    record_id: int | None
    severity: str
    message: str


@dataclass(frozen=True)
class FindingsPage:
    """Findings by rule; with CHECK_ID, that rule's findings a page at a time."""

    authenticity: Authenticity
    check_id: str
    rows: tuple[FindingRow, ...]
    total: int
    page: int
    pages: int


def findings(case: Case, check_id: str = "", page: int = 1) -> FindingsPage:
    """Counts per rule and dataset statistics; the findings of CHECK_ID when one is chosen."""
    found = authenticity(case, read_state(case), _UNREDACTED)
    if not check_id:
        return FindingsPage(found, "", (), 0, 1, 1)
    total = int(case.scalar("SELECT count(*) FROM findings WHERE check_id = ?", [check_id]))
    pages = max(1, -(-total // FINDINGS_PAGE))
    page = min(max(page, 1), pages)
    rows = case.con.execute(
        "SELECT source_file, sheet, \"row\", record_id, severity, message FROM findings WHERE check_id = ? "
        "ORDER BY source_file, sheet, \"row\" NULLS FIRST LIMIT ? OFFSET ?",
        [check_id, FINDINGS_PAGE, (page - 1) * FINDINGS_PAGE]).fetchall()
    return FindingsPage(found, check_id, tuple(FindingRow(*r) for r in rows), total, page, pages)


@dataclass(frozen=True)
class ClaimsPage:
    """The claims with their verdicts, and the record each cited ``file:row`` points to."""

    claims: Claims
    cited: dict[str, int]
    judged: bool


def _cited(case: Case, evidence: set[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in sorted(evidence):
        source_file, _, row = item.rpartition(":")
        if row.isdigit() and source_file:
            sheet_file, _, sheet = source_file.partition(":")
            found = case.con.execute(
                "SELECT record_id FROM records WHERE source_file = ? AND \"row\" = ? AND (? = '' OR sheet = ?) "
                "ORDER BY record_id LIMIT 1", [sheet_file, int(row), sheet, sheet]).fetchone()
            if found:
                out[item] = int(found[0])
    return out


def claims_page(case: Case) -> ClaimsPage:
    """The claims, their verdicts when judged, and the cited records."""
    judged = claims(case, read_state(case), _UNREDACTED)
    return ClaimsPage(judged, _cited(case, {e for c in judged.shown for e in c.evidence}), stages(case).judged)


def report_html(case: Case, *, redact: bool) -> str:
    """The verification report as one HTML document, redacted for publication when REDACT."""
    return render_html(collect_report(case, redact=redact))
