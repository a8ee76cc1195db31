"""Checks: row rules, dataset statistics and format similarity, written once for DuckDB and Spark.

``run_checks`` is the one entry point; ``registry()`` and ``CHECKS`` declare every check
(``veracity check --list`` and ``docs/checks.md`` are generated from them).
"""

from __future__ import annotations

from veracity.checks.registry import CHECKS, CheckSpec, Level, Severity, list_text, registry
from veracity.checks.run import CheckSummary, run_checks
from veracity.checks.statistics import Statistic

__all__ = ["CHECKS", "CheckSpec", "CheckSummary", "Level", "Severity", "Statistic", "list_text", "registry",
           "run_checks"]
