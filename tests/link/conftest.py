"""A linked sample case (synthetic people from the sample generator), built once per session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from veracity.case import Case, create_case, open_case
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.link.run import LinkSummary, run_link
from veracity.sample.generate import generate

SCALE = 0.5  # 150 detainees, about 950 leak rows: enough for EM, quick to link


@dataclass(frozen=True)
class Linked:
    """A linked case folder, its truth file and the summary of its run."""

    case_dir: Path
    truth: Path
    summary: LinkSummary


def build_case(folder: Path, scale: float = SCALE) -> tuple[Path, Path]:
    """Generate the sample at SCALE and add its files to a new case; (case folder, truth file)."""
    sample = generate(folder / "sample", seed=2020, scale=scale)
    with create_case(folder / "case") as case:
        add_files(case, [sample.leak], AddRequest(role="leak"))
        add_files(case, [sample.testimonies, sample.register], AddRequest(role="reference"))
    return folder / "case", sample.truth


@pytest.fixture(scope="session")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Linked:
    case_dir, truth = build_case(tmp_path_factory.mktemp("linked"))
    with open_case(case_dir) as case:
        summary = run_link(case)
    return Linked(case_dir, truth, summary)


@pytest.fixture
def linked_case(linked: Linked) -> Iterator[Case]:
    """The shared linked case, read-only."""
    with open_case(linked.case_dir, read_only=True) as case:
        yield case


@pytest.fixture
def scratch_case(linked: Linked, tmp_path: Path) -> Iterator[Case]:
    """A writable copy of the linked case, for tests that record decisions."""
    shutil.copytree(linked.case_dir, tmp_path / "case")
    with open_case(tmp_path / "case") as case:
        yield case
