"""``veracity demo``: build the synthetic sample case, run every stage, write its report.

The folder holds ``sample/`` (the generated files), ``case/`` (the case) and
``report.html`` plus ``report-redacted.html``. A folder made by an earlier demo
(it carries a marker file) is rebuilt; any other non-empty folder is refused.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from veracity.analysis import run_all
from veracity.case import create_case
from veracity.errors import UsageError
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.progress import Progress, silent
from veracity.report.build import write_report
from veracity.sample.generate import generate

MARKER = ".veracity-demo"


@dataclass(frozen=True)
class DemoResult:
    """Where the demo put things and what it said along the way."""

    folder: Path
    case: Path
    report: Path
    redacted_report: Path
    lines: tuple[str, ...]


def _prepare(target: Path | None) -> Path:
    if target is None:
        return Path(tempfile.mkdtemp(prefix="veracity-demo-"))
    if target.exists() and any(target.iterdir()):
        if not (target / MARKER).is_file():
            raise UsageError(f"{target}: not empty and not made by veracity demo; choose another folder")
        shutil.rmtree(target)
    target.mkdir(parents=True, exist_ok=True)
    return target


def run_demo(target: Path | None = None, progress: Progress = silent) -> DemoResult:
    """Build the sample case in TARGET (a new temporary folder when None) and report on it."""
    folder = _prepare(target)
    (folder / MARKER).write_text("made by veracity demo; rebuilt by the next run\n", encoding="utf-8")
    sample = generate(folder / "sample")
    lines = [f"sample: {sample.detainees} detainees, {sample.relatives} relatives, "
             f"{sample.testimony_rows} testimonies, {sample.register_rows} register rows in {sample.out_dir}"]
    with create_case(folder / "case") as case:
        for paths, role in (([sample.leak], "leak"), ([sample.testimonies, sample.register], "reference"),
                            ([sample.claims], "claims")):
            lines += [o.sentence() for o in add_files(case, paths, AddRequest(role=role), progress=progress)]
        lines += run_all(case, progress=progress)
        report = write_report(case, folder / "report.html", redact=False)
        redacted = write_report(case, folder / "report-redacted.html", redact=True)
    return DemoResult(folder, folder / "case", report.path, redacted.path, tuple(lines))
