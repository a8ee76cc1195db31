"""Fixtures of the report tests: a small synthetic case (generated people only)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from veracity.case import Case, open_case

from .synthetic import Synthetic, build


@pytest.fixture
def synthetic(tmp_path: Path) -> Synthetic:
    return build(tmp_path / "case")


@pytest.fixture
def opened(synthetic: Synthetic) -> Iterator[Case]:
    with open_case(synthetic.path) as case:
        yield case
