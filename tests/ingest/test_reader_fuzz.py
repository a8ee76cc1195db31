"""Seeded mutations of valid files: reading either succeeds or raises an InputError naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from .mutations import mutants, read_failure
from .samples import write

BATCHES = 6
PER_BATCH = 210  # 1,260 mutated files in all


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_files_fail_only_with_input_errors(tmp_path: Path, batch: int) -> None:
    failures = (read_failure(write(tmp_path, f"m{m.suffix}", m.data), m.label) for m in mutants(PER_BATCH, seed=batch))
    assert [f for f in failures if f] == []
