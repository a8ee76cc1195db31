"""The command line: each command parses its input, calls one library function and shows the result.

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
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from veracity.errors import UsageError, VeracityError

if TYPE_CHECKING:
    from veracity.checks import CheckSummary

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Verify leaked registers of people: authenticity checks, identities across scripts, "
         "official claims, redacted reports.",
)

CaseArg = Annotated[Path, typer.Argument(help="Case directory.", metavar="CASE")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON for scripts.")]
T = TypeVar("T")


class Role(StrEnum):
    """What a file is to the case."""

    leak = "leak"
    reference = "reference"
    claims = "claims"


def _fail(error: VeracityError) -> typer.Exit:
    sys.stderr.write(f"error: {' '.join(str(error).split())}\n")
    return typer.Exit(error.exit_code)


def _guard(work: Callable[[], T]) -> T:
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


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _say(text: str) -> None:
    from rich.console import Console

    Console(highlight=False).print(text)


@app.command(epilog="Example: veracity init karakax-case")
def init(case: CaseArg) -> None:
    """Create a case directory: case.duckdb, evidence/ and audit.log."""
    from veracity.case import create_case

    def work() -> None:
        with create_case(case) as made:
            _say(f"created case {made.path} (audit head {made.audit_head[:16]}…)")

    _guard(work)


def _iso_date(text: str) -> str:
    """The ISO day of --date (any form Chinese records use); a month or year means its last day,
    since the date bounds what the document can contain."""
    if not text:
        return ""
    import calendar

    from veracity.ingest.values import parse_date

    parsed = parse_date(text)
    if parsed.iso is None:
        raise UsageError(f"--date {text!r}: not a date ({parsed.reason})")
    parts = parsed.iso.split("-")
    year, month = int(parts[0]), int(parts[1]) if len(parts) > 1 else 12
    day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _parse_maps(maps: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in maps:
        column, sep, field = item.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise UsageError(f"--map {item!r}: expected COLUMN=FIELD, e.g. --map person=name")
        out[column.strip()] = field.strip()
    return out


@app.command(epilog="Example: veracity add karakax-case list.xlsx --role leak --name 'Karakax List'\n\n"
                    "Example: veracity add karakax-case people.csv --role reference --map person=name")
def add(
    case: CaseArg,
    files: Annotated[list[Path], typer.Argument(help="Files to add (CSV, XLSX, DOCX).", metavar="FILE...")],
    role: Annotated[Role, typer.Option(help="What the files are: the leak, a reference source, or claims.")],
    name: Annotated[str, typer.Option("--name", help="A label shown beside the file name.")] = "",
    maps: Annotated[list[str] | None, typer.Option(
        "--map", help="COLUMN=FIELD: read a column as a canonical field, overriding header detection.")] = None,
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
    from veracity.progress import rich_progress

    def work() -> None:
        request = AddRequest(role=role.value, label=name, mapping=_parse_maps(maps or []),
                             authentic=authentic, document_date=_iso_date(date))
        with open_case(case) as opened, rich_progress(enabled=not as_json) as progress:
            outcomes = add_files(opened, files, request, progress=progress)
        if as_json:
            _print_json([o.as_dict() for o in outcomes])
            return
        for outcome in outcomes:
            _say(outcome.sentence())

    _guard(work)


@app.command(epilog="Example: veracity verify karakax-case")
def verify(case: CaseArg, as_json: JsonOpt = False) -> None:
    """Recompute every evidence hash and walk the audit chain; exit 1 on any tampering."""
    from veracity.case import open_case
    from veracity.integrity import verify_case

    def work() -> int:
        with open_case(case) as opened:
            report = verify_case(opened)
        if as_json:
            _print_json({"intact": report.intact, "problems": list(report.problems), "head": report.head,
                         "entries": report.entries, "files": report.files})
        elif report.intact:
            _say(f"intact: {report.files} evidence files, {report.entries} audit entries, head {report.head}")
        else:
            for problem in report.problems:
                sys.stderr.write(f"tampered: {problem}\n")
            sys.stderr.write(f"audit head recorded in the case: {report.head}\n")
        return 0 if report.intact else 1

    code = _guard(work)
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
            _print_json(state.as_dict())
        else:
            _say(state.text())

    _guard(work)


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
    out: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (stdout if omitted).")] = None,
    redact: RedactOpt = False,
) -> None:
    """Write a table of the case in the contract's columns (csv, json, parquet, FollowTheMoney)."""
    from veracity.case import open_case
    from veracity.report.export import Format, export_table

    def work() -> None:
        with open_case(case, read_only=not redact) as opened:
            count = export_table(opened, what.value, Format(fmt.value), out, redact=redact)
        if out is not None:
            sys.stderr.write(f"wrote {count} {what.value} rows to {out}\n")

    _guard(work)


class Engine(StrEnum):
    """Where the checks and linkage run."""

    duckdb = "duckdb"
    spark = "spark"


@app.command(epilog="Example: veracity check karakax-case\n\nExample: veracity check --list")
def check(
    case: Annotated[Path | None, typer.Argument(help="Case directory.", metavar="CASE")] = None,
    engine: Annotated[Engine, typer.Option(help="Engine to run the checks on.")] = Engine.duckdb,
    listing: Annotated[bool, typer.Option("--list", help="List every check with its id and meaning.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Row rules, dataset statistics and format similarity; findings replace the previous run's."""
    from veracity.checks import list_text, registry

    def work() -> None:
        if listing:
            if as_json:
                _print_json([{"id": s.id, "severity": s.severity.value, "level": s.level.value, "doc": s.doc}
                             for s in registry()])
            else:
                sys.stdout.write(list_text() + "\n")
            return
        if case is None:
            raise UsageError("check needs a CASE (or --list)")
        _print_check(_run_check(case, engine.value), as_json)

    _guard(work)


def _run_check(case: Path, engine: str) -> CheckSummary:
    from veracity.case import open_case
    from veracity.checks import run_checks

    with open_case(case) as opened:
        return run_checks(opened, engine)


def _print_check(summary: CheckSummary, as_json: bool) -> None:
    if as_json:
        _print_json({"engine": summary.engine, "records": summary.records, "findings": dict(summary.findings),
                     "statistics": [{"check_id": s.check_id, "source_file": s.source_file,
                                     "flagged": s.flagged, "sentence": s.sentence} for s in summary.statistics]})
        return
    _say(f"checked {summary.records} records on {summary.engine}: {summary.total} findings")
    for check_id, count in summary.findings.items():
        _say(f"  {check_id:<24} {count}")
    for stat in summary.statistics:
        _say(f"  {'FLAG ' if stat.flagged else 'ok   '}{stat.check_id} ({stat.source_file}): {stat.sentence}")


@app.command(epilog="Example: veracity link karakax-case\n\nExample: veracity link karakax-case --engine spark")
def link(
    case: CaseArg,
    engine: Annotated[Engine, typer.Option(help="Engine Splink runs on.")] = Engine.duckdb,
    as_json: JsonOpt = False,
) -> None:
    """Link leak records to every reference source (Splink), then rebuild persons, households and families."""
    from veracity.case import open_case
    from veracity.link.run import run_link
    from veracity.progress import rich_progress

    def work() -> None:
        with open_case(case) as opened, rich_progress(enabled=not as_json) as progress:
            summary = run_link(opened, engine.value, progress=progress)
        if as_json:
            _print_json({"engine": summary.engine, "links_by_level": summary.links_by_level,
                         "persons": summary.persons, "confirmed_persons": summary.confirmed_persons,
                         "families": summary.families})
        else:
            _say(summary.sentence())

    _guard(work)


@app.command(epilog="Example: veracity judge karakax-case")
def judge(case: CaseArg, as_json: JsonOpt = False) -> None:
    """Judge every claim against the records: supported, contradicted, not_found or unverifiable."""
    from veracity.case import open_case
    from veracity.claims.judge import judge_case
    from veracity.progress import rich_progress

    def work() -> None:
        with open_case(case) as opened, rich_progress(enabled=not as_json) as progress:
            summary = judge_case(opened, progress=progress)
        if as_json:
            _print_json({"claims": summary.claims, "verdicts": dict(summary.verdicts), "groups": summary.groups,
                         "unmatched_reasons": list(summary.unmatched_reasons)})
        else:
            _say(summary.sentence())

    _guard(work)


@app.command(epilog="Example: veracity run karakax-case")
def run(
    case: CaseArg,
    engine: Annotated[Engine, typer.Option(help="Engine for the checks and linkage.")] = Engine.duckdb,
) -> None:
    """check + link + judge, in that order."""
    from veracity.analysis import run_all
    from veracity.case import open_case
    from veracity.progress import rich_progress

    def work() -> None:
        with open_case(case) as opened, rich_progress() as progress:
            for line in run_all(opened, engine.value, progress):
                _say(line)

    _guard(work)


@app.command(epilog="Example: veracity review karakax-case\n\n"
                    "Example: veracity review karakax-case --accept L12 --note 'same father, same village'")
def review(
    case: CaseArg,
    accept: Annotated[str | None, typer.Option("--accept", help="Accept link LINK.", metavar="LINK")] = None,
    reject: Annotated[str | None, typer.Option("--reject", help="Reject link LINK.", metavar="LINK")] = None,
    unsure: Annotated[str | None, typer.Option("--unsure", help="Mark link LINK unsure.", metavar="LINK")] = None,
    note: Annotated[str, typer.Option("--note", help="Why (kept in the audit log).")] = "",
    limit: Annotated[int, typer.Option(help="Links to list.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """List the links to look at, or record a decision on one (audited; survives re-running link)."""
    from veracity.case import open_case
    from veracity.link.review import decide, list_queue

    def work() -> None:
        chosen = [(d, link_id) for d, link_id in (("accept", accept), ("reject", reject), ("unsure", unsure))
                  if link_id]
        if len(chosen) > 1:
            raise UsageError("give one of --accept, --reject, --unsure")
        with open_case(case) as opened:
            if chosen:
                done = decide(opened, chosen[0][1], chosen[0][0], note)
                _say(f"{done.link_id}: {done.decision.value} -> {done.status.value}; "
                     f"{done.confirmed_persons} persons confirmed, {done.families} families corroborated")
                return
            queue = list_queue(opened, limit=limit)
        if as_json:
            _print_json([{"link_id": q.link_id, "a": f"{q.source_file_a}:{q.row_a}",
                          "b": f"{q.source_file_b}:{q.row_b}", "match_probability": q.match_probability,
                          "level": q.level.value, "evidence": q.evidence} for q in queue])
            return
        for q in queue:
            _say(f"{q.link_id}  {q.level.value:<9} p={q.match_probability:.3f}  {q.source_file_a}:{q.row_a} ~ "
                 f"{q.source_file_b}:{q.row_b}  {q.evidence}")

    _guard(work)


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
        with open_case(case) as opened:
            info = write_report(opened, out, redact=redact)
        _say(f"wrote {info.format.value} report{' (redacted)' if info.redacted else ''} to {info.path} "
             f"({info.size:,} bytes)")

    _guard(work)


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
            _say(line)
        _say(f"report: {result.report}")

    _guard(work)


def main() -> None:
    """Entry point of the ``veracity`` command."""
    app()
