"""Commands that analyse a case: check, link, judge, run, review."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from veracity.cli.common import CaseArg, JsonOpt, app, guard, print_json, say
from veracity.errors import UsageError
from veracity.locator import Locator

if TYPE_CHECKING:
    from veracity.checks import CheckSummary


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
                print_json([{"id": s.id, "severity": s.severity.value, "level": s.level.value, "doc": s.doc}
                             for s in registry()])
            else:
                sys.stdout.write(list_text() + "\n")
            return
        if case is None:
            raise UsageError("check needs a CASE (or --list)")
        _print_check(_run_check(case, engine.value), as_json)

    guard(work)


def _run_check(case: Path, engine: str) -> CheckSummary:
    from veracity.case import open_case
    from veracity.checks import run_checks

    with open_case(case) as opened:
        return run_checks(opened, engine)


def _print_check(summary: CheckSummary, as_json: bool) -> None:
    if as_json:
        print_json({"engine": summary.engine, "records": summary.records, "findings": dict(summary.findings),
                     "statistics": [{"check_id": s.check_id, "source_file": s.source_file,
                                     "flagged": s.flagged, "sentence": s.sentence} for s in summary.statistics]})
        return
    say(f"checked {summary.records} records on {summary.engine}: {summary.total} findings")
    for check_id, count in summary.findings.items():
        say(f"  {check_id:<24} {count}")
    for stat in summary.statistics:
        say(f"  {'FLAG ' if stat.flagged else 'ok   '}{stat.check_id} ({stat.source_file}): {stat.sentence}")


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
            print_json({"engine": summary.engine, "links_by_level": summary.links_by_level,
                         "persons": summary.persons, "confirmed_persons": summary.confirmed_persons,
                         "families": summary.families})
        else:
            say(summary.sentence())

    guard(work)


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
            print_json({"claims": summary.claims, "verdicts": dict(summary.verdicts), "groups": summary.groups,
                         "unmatched_reasons": list(summary.unmatched_reasons)})
        else:
            say(summary.sentence())

    guard(work)


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
                say(line)

    guard(work)


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
                say(f"{done.link_id}: {done.decision.value} -> {done.status.value}; "
                     f"{done.confirmed_persons} persons confirmed, {done.families} families corroborated")
                return
            queue = list_queue(opened, limit=limit)
        if as_json:
            print_json([{"link_id": q.link_id, "a": _place(q.source_file_a, q.sheet_a, q.row_a),
                          "b": _place(q.source_file_b, q.sheet_b, q.row_b), "match_probability": q.match_probability,
                          "level": q.level.value, "evidence": q.evidence} for q in queue])
            return
        for q in queue:
            say(f"{q.link_id}  {q.level.value:<9} p={q.match_probability:.3f}  "
                f"{_place(q.source_file_a, q.sheet_a, q.row_a)} ~ {_place(q.source_file_b, q.sheet_b, q.row_b)}  "
                f"{q.evidence}")

    guard(work)


def _place(source_file: str, sheet: str, row: int) -> str:
    """Where a linked record is, as an evidence item names it: the sheet or table too when it has one (a row
    number alone is ambiguous in a workbook).

    >>> _place("leak.xlsx", "名单", 3), _place("leak.csv", "", 3)
    ('leak.xlsx:名单:3', 'leak.csv:3')
    """
    return Locator(source_file, sheet, row).evidence_item(several_tables=True)
