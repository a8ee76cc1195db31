"""Commands that read a case out: export, report, demo, serve, user."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from veracity.cli.common import CaseArg, app, guard, output_file, say


class ExportWhat(StrEnum):
    """Tables export can write."""

    records = "records"
    findings = "findings"
    links = "links"
    claims = "claims"
    quotes = "quotes"
    summary = "summary"


class ExportFormat(StrEnum):
    """Formats export can write."""

    csv = "csv"
    json = "json"
    parquet = "parquet"
    ftm = "ftm"


RedactOpt = Annotated[bool, typer.Option(
    "--redact", help="For publication: pseudonyms for names, identity numbers cut to region and birth year.")]


@app.command(epilog="Example: veracity export karakax-case --what records --format csv -o records.csv")
def export(
    case: CaseArg,
    what: Annotated[ExportWhat, typer.Option(help="Which table.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.csv,
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (stdout if omitted or -).")] = None,
    redact: RedactOpt = False,
) -> None:
    """Write a table of the case in the contract's columns (csv, json, parquet, FollowTheMoney)."""
    from veracity.case import open_case
    from veracity.report.export import Format, export_table

    if out == Path("-"):  # the usual spelling of stdout; it wrote a file named "-"
        out = None
    def work() -> None:
        if out is not None:
            output_file(out)
        with open_case(case, read_only=not redact) as opened:
            count = export_table(opened, what.value, Format(fmt.value), out, redact=redact)
        if out is not None:
            sys.stderr.write(f"wrote {count} {what.value} rows to {out}\n")

    guard(work)


@app.command(epilog="Example: veracity report karakax-case -o report.html --redact")
def report(
    case: CaseArg,
    out: Annotated[Path, typer.Option("-o", "--output", help="report.html or report.pdf.")],
    redact: RedactOpt = False,
) -> None:
    """Write the verification report (HTML or PDF by the extension of -o) from the case's tables."""
    from veracity.case import open_case
    from veracity.report.build import write_report

    def work() -> None:
        output_file(out)
        with open_case(case) as opened:
            info = write_report(opened, out, redact=redact)
        say(f"wrote {info.format.value} report{' (redacted)' if info.redacted else ''} to {info.path} "
             f"({info.size:,} bytes)")

    guard(work)


@app.command(epilog="Example: veracity demo demo-case")
def demo(
    target: Annotated[Path | None, typer.Argument(
        help="Folder for the sample files and case (default: a new temporary folder).")] = None,
) -> None:
    """Build the synthetic sample case, run every stage and write its report."""
    from veracity.demo import run_demo

    def work() -> None:
        from veracity.progress import rich_progress

        with rich_progress() as progress:
            result = run_demo(target, progress=progress)
        for line in result.lines:
            say(line)
        say(f"report: {result.report}")

    guard(work)


