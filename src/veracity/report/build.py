"""``veracity report``: the verification report of a case, as one self-contained HTML file or a PDF.

The HTML carries its style inline and its charts as inline SVG: it loads no
font, script or image, so it opens in a browser with no network. A PDF is
the same HTML laid out by WeasyPrint (imported only when a PDF is asked for),
with every URL fetch refused. ``-o``'s extension picks the format.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from veracity import __version__
from veracity.case import Case
from veracity.errors import UsageError
from veracity.report import charts
from veracity.report.redact import Redactor
from veracity.report.sections.authenticity import Authenticity, authenticity, check_docs
from veracity.report.sections.claims import Claims, claims
from veracity.report.sections.identities import Identities, identities
from veracity.report.sections.provenance import Provenance, provenance
from veracity.report.sections.records import Count, RecordsShow, records_show
from veracity.report.state import read_state
from veracity.report.view import View


class ReportFormat(Enum):
    """What ``-o``'s extension asks for."""

    HTML = "html"
    PDF = "pdf"

    @classmethod
    def for_path(cls, path: Path) -> ReportFormat:
        """The format named by PATH's extension.

        >>> ReportFormat.for_path(Path("r.PDF"))
        <ReportFormat.PDF: 'pdf'>
        """
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            return cls.HTML
        if suffix == ".pdf":
            return cls.PDF
        raise UsageError(f"-o {path}: the report is written as .html or .pdf")


@dataclass(frozen=True)
class Charts:
    """The report's charts, as inline SVG markup."""

    reasons: Markup
    months: Markup
    pyramid: Markup
    decisions: Markup


@dataclass(frozen=True)
class Report:
    """Everything the report shows, read from the case."""

    case_name: str
    generated_at: str
    version: str
    redacted: bool
    provenance: Provenance
    authenticity: Authenticity
    identities: Identities
    claims: Claims
    records: RecordsShow
    charts: Charts
    checks: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReportInfo:
    """What was written: where, in which format, how large, how long it took."""

    path: Path
    format: ReportFormat
    size: int
    seconds: float
    redacted: bool


def _pairs(counts: tuple[Count, ...]) -> list[tuple[str, int]]:
    return [(c.label, c.count) for c in counts]


def _charts(shown: RecordsShow) -> Charts:
    return Charts(charts.bar_chart("Detained people by stated reason", _pairs(shown.reasons)),
                  charts.line_chart("Detentions per month", _pairs(shown.months)),
                  charts.pyramid("Age and sex of the detained", shown.bands),
                  charts.bar_chart("Detained people by decision", _pairs(shown.decisions)))


def collect(case: Case, *, redact: bool) -> Report:
    """Read every section of the report from CASE (redacted for publication when REDACT)."""
    view = View(Redactor.for_case(case) if redact else None)
    state = read_state(case)
    shown = records_show(case, view)
    return Report(
        case_name=view.text(case.path.resolve().name), generated_at=dt.datetime.now(dt.UTC).strftime(
            "%Y-%m-%d %H:%M UTC"), version=__version__, redacted=redact,
        provenance=provenance(case, view), authenticity=authenticity(case, state, view),
        identities=identities(case, state, view), claims=claims(case, state, view), records=shown,
        charts=_charts(shown), checks=tuple(sorted(check_docs().items())))


def render_html(report: Report) -> str:
    """The report as one HTML document (Jinja2, autoescaped: leaked content is hostile)."""
    env = Environment(loader=PackageLoader("veracity", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    css = resources.files("veracity").joinpath("templates", "report.css").read_text(encoding="utf-8")
    return env.get_template("report.html.j2").render(r=report, css=Markup(css))  # noqa: S704 - our own file


def _refuse(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"the report fetches nothing; refused {url[:80]}")


def write_pdf(html: str, out: Path) -> None:
    """Lay HTML out as a PDF with WeasyPrint, refusing every URL fetch."""
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except (ImportError, OSError) as err:
        raise UsageError(f"-o {out}: a PDF needs WeasyPrint and Pango ({err})") from err
    HTML(string=html, url_fetcher=_refuse).write_pdf(str(out))


def write_report(case: Case, out: Path, *, redact: bool) -> ReportInfo:
    """Write the report of CASE to OUT, HTML or PDF by OUT's extension."""
    started = time.perf_counter()
    fmt = ReportFormat.for_path(out)
    html = render_html(collect(case, redact=redact))
    if fmt is ReportFormat.PDF:
        write_pdf(html, out)
    else:
        out.write_text(html, encoding="utf-8")
    return ReportInfo(out, fmt, out.stat().st_size, time.perf_counter() - started, redact)
