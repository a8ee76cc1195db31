"""The command line's shared pieces: the Typer app, argument types, error handling and output.

Errors derived from VeracityError print one line on stderr and exit with
their code (2 bad input or usage, 1 failed verification); nothing prints a
traceback. Heavy modules are imported inside the commands so that
``veracity --help`` stays fast.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from veracity.errors import UsageError, VeracityError

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Verify leaked registers of people: authenticity checks, identities across scripts, "
         "official claims, redacted reports.",
)

CaseArg = Annotated[Path, typer.Argument(help="Case directory.", metavar="CASE")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON for scripts.")]
T = TypeVar("T")


def _fail(error: VeracityError) -> typer.Exit:
    sys.stderr.write(f"error: {' '.join(str(error).split())}\n")
    return typer.Exit(error.exit_code)


def guard(work: Callable[[], T]) -> T:
    """Run WORK, turning veracity's errors into one line on stderr and an exit code."""
    try:
        return work()
    except VeracityError as error:
        raise _fail(error) from None
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted; the case is left as it was before this command\n")
        raise typer.Exit(130) from None
    except (typer.Exit, SystemExit):
        raise
    except Exception as error:  # a bug: one line, the case untouched (every change is one transaction)
        if os.environ.get("VERACITY_DEBUG"):
            raise
        sys.stderr.write(f"error: internal error {type(error).__name__}: {' '.join(str(error).split())[:200]} "
                         "(the case is unchanged; VERACITY_DEBUG=1 shows the traceback)\n")
        raise typer.Exit(70) from None


def output_file(path: Path) -> Path:
    """PATH given to ``-o``, or a UsageError naming it when no file can be written there (exit 2, not a bug).

    >>> output_file(Path("/no/such/folder/report.html"))
    Traceback (most recent call last):
    ...
    veracity.errors.UsageError: -o /no/such/folder/report.html: no folder /no/such/folder
    """
    if path.is_dir():
        raise UsageError(f"-o {path}: a folder; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"-o {path}: no folder {path.parent}")
    return path


def print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def say(text: str) -> None:
    from rich.console import Console

    Console(highlight=False).print(text)


