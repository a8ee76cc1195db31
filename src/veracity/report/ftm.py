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
from typing import IO, Any

from veracity.case import Case
from veracity.report.view import View

_HEADS = ("户主", "本人", "head", "head of household")
_SEX = {"M": "male", "F": "female"}
_PEOPLE_SQL = f"""
SELECT s.sha256, r.sheet, r."row", r.role, r.id_number, r.sex, r.birth_date, r.address, r.ethnicity,
       r.household, r.relation, r.name, r.name_zh, r.name_latin, r.name_arabic, r.given_name, r.family_name,
       first_value(r."row") OVER (PARTITION BY r.source_id, r.table_no, r.household
            ORDER BY coalesce(r.relation, '') IN ({", ".join("'" + h + "'" for h in _HEADS)}) DESC, r."row")
FROM records r JOIN sources s USING (source_id)
WHERE coalesce(r.name, r.name_zh, r.name_latin, r.name_arabic, r.given_name, r.family_name, '') <> ''
ORDER BY r.source_id, r.table_no, r."row"
"""


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


def _person(view: View, model: Any, row: tuple[Any, ...]) -> Any:
    sha, sheet, line, _role, number, sex, born, address, ethnicity, *_rest = row
    names = [n for n in row[11:17] if n]
    person = model.make_entity("Person")
    person.make_id("veracity-record", sha, sheet, str(line))
    person.add("name", view.person(number, names[0]) if view.redacted else names)
    if number and not view.redacted:
        person.add("idNumber", view.id_number(number))
    person.add("gender", _SEX.get(sex or ""))
    person.add("birthDate", view.date_of_birth(born) or None)
    person.add("address", view.address(address) or None)
    person.add("ethnicity", view.text(ethnicity) or None)
    return person


def _links(model: Any, row: tuple[Any, ...], person: Any, view: View) -> Iterator[Any]:
    sha, sheet, line, role = row[:4]
    mention = model.make_entity("Documentation")
    mention.make_id("veracity-documentation", sha, sheet, str(line))
    mention.add("document", sha)
    mention.add("entity", person.id)
    mention.add("role", f"{role}: {view.text(sheet) + ', ' if sheet else ''}row {line}")
    yield mention
    household, relation, head_row = row[9], row[10], row[17]
    if household and head_row != line:
        head = model.make_entity("Person")
        head.make_id("veracity-record", sha, sheet, str(head_row))
        family = model.make_entity("Family")
        family.make_id("veracity-family", sha, sheet, str(head_row), str(line))
        family.add("person", head.id)
        family.add("relative", person.id)
        family.add("relationship", view.text(relation) or "household member")
        yield family


def entities(case: Case, view: View) -> Iterator[Any]:
    """Every entity of the export: documents first, then each person with its documentation and family."""
    from followthemoney import model

    yield from _documents(case, view, model)
    cursor = case.con.execute(_PEOPLE_SQL)
    while chunk := cursor.fetchmany(20_000):
        for row in chunk:
            person = _person(view, model, row)
            yield person
            yield from _links(model, row, person, view)


def write_ftm(case: Case, view: View, out: IO[str]) -> int:
    """Write the entities of CASE as FtM JSON lines to OUT; return how many were written."""
    count = 0
    for entity in entities(case, view):
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count
