"""The exportable tables: the contract's columns, the query that yields them, and how a row is redacted.

A table whose stage has not run (no ``links``, ``verdicts`` or ``quotes`` table
yet) exports its header and no rows: the real state of the case.

>>> RECORD_COLUMNS[:9]
('source_file', 'sheet', 'row', 'role', 'name', 'id_number', 'sex', 'birth_date', 'address')
>>> LINK_COLUMNS[-2:]
('level', 'status')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from veracity.fields import FIELDS, NAME_FIELDS
from veracity.report.state import CaseState
from veracity.report.view import View

_RECORD_HEAD = ("source_file", "sheet", "row", "role", "name", "id_number", "sex", "birth_date", "address")
RECORD_COLUMNS = _RECORD_HEAD + tuple(f for f in FIELDS if f not in _RECORD_HEAD) + ("label",)
FINDING_COLUMNS = ("check_id", "severity", "source_file", "sheet", "row", "message", "stage")
LINK_COLUMNS = ("source_file_a", "row_a", "source_file_b", "row_b", "match_probability", "level", "status")
CLAIM_COLUMNS = ("claim_id", "verdict", "evidence", "speaker", "date", "source", "subject_name", "subject_id",
                 "assertion", "value", "quote", "source_file", "row")
QUOTE_COLUMNS = ("source_file", "paragraph", "speaker", "quote", "persons", "assertion")

Row = Sequence[object]
Redact = Callable[[View, Row], tuple[object, ...]]

_ID_SQL = "upper(regexp_replace(r.id_number, '[\\s\\-‐‑–—_.·]', '', 'g')) AS id_number"
_KEEP = frozenset({"row", "role", "sex", "age", "detained_on", "row_a", "row_b", "match_probability", "level",
                   "status", "check_id", "severity", "stage", "paragraph", "assertion", "date", "verdict"})
_BLANK = frozenset({"other_id", "street", "postcode", *NAME_FIELDS})


@dataclass(frozen=True)
class Table:
    """One exportable table: its columns, its query, and its redaction of a row."""

    columns: tuple[str, ...]
    sql: str
    redact: Redact


Cell = Callable[[View, str, Row], object]
_REDUCERS: dict[str, Callable[[View, str], str]] = {
    "id_number": View.id_number, "subject_id": View.id_number, "birth_date": View.date_of_birth,
    "address": View.address, "locality": View.address, "household": View.household}


def _cell_redactor(columns: tuple[str, ...]) -> Redact:
    """Redact each cell by its column: kept, blanked, reduced, pseudonymised or scrubbed (planned once)."""
    plan = [_plan(column, columns) for column in columns]

    def redact(view: View, row: Row) -> tuple[object, ...]:
        return tuple(value if value is None or cell is None else cell(view, str(value), row)
                     for cell, value in zip(plan, row, strict=True))

    return redact


def _plan(column: str, columns: tuple[str, ...]) -> Cell | None:
    """How COLUMN is redacted; None when it is kept as it is."""
    if column in _KEEP:
        return None
    if column in _BLANK - {"name"}:
        return lambda view, text, row: ""
    if column in ("name", "subject_name"):
        number_at = columns.index("id_number" if column == "name" else "subject_id")
        names_at = [columns.index(f) for f in NAME_FIELDS if f in columns] if column == "name" else []

        def person(view: View, text: str, row: Row) -> str:
            name = next((str(row[k]) for k in names_at if row[k]), text)
            return view.person(None if row[number_at] is None else str(row[number_at]), name)

        return person
    reduce = _REDUCERS.get(column, View.text)
    return lambda view, text, row: reduce(view, text)


def _records_sql() -> str:
    cols = ", ".join(_ID_SQL if c == "id_number" else f'r."{c}"' for c in RECORD_COLUMNS if c != "label")
    return (f"SELECT {cols}, s.label FROM records r JOIN sources s USING (source_id) "
            "ORDER BY r.source_id, r.table_no, r.\"row\"")


def _empty(columns: tuple[str, ...]) -> str:
    return "SELECT " + ", ".join(f'NULL AS "{c}"' for c in columns) + " WHERE false"


def _claims_sql(state: CaseState) -> str:
    judged = state.has("verdicts", "claim_id", "verdict", "evidence")
    verdict = "v.verdict, v.evidence" if judged else "'' AS verdict, '' AS evidence"
    join = "LEFT JOIN verdicts v USING (claim_id)" if judged else ""
    return (f"SELECT c.claim_id, {verdict}, speaker, date, source, subject_name, subject_id, assertion, "
            f"value, quote, c.source_file, c.\"row\" FROM claims c {join} ORDER BY c.source_file, c.\"row\"")


def _optional(state: CaseState, table: str, columns: tuple[str, ...], order: str) -> str:
    if not state.has(table, *columns):
        return _empty(columns)
    return "SELECT " + ", ".join(f'"{c}"' for c in columns) + f' FROM "{table}" ORDER BY {order}'


def tables(state: CaseState) -> dict[str, Table]:
    """The exportable tables of a case in STATE, by ``--what`` name."""
    return {
        "records": Table(RECORD_COLUMNS, _records_sql(), _cell_redactor(RECORD_COLUMNS)),
        "findings": Table(FINDING_COLUMNS,
                          "SELECT check_id, severity, source_file, sheet, \"row\", message, stage "
                          "FROM findings "
                          "ORDER BY source_file, sheet, \"row\" NULLS LAST, check_id",
                          _cell_redactor(FINDING_COLUMNS)),
        "links": Table(LINK_COLUMNS,
                       _optional(state, "links", LINK_COLUMNS, "source_file_a, row_a, source_file_b"),
                       _cell_redactor(LINK_COLUMNS)),
        "claims": Table(CLAIM_COLUMNS, _claims_sql(state), _cell_redactor(CLAIM_COLUMNS)),
        "quotes": Table(QUOTE_COLUMNS, _optional(state, "quotes", QUOTE_COLUMNS, "source_file, paragraph"),
                        _cell_redactor(QUOTE_COLUMNS)),
    }
