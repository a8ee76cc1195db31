"""``veracity check``: prepare the working tables, run every row rule, statistic and format
comparison on one engine, and replace the ``check`` stage's findings in one audited change.

>>> from veracity.engine.duckdb import DUCKDB
>>> "'id.checksum' AS check_id" in findings_sql(DUCKDB)
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from veracity.case import Case
from veracity.checks import dates, family, ids, similarity, stated_date, statistics
from veracity.checks.prepare import prepare
from veracity.checks.registry import CHECKS, ROW_CHECKS
from veracity.checks.statistics import Statistic
from veracity.engine import make_engine
from veracity.engine.base import Dialect

STAGE = "check"
FINDING_COLUMNS = ("check_id", "severity", "source_file", "sheet", "row", "record_id", "message", "stage")
RowRule = Callable[[Dialect], str]
ROW_RULES: Mapping[str, RowRule] = {**ids.RULES, **family.RULES, **dates.RULES}


@dataclass(frozen=True)
class CheckSummary:
    """What a run did: the engine, records checked, findings by check id, and every statistic."""

    engine: str
    records: int
    findings: Mapping[str, int]
    statistics: tuple[Statistic, ...]

    @property
    def total(self) -> int:
        return sum(self.findings.values())


def findings_sql(d: Dialect) -> str:
    """Every row rule at once, as rows of the ``findings`` table (in FINDING_COLUMNS order)."""
    missing = set(ROW_CHECKS) ^ set(ROW_RULES)
    if missing:  # a declared check without a rule, or a rule without a declaration
        raise AssertionError(f"row rules and declarations differ: {sorted(missing)}")
    parts = [f"SELECT {d.literal(cid)} AS check_id, {d.literal(CHECKS[cid].severity.value)} AS severity, "
             f"record_id, message FROM ({ROW_RULES[cid](d)}) {cid.replace('.', '_')}" for cid in ROW_CHECKS]
    union = "\nUNION ALL\n".join(parts)
    return f"""SELECT f.check_id, f.severity, r.source_file, r.sheet, r.row_no, r.record_id, f.message,
       {d.literal(STAGE)} AS stage
FROM ({union}) f JOIN chk_records r ON r.record_id = f.record_id"""


def _counts(case: Case) -> dict[str, int]:
    rows = case.con.execute("SELECT check_id, count(*) FROM findings WHERE stage = ? GROUP BY check_id "
                            "ORDER BY check_id", [STAGE]).fetchall()
    return {str(cid): int(n) for cid, n in rows}


def run_checks(case: Case, engine: str = "duckdb", progress: Callable[[str], None] | None = None,
               today: dt.date | None = None) -> CheckSummary:
    """Run every check on CASE with ENGINE; replace the previous ``check`` findings and statistics.

    TODAY (default: the current date) bounds dates in sources without a document date.
    """
    say = progress or (lambda _message: None)
    today = today or dt.date.today()
    worker = make_engine(engine, case)
    try:
        with case.change("check", {"engine": engine, "today": today.isoformat()}) as change:
            case.con.execute("DELETE FROM findings WHERE stage = ?", [STAGE])
            case.con.execute("DELETE FROM statistics")
            say("preparing records")
            prepared = prepare(case, worker, today)
            say(f"row rules on {prepared.records:,} records")
            worker.insert_into_case(case, "findings", FINDING_COLUMNS, findings_sql(worker.dialect))
            say("dataset statistics")
            stats = statistics.compute(worker) + statistics.age_references(prepared.age_references)
            stats += stated_date.stated_dates_ages(prepared.age_references)
            say("format similarity")
            stats += similarity.compute(case, worker)
            statistics.write(case, stats, STAGE)
            counts = _counts(case)
            change.detail.update({"records": prepared.records, "findings": counts})
    finally:
        worker.close()
    return CheckSummary(engine, prepared.records, counts, tuple(stats))
