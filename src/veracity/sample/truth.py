"""``truth.json``: what the generator knows and the checks, linkage and judging should find.

Top-level keys: ``format``, ``seed``, ``scale``, ``list_date``, ``files``
(per file its role and tables: sheet, header rows, physical row of data row
1, data row count, blank and total rows), ``records`` (every record row and
its person), ``persons``, ``households``, ``links`` (pairs of rows of one
person in different places, the leak on side ``a``), ``testimony_families``,
``defects`` and ``claims``. Rows are 1-based data rows as DESIGN.md counts them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from veracity.locator import Locator
from veracity.sample.claims import ExpectedClaim
from veracity.sample.defects import Defect
from veracity.sample.name_parts import full_arabic, full_zh
from veracity.sample.people import Household, Person
from veracity.sample.testimonies import Testimony

JsonObject = dict[str, object]
FORMAT = "veracity-sample-truth/1"


@dataclass(frozen=True)
class Known:
    """Everything truth.json is built from."""

    persons: dict[str, Person]
    households: list[Household]
    leak_households: frozenset[str]
    detainees: frozenset[str]
    where: dict[str, list[Locator]]
    defects: list[Defect]
    claims: list[ExpectedClaim]
    testimonies: list[Testimony]
    testimonies_file: str


def loc(locator: Locator) -> JsonObject:
    """A locator as JSON.

    >>> loc(Locator("a.csv", "", 3))
    {'source_file': 'a.csv', 'sheet': '', 'row': 3}
    """
    return {"source_file": locator.source_file, "sheet": locator.sheet, "row": locator.row}


def _person(p: Person, detainee: bool) -> JsonObject:
    return {
        "household": p.household,
        "name_zh": full_zh(p.given, p.patronymic),
        "name_latin": f"{p.given.uly} {p.patronymic.uly}",
        "name_arabic": full_arabic(p.given, p.patronymic),
        "given_name_zh": p.given.zh,
        "patronymic_zh": p.patronymic.zh,
        "sex": p.sex,
        "birth_date": p.birth.isoformat(),
        "id_number": p.id_number,
        "relation": p.relation,
        "address": p.address.zh(),
        "father": p.father,
        "mother": p.mother,
        "detainee": detainee,
    }


def _links(where: dict[str, list[Locator]]) -> Iterable[JsonObject]:
    """Every pair of one person's rows in different files or tables (the order given puts the leak first)."""
    for pid, places in where.items():
        for a, b in itertools.combinations(places, 2):
            yield {"person_id": pid, "a": loc(a), "b": loc(b)}


def _families(known: Known) -> list[JsonObject]:
    """Families with more than one testimony: together they count as one source."""
    rows: dict[str, list[int]] = {}
    for i, t in enumerate(known.testimonies, 1):
        rows.setdefault(t.family, []).append(i)
    return [
        {"household": h, "source_file": known.testimonies_file, "rows": r}
        for h, r in rows.items()
        if len(r) > 1
    ]


def build(
    known: Known, header: JsonObject, leak_file: str, leak_sheet: str, rows: dict[str, int]
) -> JsonObject:
    """The whole truth document; HEADER carries format, seed, scale and the files' table layouts."""
    records = [{**loc(place), "person_id": pid} for pid, places in known.where.items() for place in places]
    records.sort(key=lambda r: (str(r["source_file"]), str(r["sheet"]), int(str(r["row"]))))
    return {
        **header,
        "records": records,
        "persons": {pid: _person(p, pid in known.detainees) for pid, p in known.persons.items()},
        "households": [
            {
                "household_id": h.hid,
                "number": h.number,
                "in_leak": h.hid in known.leak_households,
                "address": h.address.zh(),
                "members": list(h.members),
            }
            for h in known.households
        ],
        "links": list(_links(known.where)),
        "testimony_families": _families(known),
        "defects": [
            {
                "check_id": d.check_id,
                **loc(Locator(leak_file, leak_sheet, rows[d.pid])),
                "person_id": d.pid,
                "cells": dict(d.cells),
                "note": d.note,
            }
            for d in known.defects
        ],
        "claims": [
            {
                "claim_id": c.cells[0],
                "expected_verdict": c.verdict,
                "evidence": [e.evidence_item(several_tables=bool(e.sheet)) for e in c.evidence],
                "subjects": list(c.subjects),
                "rationale": c.rationale,
            }
            for c in known.claims
        ],
    }
