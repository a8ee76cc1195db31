"""Seeded mutations of valid files: reading either succeeds or raises an InputError naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.errors import InputError

from .mutations import mutants
from .samples import read_all, write

BATCHES = 6
PER_BATCH = 210  # 1,260 mutated files in all


@pytest.mark.parametrize("batch", range(BATCHES))
def test_mutated_files_fail_only_with_input_errors(tmp_path: Path, batch: int) -> None:
    unexpected = []
    for mutant in mutants(PER_BATCH, seed=batch):
        path = write(tmp_path, f"m{mutant.suffix}", mutant.data)
        try:
            read_all(path)
        except InputError as error:
            if error.source != path.name or "\n" in str(error):
                unexpected.append(f"{mutant.label}: {error!r}")
        except Exception as error:  # the point of the test: anything else is a bug
            unexpected.append(f"{mutant.label}: {type(error).__name__}: {error}")
    assert unexpected == []
