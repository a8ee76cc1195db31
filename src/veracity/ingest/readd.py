"""A file added again: which of the options given this time the case does not apply to the bytes it holds.

``add`` stores each file once and reads it once; the same bytes added again change nothing (a success that
says so, DESIGN.md). A ``--role``, ``--name``, ``--authentic``, ``--date`` or ``--map`` that differs from how
the file was first read is then not applied, and the user is told so rather than left to believe the records
follow the new options.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING

from veracity.case import Case
from veracity.ingest.columns import NO_FIELD
from veracity.ingest.values import normalise_label

if TYPE_CHECKING:
    from veracity.ingest.pipeline import AddRequest

NEW_CASE = "the case keeps the file as first read; to read it another way, add it to a new case"


def map_notes(mapping: Mapping[str, str], columns: Mapping[str, str | None]) -> list[str]:
    """A note for each ``--map COLUMN=FIELD`` of MAPPING that COLUMNS (normalised label -> field read then)
    does not already hold.

    >>> map_notes({"Relation": "relation", "姓名": "name"}, {"relation": None, "姓名": "name"})
    ['--map Relation=relation not applied: column Relation was read as none when the file was first added']
    >>> map_notes({"电话": "name"}, {"姓名": "name"})
    ['--map 电话=name not applied: the file has no column 电话']
    """
    notes = []
    for column, field in mapping.items():
        key = normalise_label(column)
        if key not in columns:
            notes.append(f"--map {column}={field} not applied: the file has no column {column}")
        elif (columns[key] or NO_FIELD) != field:
            notes.append(f"--map {column}={field} not applied: column {column} was read as "
                         f"{columns[key] or NO_FIELD} when the file was first added")
    return notes


def unapplied(case: Case, sha256: str, request: AddRequest) -> list[str]:
    """Why the options of REQUEST given for bytes CASE already holds (SHA256) change nothing; [] when they
    are how the file was first added."""
    found = case.con.execute("SELECT source_id, label, role, authentic, coalesce(document_date, '') FROM sources "
                             "WHERE sha256 = ?", [sha256]).fetchone()
    if found is None:
        return []
    source_id, label, role, authentic, document_date = found
    notes = []
    if request.role != role:
        notes.append(f"--role {request.role} not applied: the file stays {role}")
    if request.label and request.label != label:
        notes.append(f"--name {request.label!r} not applied: its label stays {label!r}")
    if request.authentic and not authentic:
        notes.append("--authentic not applied: the file stays a source not marked authentic")
    if request.document_date and request.document_date != document_date:
        notes.append(f"--date {request.document_date} not applied: its date stays {document_date or 'unset'}")
    columns: dict[str, str | None] = {}
    for (plan,) in case.con.execute("SELECT columns FROM source_tables WHERE source_id = ?", [source_id]).fetchall():
        for column in json.loads(plan):
            columns.setdefault(normalise_label(str(column["label"])), column["field"])
    notes += map_notes(request.mapping, columns)
    return [*notes, NEW_CASE] if notes else []
