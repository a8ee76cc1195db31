"""Fixtures for the check tests: fresh cases in tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from veracity.case import Case, create_case


@pytest.fixture
def new_case(tmp_path: Path) -> Iterator[Callable[[], Case]]:
    """A factory of fresh cases in tmp_path (closed after the test)."""
    made: list[Case] = []

    def make() -> Case:
        case = create_case(tmp_path / f"case{len(made)}")
        made.append(case)
        return case

    yield make
    for case in made:
        case.close()
