"""Commands of the review UI: serve, and user accounts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from veracity.cli.common import CaseArg, app, guard, say
from veracity.errors import UsageError
from veracity.web import DEFAULT_PORT

user_app = typer.Typer(help="Accounts for the review UI (viewer, reviewer, admin).", no_args_is_help=True)
app.add_typer(user_app, name="user")


@app.command(epilog=f"Example: veracity serve karakax-case --port {DEFAULT_PORT}\n\n"
                    "Example: VERACITY_TOKEN=s3cret veracity serve karakax-case")
def serve(
    case: CaseArg,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = DEFAULT_PORT,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="VERACITY_TOKEN", help="Access token (default: a new random one, printed).")] = None,
    host: Annotated[str, typer.Option(help="Loopback address to bind (only 127.0.0.1 / ::1 are allowed).")]
    = "127.0.0.1",
) -> None:
    """Serve the review UI on this machine only; prints the URL with its ?token= as Jupyter does."""
    from veracity.web.serve import serve as run_server

    guard(lambda: run_server(case, host, port, token, echo=say))


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask the password on: use --password-stdin")
    import getpass

    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise UsageError("the two passwords differ")
    return first


@user_app.command("add", epilog="Example: veracity user add karakax-case ana --role reviewer\n\n"
                                "Example: printf '%s\\n' \"$PW\" | veracity user add karakax-case ana --password-stdin")
def user_add(
    case: CaseArg,
    name: Annotated[str, typer.Argument(help="Account name (shown in the audit log).")],
    role: Annotated[str, typer.Option(help="viewer, reviewer or admin.")] = "viewer",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")]
    = False,
) -> None:
    """Add an account to the case (argon2 hash; the change is audited, never the password)."""
    from veracity.case import open_case
    from veracity.web.accounts import Role, add_user

    def work() -> None:
        chosen = Role.parse(role)
        password = _password(password_stdin)
        with open_case(case) as opened:
            made = add_user(opened, name, chosen, password)
        say(f"added {made.name} ({made.role.value}) to {case}")

    guard(work)


@user_app.command("list", epilog="Example: veracity user list karakax-case")
def user_list(case: CaseArg) -> None:
    """List the accounts of a case."""
    from veracity.case import open_case
    from veracity.web.accounts import list_users

    def work() -> None:
        with open_case(Path(case), read_only=True) as opened:
            for user in list_users(opened):
                say(f"{user.name:<20} {user.role.value}")

    guard(work)
