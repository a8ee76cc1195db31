"""Helpers for the check tests: records inserted directly into a case (invented people only)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from veracity.case import Case
from veracity.idnumber import check_character

TODAY = dt.date(2024, 1, 1)
DOC_DATE = "2019-06-01"
_COLUMNS = ("name", "name_zh", "name_latin", "given_name", "family_name", "id_number", "sex", "birth_date",
            "age", "address", "household", "relation", "detained_on")


def idn(region: str = "653222", born: str = "19850312", seq: int = 41) -> str:
    """An invented 18-digit number with a correct check character (SEQ odd: a man)."""
    body = f"{region}{born}{seq:03d}"
    return body + check_character(body)


def insert_rows(case: Case, rows: Sequence[dict[str, object]], source_file: str = "leak.xlsx",
                sheet: str = "Sheet1", role: str = "leak", document_date: str | None = DOC_DATE,
                authentic: bool = False) -> None:
    """One source with ROWS as records (row numbers 1.. in order)."""
    sid = int(case.scalar("SELECT coalesce(max(source_id), 0) + 1 FROM sources"))
    first = int(case.scalar("SELECT coalesce(max(record_id), 0) + 1 FROM records"))
    case.con.execute(
        "INSERT INTO sources (source_id, sha256, source_file, label, role, media_type, size, added_at, "
        "encoding, n_tables, n_records, authentic, document_date) "
        "VALUES (?, ?, ?, ?, ?, 'x', 0, now(), 'utf-8', 1, ?, ?, ?)",
        [sid, f"sha{sid}", source_file, source_file, role, len(rows), authentic, document_date])
    cols = ", ".join(_COLUMNS)
    marks = ", ".join("?" for _ in _COLUMNS)
    for k, row in enumerate(rows):
        unknown = set(row) - set(_COLUMNS)
        assert not unknown, unknown
        case.con.execute(
            f"INSERT INTO records (record_id, source_id, source_file, sheet, table_no, \"row\", role, "
            f"{cols}, cells) VALUES (?, ?, ?, ?, 1, ?, ?, {marks}, ?)",
            [first + k, sid, source_file, sheet, k + 1, role, *(row.get(c) for c in _COLUMNS),
             json.dumps(row, ensure_ascii=False, default=str)])
