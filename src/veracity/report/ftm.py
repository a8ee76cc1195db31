"""``export --format ftm``: FollowTheMoney entities (one JSON object per line) that Aleph can load.

Each source file is a ``Document`` whose id is its sha256 (FtM's ``contentHash``
holds SHA-1 only, and Aleph scrubs it on upload); each record naming a person is a ``Person`` whose id is made
from the source's sha256, sheet and row (never from the name, so redacted ids
reveal nothing); a ``Documentation`` ties each person to the document it comes
from, with the sheet and row as its role; a ``Family`` ties each member of a
household to its head (户主) with the stated relation. Entities are built with
the ``followthemoney`` package, so every value is checked against its schema.
The package is imported when this export runs, never when veracity loads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from veracity.case import Case
from veracity.fields import NAME_FIELDS
from veracity.idnumber import compact
from veracity.report.redacted_query import redacted_query
from veracity.report.tables import Table
from veracity.report.view import View

_HEADS = ("户主", "本人", "head", "head of household")
_SEX = {"M": "male", "F": "female"}
_NAMED = f"coalesce({', '.join(f'r.{n}' for n in NAME_FIELDS)}, '') <> ''"
PEOPLE = Table(
    ("sha256", "table_no", "sheet", "row", "role", "id_number", "sex", "birth_date", "address", "ethnicity",
     "household", "relation", *NAME_FIELDS, "part", "head_row"),
    "s.sha256, r.table_no, r.sheet, r.\"row\", r.role, r.id_number, r.sex, r.birth_date, r.address, r.ethnicity, "
    f"r.household, r.relation, coalesce({', '.join(f'nullif(r.{n}, {chr(39) * 2})' for n in NAME_FIELDS)}) AS name, "
    f"{', '.join(f'r.{n}' for n in NAME_FIELDS[1:])}, "
    "row_number() OVER (PARTITION BY r.source_id, r.table_no, r.sheet, r.\"row\" ORDER BY r.record_id) - 1 AS part, "
    "first_value(r.\"row\") OVER (PARTITION BY r.source_id, r.table_no, r.household ORDER BY coalesce(r.relation, '') "
    f"IN ({', '.join(repr(h) for h in _HEADS)}) DESC, r.\"row\") AS head_row",
    f"records r JOIN sources s USING (source_id) WHERE {_NAMED}", 'r.source_id, r.table_no, r."row"')
"""Every record naming a person (``name`` its first name field not empty), with its part (1 for a relative listed
on its person's row: ``ingest.relatives``) and the row of its household's head."""
_NAME = PEOPLE.columns.index("name")
_PART = PEOPLE.columns.index("part")


def _place(row: tuple[Any, ...]) -> tuple[str, ...]:
    """What a record's ids are made of beside the sha256 and sheet: its row, and its part when not 0.

    >>> first, second = (("sha", 1, "s", 7) + (None,) * (_PART - 4) + (part, 7) for part in (0, 1))
    >>> _place(first), _place(second)
    (('7',), ('7', '1'))
    """
    return (str(row[3]), str(row[_PART])) if row[_PART] else (str(row[3]),)


def _documents(case: Case, view: View, model: Any) -> Iterator[Any]:
    rows = case.con.execute("SELECT sha256, source_file, label, media_type, size, role FROM sources "
                            "ORDER BY source_id").fetchall()
    for sha, name, label, media_type, size, role in rows:
        doc = model.make_entity("Document")
        doc.id = sha
        doc.add("fileName", view.text(name))
        doc.add("title", view.text(label or name))
        doc.add("mimeType", media_type)
        doc.add("fileSize", str(size))
        doc.add("summary", f"{role} added to a veracity case; sha256 {sha}")
        yield doc


def _person(model: Any, row: tuple[Any, ...], sheet: str, redacted: bool) -> Any:
    number, sex, born, address, ethnicity = row[5:10]
    person = model.make_entity("Person")
    person.make_id("veracity-record", row[0], sheet, *_place(row))
    names = row[_NAME:_NAME + len(NAME_FIELDS)]
    person.add("name", names[0] if redacted else list(dict.fromkeys(n for n in names if n)))
    if number and not redacted:
        person.add("idNumber", compact(number))
    person.add("gender", _SEX.get(sex or ""))
    person.add("birthDate", born or None)
    person.add("address", address or None)
    person.add("ethnicity", ethnicity or None)
    return person


def _links(model: Any, row: tuple[Any, ...], sheet: str, person: Any) -> Iterator[Any]:
    sha, _, shown, line, role = row[:5]
    mention = model.make_entity("Documentation")
    mention.make_id("veracity-documentation", sha, sheet, *_place(row))
    mention.add("document", sha)
    mention.add("entity", person.id)
    mention.add("role", f"{role}: {shown + ', ' if shown else ''}row {line}")
    yield mention
    household, relation, head_row = row[10], row[11], row[-1]
    if household and (head_row != line or row[_PART]):
        head = model.make_entity("Person")
        head.make_id("veracity-record", sha, sheet, str(head_row))
        family = model.make_entity("Family")
        family.make_id("veracity-family", sha, sheet, str(head_row), *_place(row))
        family.add("person", head.id)
        family.add("relative", person.id)
        family.add("relationship", relation or "household member")
        yield family


@contextmanager
def _people(case: Case, view: View) -> Iterator[Any]:
    """A cursor over PEOPLE, redacted in DuckDB when VIEW redacts."""
    if view.redactor is None:
        yield case.con.execute(PEOPLE.sql)
        return
    with redacted_query(case.con, PEOPLE, view.redactor) as (cursor, sql):
        yield cursor.execute(sql)


def entities(case: Case, view: View) -> Iterator[Any]:
    """Every entity of the export: documents first, then each person with its documentation and family.
    Ids are made from the sheet as held (a redacted export shows it scrubbed), so they are the same either way."""
    from followthemoney import model

    yield from _documents(case, view, model)
    sheets = {(sha, table): sheet for sha, table, sheet in case.con.execute(
        "SELECT DISTINCT s.sha256, r.table_no, r.sheet FROM records r JOIN sources s USING (source_id)").fetchall()}
    with _people(case, view) as cursor:
        while chunk := cursor.fetchmany(20_000):
            for row in chunk:
                sheet = sheets[(row[0], row[1])]
                person = _person(model, row, sheet, view.redacted)
                yield person
                yield from _links(model, row, sheet, person)


def write_ftm(case: Case, view: View, out: IO[str]) -> int:
    """Write the entities of CASE as FtM JSON lines to OUT; return how many were written."""
    count = 0
    for entity in entities(case, view):
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
