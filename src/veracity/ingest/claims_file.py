"""A claims file (``--role claims``): one official statement per row, in the contract's columns.

Columns: claim_id, speaker, date, source, subject_name, subject_id, assertion,
value, quote (header names case-insensitive, any order; claim_id and
assertion required, and a subject name or number on every row).

A claim naming several people ("A；B；C", see ``veracity.claims.group.split_names``)
is kept as it is and also becomes one claim per person, ``C10.1``, ``C10.2`` ...,
on the same row (their ``subject_id`` split the same way when the counts agree).
A claim_id the case already holds is an InputError: verdicts are keyed by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from veracity.case import Case
from veracity.claims.group import split_names
from veracity.claims.model import CLAIM_COLUMNS, Assertion
from veracity.errors import InputError
from veracity.ingest.records import TableLoad
from veracity.ingest.table import Cell, RawTable
from veracity.limits import Limits

_REQUIRED = ("claim_id", "assertion")


def _text(value: Cell) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value).strip()


def _header_positions(header: Sequence[Cell], source_file: str, place: str) -> dict[str, int]:
    labels = [_text(c).lower().replace(" ", "_") for c in header]
    positions = {name: labels.index(name) for name in CLAIM_COLUMNS if name in labels}
    missing = [name for name in _REQUIRED if name not in positions]
    if missing:
        raise InputError(f"a claims file needs the columns {', '.join(CLAIM_COLUMNS)}; missing "
                         + ", ".join(missing), source=source_file, place=place)
    return positions


def insert_claims(case: Case, raw: RawTable, source_id: int, source_file: str, limits: Limits) -> TableLoad:
    """Insert the claims of RAW; an unknown assertion or a row with no subject is an InputError."""
    where = f"sheet {raw.name!r} " if raw.name else ""
    found = next(((k, row) for k, row in enumerate(islice(raw.rows, limits.header_scan_rows), start=1)
                  if any(_text(c) for c in row)), None)
    if found is None:
        return TableLoad()
    physical, header = found
    positions = _header_positions(header, source_file, f"{where}row {physical}".strip())
    load = TableLoad()
    for number, row in enumerate(raw.rows, start=1):
        load.data_rows = number
        values = {name: _text(row[k]) if k < len(row) else "" for name, k in positions.items()}
        if not any(values.values()):
            continue
        place = f"{where}row {number}".strip()
        assertion = Assertion.parse(values["assertion"])
        if assertion is None:
            raise InputError(f"unknown assertion {values['assertion']!r} (expected one of "
                             + ", ".join(a.value for a in Assertion) + ")", source=source_file, place=place)
        if not (values.get("subject_name") or values.get("subject_id")):
            raise InputError("a claim needs subject_name or subject_id", source=source_file, place=place)
        values["assertion"] = assertion.value
        for claim in _per_person(values):
            _insert(case, claim, (source_id, source_file, raw.name, number), place)
        load.records += 1
    return load


def _per_person(values: dict[str, str]) -> list[dict[str, str]]:
    """The claim, then one claim per person when it names several."""
    names = split_names(values.get("subject_name", ""))
    if len(names) < 2:
        return [values]
    ids = split_names(values.get("subject_id", "")) if values.get("subject_id") else ()
    ids = ids if len(ids) == len(names) else ("",) * len(names)
    return [values, *({**values, "claim_id": f"{values['claim_id']}.{k}", "subject_name": name, "subject_id": number}
                      for k, (name, number) in enumerate(zip(names, ids, strict=True), start=1))]


def _insert(case: Case, values: dict[str, str], where: tuple[int, str, str, int], place: str) -> None:
    source_id, source_file, sheet, number = where
    earlier = case.con.execute('SELECT source_file, "row" FROM claims WHERE claim_id = ?',
                               [values["claim_id"]]).fetchall()
    if earlier:
        raise InputError(f"claim_id {values['claim_id']!r} is already in the case ({earlier[0][0]} row "
                         f"{earlier[0][1]})", source=source_file, place=place)
    case.con.execute("INSERT INTO claims VALUES (?, ?, ?, ?, ?, " + ", ".join("?" * 8) + ")",
                     [values["claim_id"], source_id, source_file, sheet, number,
                      *(values.get(name, "") for name in CLAIM_COLUMNS[1:])])
