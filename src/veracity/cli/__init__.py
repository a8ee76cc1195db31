"""The command line: each command parses its input, calls one library function and shows the result.

Errors derived from VeracityError print one line on stderr and exit with
their code (2 bad input or usage, 1 failed verification); nothing prints a
traceback. Heavy modules are imported inside the commands so that
``veracity --help`` stays fast. Commands live by concern in the modules below;
importing them registers them on ``app``, and ``--help`` lists them in the
order a case is worked.
"""

from __future__ import annotations

from veracity.cli import analysis_commands, case_commands, output_commands, web_commands  # noqa: F401
from veracity.cli.common import app

__all__ = ["app", "main"]

HELP_ORDER = ("init", "add", "verify", "status", "check", "link", "judge", "run", "review", "report", "export",
              "serve", "demo")


def _help_position(name: str | None) -> int:
    return HELP_ORDER.index(name) if name in HELP_ORDER else len(HELP_ORDER)


app.registered_commands.sort(key=lambda info: _help_position(info.name or info.callback.__name__
                                                             if info.callback else info.name))


def main() -> None:
    """Entry point of the ``veracity`` command."""
    app()
