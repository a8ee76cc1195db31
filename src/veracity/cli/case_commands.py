"""Commands that build and inspect a case: init, add, verify, status."""

from __future__ import annotations

import sys
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from veracity.cli.common import CaseArg, JsonOpt, app, guard, print_json, say
from veracity.errors import UsageError


class Role(StrEnum):
    """What a file is to the case."""

    leak = "leak"
    reference = "reference"
    claims = "claims"


@app.command(epilog="Example: veracity init karakax-case")
def init(case: CaseArg) -> None:
    """Create a case directory: case.duckdb, evidence/ and audit.log."""
    from veracity.case import create_case

    def work() -> None:
        with create_case(case) as made:
            say(f"created case {made.path} (audit head {made.audit_head[:16]}…)")

    guard(work)


def _document_date(text: str) -> str:
    """``--date`` as the last ISO day it can mean (``dates.latest_day``); "" when not given."""
    if not text:
        return ""
    from veracity.ingest.dates import latest_day

    day = latest_day(text)
    if day.iso is None:
        raise UsageError(f"--date {text!r}: not a date ({day.reason})")
    return day.iso


def _parse_maps(maps: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in maps:
        column, sep, field = item.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise UsageError(f"--map {item!r}: expected COLUMN=FIELD, e.g. --map 'person=name' or --map 'phone=none'")
        out[column.strip()] = field.strip()
    return out


@app.command(epilog="Example: veracity add karakax-case list.xlsx --role leak --name 'Karakax List'\n\n"
                    "Example: veracity add karakax-case people.csv --role reference --map person=name "
                    "--map 'column 7=id_number' --map 编号=none")
def add(
    case: CaseArg,
    files: Annotated[list[Path], typer.Argument(help="Files to add (CSV, XLSX, DOCX).", metavar="FILE...")],
    role: Annotated[Role, typer.Option(help="What the files are: the leak, a reference source, or claims.")],
    name: Annotated[str, typer.Option("--name", help="A label shown beside the file name.")] = "",
    maps: Annotated[list[str] | None, typer.Option(
        "--map", help="COLUMN=FIELD: read a column (its header as written, or 'column N' when it has none) as a "
                     "canonical field, overriding header detection; FIELD 'none' keeps the column out of every "
                     "field. Repeatable.")] = None,
    authentic: Annotated[bool, typer.Option(
        "--authentic", help="A reference known to be authentic (used for format similarity).")] = False,
    date: Annotated[str, typer.Option(
        "--date", help="The date the document bears or is claimed to have (e.g. 2019-12-31): ages, dates "
                       "and file metadata are judged against it.")] = "",
    as_json: JsonOpt = False,
) -> None:
    """Store files in the evidence store and read their rows into records (one transaction)."""
    from veracity.case import open_case
    from veracity.ingest.pipeline import AddRequest, add_files
    from veracity.ingest.readd import unapplied
    from veracity.progress import rich_progress

    def work() -> None:
        request = AddRequest(role=role.value, label=name, mapping=_parse_maps(maps or []),
                             authentic=authentic, document_date=_document_date(date))
        with open_case(case) as opened, rich_progress(enabled=not as_json) as progress:
            outcomes = [o if o.added else replace(o, notes=tuple(unapplied(opened, o.sha256, request)))
                        for o in add_files(opened, files, request, progress=progress)]
        if as_json:
            print_json([o.as_dict() for o in outcomes])
            return
        for outcome in outcomes:
            say(outcome.sentence())

    guard(work)


@app.command(epilog="Example: veracity verify karakax-case")
def verify(case: CaseArg, as_json: JsonOpt = False) -> None:
    """Recompute every evidence hash and walk the audit chain; exit 1 on any tampering."""
    from veracity.case import open_case
    from veracity.integrity import verify_case

    def work() -> int:
        with open_case(case) as opened:
            report = verify_case(opened)
        if as_json:
            print_json({"intact": report.intact, "problems": list(report.problems), "head": report.head,
                         "entries": report.entries, "files": report.files})
        elif report.intact:
            say(f"intact: {report.files} evidence files, {report.entries} audit entries, head {report.head}")
        else:
            for problem in report.problems:
                sys.stderr.write(f"tampered: {problem}\n")
            sys.stderr.write(f"audit head recorded in the case: {report.head}\n")
        return 0 if report.intact else 1

    code = guard(work)
    if code:
        raise typer.Exit(code)


@app.command(epilog="Example: veracity status karakax-case --json")
def status(case: CaseArg, as_json: JsonOpt = False) -> None:
    """Sources, record and finding counts, and the last audit entry."""
    from veracity.case import open_case
    from veracity.status import case_status

    def work() -> None:
        with open_case(case) as opened:
            state = case_status(opened)
        if as_json:
            print_json(state.as_dict())
        else:
            say(state.text())

    guard(work)


