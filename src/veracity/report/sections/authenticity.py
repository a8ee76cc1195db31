"""Authenticity: row findings by rule (counts, cited examples), dataset statistics, format similarity."""

from __future__ import annotations

from dataclasses import dataclass

from veracity.case import Case
from veracity.report.state import CaseState
from veracity.report.view import View

EXAMPLES_PER_CHECK = 3


@dataclass(frozen=True)
class Example:
    """One finding shown as an example, with its place in the evidence."""

    source_file: str
    sheet: str
    row: int | None
    message: str


@dataclass(frozen=True)
class RuleCount:
    """One row rule: how many rows it flagged, in how many files, and a few examples."""

    check_id: str
    severity: str
    stage: str
    rows: int
    files: int
    doc: str
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class Statistic:
    """One dataset statistic: its figure against what an authentic register would show."""

    check_id: str
    source_file: str
    n: int | None
    figure: float | None
    expected: float | None
    p_value: float | None
    flagged: bool
    sentence: str
    doc: str


@dataclass(frozen=True)
class Authenticity:
    """What the checks found; ``checked`` is False when ``veracity check`` has not run."""

    checked: bool
    rules: tuple[RuleCount, ...]
    statistics: tuple[Statistic, ...]
    similarity: tuple[Statistic, ...]


def check_docs() -> dict[str, str]:
    """The one-line doc of every declared check (empty when the registry is not installed)."""
    try:
        from veracity.checks.registry import CHECKS
    except ImportError:
        return {}
    return {k: spec.doc for k, spec in CHECKS.items()}


def _rules(case: Case, view: View, docs: dict[str, str]) -> tuple[RuleCount, ...]:
    counts = case.con.execute(
        "SELECT check_id, any_value(severity), any_value(stage), count(*), count(DISTINCT source_file) "
        "FROM findings WHERE \"row\" IS NOT NULL GROUP BY check_id ORDER BY count(*) DESC, check_id"
    ).fetchall()
    examples: dict[str, list[Example]] = {}
    for check_id, source_file, sheet, row, message in case.con.execute(
            "SELECT check_id, source_file, sheet, \"row\", message FROM (SELECT *, row_number() OVER "
            "(PARTITION BY check_id ORDER BY source_file, sheet, \"row\") AS k FROM findings "
            "WHERE \"row\" IS NOT NULL) WHERE k <= ? ORDER BY check_id, k", [EXAMPLES_PER_CHECK]).fetchall():
        examples.setdefault(check_id, []).append(
            Example(view.text(source_file), view.text(sheet), row, view.text(message)))
    return tuple(RuleCount(c, sev, stage, n, files, docs.get(c, ""), tuple(examples.get(c, ())))
                 for c, sev, stage, n, files in counts)


def _statistics(case: Case, state: CaseState, view: View, docs: dict[str, str]) -> tuple[Statistic, ...]:
    table = _statistics_table(case, state, view, docs)
    covered = {(s.check_id, s.source_file) for s in table}
    rows = case.con.execute(
        "SELECT check_id, source_file, message, severity FROM findings WHERE \"row\" IS NULL "
        "ORDER BY source_file, check_id").fetchall()
    found = tuple(Statistic(c, view.text(f), None, None, None, None, sev != "info", view.text(m),
                            docs.get(c, "")) for c, f, m, sev in rows if (c, view.text(f)) not in covered)
    return table + found


def _statistics_table(case: Case, state: CaseState, view: View,
                      docs: dict[str, str]) -> tuple[Statistic, ...]:
    if state.has("statistics", "check_id", "source_file", "n", "figure", "expected", "p_value", "flagged",
                  "sentence"):
        rows = case.con.execute(
            "SELECT check_id, source_file, n, figure, expected, p_value, flagged, sentence FROM statistics "
            "ORDER BY source_file, check_id").fetchall()
        return tuple(Statistic(c, view.text(f), n, fig, exp, p, bool(flag), view.text(s), docs.get(c, ""))
                     for c, f, n, fig, exp, p, flag, s in rows)
    return ()


def authenticity(case: Case, state: CaseState, view: View) -> Authenticity:
    """Read the findings (and the statistics table, when the checks made one)."""
    docs = check_docs()
    stats = _statistics(case, state, view, docs)
    checked = state.ran("check") or bool(case.scalar("SELECT count(*) FROM findings WHERE stage = 'check'"))
    return Authenticity(checked, _rules(case, view, docs),
                        tuple(s for s in stats if not s.check_id.startswith("format.")),
                        tuple(s for s in stats if s.check_id.startswith("format.")))
