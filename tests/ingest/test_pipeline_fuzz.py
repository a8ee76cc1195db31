"""Mutated files through the whole ``add``: each is added or refused with an InputError, never half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.case import Case
from veracity.errors import InputError
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.integrity import verify_case

from .mutations import mutants

COUNT = 250  # per seed; four seeds make the 1,000 files through the whole add


def _state(case: Case) -> tuple[object, ...]:
    return (case.scalar("SELECT count(*) FROM records"), case.scalar("SELECT count(*) FROM findings"),
            case.audit_head, sorted(p.name for p in (case.path / "evidence").iterdir()))


@pytest.mark.parametrize("seed", [31, 32, 33, 34])
def test_mutated_files_are_added_whole_or_refused_cleanly(case: Case, tmp_path: Path, seed: int) -> None:
    unexpected: list[str] = []
    for k, mutant in enumerate(mutants(COUNT, seed=seed)):
        path = tmp_path / f"m{k}{mutant.suffix}"
        path.write_bytes(mutant.data)
        before = _state(case)
        try:
            [outcome] = add_files(case, [path], AddRequest(role="leak"))
        except InputError as error:
            if path.name not in str(error) or "could not be read (" in str(error) or _state(case) != before:
                unexpected.append(f"{mutant.label}: {error}")
        else:
            if outcome.added and _state(case) == before:
                unexpected.append(f"{mutant.label}: reported added but nothing changed")
    assert unexpected == []
    assert verify_case(case).intact
