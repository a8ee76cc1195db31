"""Format similarity of leak sources to reference documents known to be authentic (stub)."""

from __future__ import annotations

from veracity.case import Case
from veracity.checks.statistics import Statistic
from veracity.engine.base import Engine


def compute(case: Case, engine: Engine) -> list[Statistic]:
    """One ``format.similarity`` statistic per leak file when authentic references exist."""
    return []
