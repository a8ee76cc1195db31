"""``veracity run``: every analysis stage in order — check, link, judge — each its own transaction."""

from __future__ import annotations

from collections.abc import Iterator

from veracity.case import Case
from veracity.progress import Progress, silent


def run_all(case: Case, engine: str = "duckdb", progress: Progress = silent) -> Iterator[str]:
    """Run check, link and judge on CASE; yield one sentence per stage as it finishes."""
    from veracity.checks import run_checks
    from veracity.claims.judge import judge_case
    from veracity.link.run import run_link

    checked = run_checks(case, engine)
    yield (f"check: {checked.records:,} records, {checked.total:,} findings, "
           f"{sum(s.flagged for s in checked.statistics)} statistics flagged")
    yield run_link(case, engine, progress=progress).sentence()
    yield judge_case(case, progress=progress).sentence()
