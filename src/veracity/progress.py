"""Progress reporting: a callback type the library calls, and a Rich bar the CLI gives it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Progress(Protocol):
    """What long operations report: a task name, units done, and units expected when known."""

    def __call__(self, task: str, done: int, total: int | None = None) -> None: ...


def silent(task: str, done: int, total: int | None = None) -> None:
    """A Progress that shows nothing."""


@contextmanager
def rich_progress(*, enabled: bool = True) -> Iterator[Progress]:
    """A Rich progress bar on stderr when it is a terminal, else silence."""
    if not enabled or not sys.stderr.isatty():
        yield silent
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    tasks: dict[str, object] = {}
    with Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
             console=Console(stderr=True), transient=True) as bar:

        def report(task: str, done: int, total: int | None = None) -> None:
            if task not in tasks:
                tasks[task] = bar.add_task(task, total=total)
            bar.update(tasks[task], completed=done, total=total)  # type: ignore[arg-type]

        yield report
