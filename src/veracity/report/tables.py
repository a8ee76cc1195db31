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


def _cell_redactor(columns: tuple[str, ...]) -> Redact:
    """Redact each cell by its column: kept, blanked, reduced, pseudonymised or scrubbed."""
    index = {c: k for k, c in enumerate(columns)}

    def redact(view: View, row: Row) -> tuple[object, ...]:
        def get(column: str) -> str | None:
            value = row[index[column]] if column in index else None
            return None if value is None else str(value)

        out: list[object] = []
        for column, value in zip(columns, row, strict=True):
            out.append(_redact_cell(view, column, value, get))
        return tuple(out)

    return redact


def _first_name(get: Callable[[str], str | None]) -> str | None:
    return next((v for f in NAME_FIELDS if (v := get(f))), None)


def _redact_cell(view: View, column: str, value: object, get: Callable[[str], str | None]) -> object:
    if value is None or column in _KEEP:
        return value
    text = str(value)
    if column in ("name", "subject_name"):
        number = get("id_number") if column == "name" else get("subject_id")
        return view.person(number, _first_name(get) if column == "name" else text)
    if column in _BLANK:
        return ""
    reducers: dict[str, Callable[[str], str]] = {
        "id_number": view.id_number, "subject_id": view.id_number, "birth_date": view.date_of_birth,
        "address": view.address, "locality": view.address, "household": view.household}
    return reducers.get(column, view.text)(text)


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
