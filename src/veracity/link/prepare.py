"""Linkage input: one row of features per record, computed in Python (names, ids, places and
households once per distinct value) and handed to the engine as an Arrow table.

Names come from the script-specific fields (name_zh, name_latin, name_arabic, given and
family name) before the generic ``name``, which a testimony may fill with the witness's name.
Cells that no canonical field holds (a testimony's birth year, hometown, relatives) are read
by the headers ``data/link.yaml`` declares.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyarrow as pa

from veracity.case import Case
from veracity.link import features as ft
from veracity.link.households import Member, Placement, rebuild
from veracity.link.levels import Settings
from veracity.link.places import Gazetteer, Place, load_gazetteer, place

COLUMNS = ("record_id", "source_file", "sheet", "role", "name", "name_zh", "name_latin", "name_arabic",
           "given_name", "family_name", "id_number", "other_id", "sex", "birth_date", "age", "address",
           "street", "locality", "postcode", "state", "household", "relation", "cells")
SQL = ("SELECT " + ", ".join(f'"{c}"' for c in COLUMNS) +
       " FROM records WHERE role IN ('leak', 'reference') ORDER BY record_id")
BATCH = 100_000


@dataclass(frozen=True)
class Prepared:
    """The features table and, per record, its locator and household."""

    table: Any  # pyarrow.Table (None when the case has no leak or reference records)
    datasets: tuple[str, ...]
    present: frozenset[str]  # feature columns with values in two or more datasets
    households: dict[int, Placement]


def dataset_of(source_file: str, sheet: str) -> str:
    """The Splink dataset of a record: its file and sheet (a register's two tables are two).

    >>> dataset_of("a.docx", "table 1")
    'a.docx|table 1'
    """
    return f"{source_file}|{sheet}"


def best_name(row: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The name to compare and every form of it the record gives, specific scripts first.

    >>> best_name({"name": "Witness", "name_latin": "Amine Mutellip", "name_arabic": "ئامىنە مۇتەللىپ"})
    ('Amine Mutellip', ('Amine Mutellip', 'ئامىنە مۇتەللىپ'))
    >>> best_name({"given_name": "michaela", "family_name": "neumann"})
    ('michaela neumann', ('michaela neumann',))
    """
    split = " ".join(v for v in (row.get("given_name"), row.get("family_name")) if v)
    forms = tuple(v for v in (row.get("name_zh"), row.get("name_latin"), row.get("name_arabic"), split) if v)
    if not forms and row.get("name"):
        forms = (str(row["name"]),)
    return (forms[0] if forms else ""), forms


def _cells(raw: str | None, wanted: dict[str, tuple[str, ...]]) -> dict[str, str]:
    if not raw:
        return {}
    out: dict[str, str] = {}
    for header, value in json.loads(raw):
        key = str(header).strip().casefold()
        for role, aliases in wanted.items():
            if key in aliases and role not in out:
                out[role] = str(value)
    return out


FEATURES = ("unique_id", "source_dataset", "role", "name_text", "name_phon", "name_sig", "name_loose", "name_blocks",
            "name_b1", "name_b2", "id18", "id_form15", "id_sorted", "id_birth", "other_id", "birth_date",
            "birth_year", "birth_approx", "sex", "county", "township", "village", "locality", "street",
            "postcode", "state")


@lru_cache(maxsize=262144)
def _name_columns(text: str, forms: tuple[str, ...]) -> tuple[object, ...]:
    """The name feature columns of a record whose name is TEXT, written in FORMS (once per distinct name)."""
    name = ft.name_features(text)
    blocks = sorted({b for f in forms for b in ft.name_features(f).blocks})
    return text, name.phon, name.sig, name.loose, blocks, blocks[0] if blocks else None, blocks[-1] if blocks else None


class _Builder:
    """Accumulates one tuple of FEATURES per record; caches places by text."""

    def __init__(self, settings: Settings, gazetteer: Gazetteer) -> None:
        self.settings, self.gazetteer = settings, gazetteer
        self.rows: list[tuple[object, ...]] = []
        self._places: dict[str, Place] = {}
        self.relatives: list[tuple[str, ...]] = []
        self.year = ft.today_year()

    def place(self, text: str) -> Place:
        found = self._places.get(text)
        if found is None:
            found = self._places[text] = place(text, self.gazetteer)
        return found

    def add(self, row: dict[str, Any], extra: dict[str, str]) -> None:
        ids = ft.id_features(str(row["id_number"] or ""))
        born = ft.birth(row["birth_date"], extra.get("birth_year"), _int(extra.get("age"), row["age"]),
                        ft.year_of(extra.get("reference_date"), self.year))
        where = self.place(" ".join(v for v in (row["address"], row["locality"], extra.get("place")) if v))
        relation = str(row["relation"] or "").strip().casefold()
        self.rows.append((
            row["record_id"], dataset_of(row["source_file"], row["sheet"]), row["role"],
            *_name_columns(*best_name(row)), ids.id18, ids.form15, ids.sorted_digits, ids.birth,
            row["other_id"] or None, born.date, born.year, born.approximate,
            row["sex"] or self.settings.sex_of_relation.get(relation),
            where.county or (ids.id18[:6] if ids.id18 else None), where.township, where.village,
            _folded(row["locality"]), _folded(row["street"]), row["postcode"] or None, _folded(row["state"])))
        self.relatives.append(ft.relatives(extra.get("relatives", "")))

    def columns(self) -> dict[str, list[Any]]:
        """The accumulated rows as one list per feature."""
        return {key: list(values) for key, values in zip(FEATURES, zip(*self.rows, strict=True), strict=True)} \
            if self.rows else {key: [] for key in FEATURES}


def _int(text: str | None, fallback: object) -> int | None:
    if text and text.strip().isdigit():
        return int(text)
    return int(str(fallback)) if fallback is not None and str(fallback).isdigit() else None


def _folded(value: object) -> str | None:
    return " ".join(str(value).casefold().split()) or None if value else None


def _rows(case: Case) -> Iterator[dict[str, Any]]:
    cursor = case.con.execute(SQL)
    while chunk := cursor.fetchmany(BATCH):
        yield from (dict(zip(COLUMNS, r, strict=True)) for r in chunk)


def _relative_sigs(cols: dict[str, list[Any]], relatives: list[tuple[str, ...]],
                   households: dict[int, Placement]) -> list[list[str]]:
    """Each record's relatives as loose name keys (a relative's name crosses scripts as the person's
    does): the names its cells list, or its household's others."""
    ids: list[int] = cols["unique_id"]
    sigs: list[str | None] = cols["name_loose"]
    members: dict[str, list[int]] = defaultdict(list)
    for k, rid in enumerate(ids):
        if rid in households:
            members[households[rid].household_id].append(k)
    out: list[list[str]] = []
    for k, rid in enumerate(ids):
        named = {s for n in relatives[k] if (s := ft.name_features(n).loose)}
        if not named and rid in households:
            named = {s for j in members[households[rid].household_id] if j != k and (s := sigs[j])}
        out.append(sorted(named))
    return out


def prepare(case: Case, settings: Settings) -> Prepared:
    """Features of every leak and reference record of CASE, with their rebuilt households."""
    builder = _Builder(settings, load_gazetteer())
    wanted = settings.cells
    tables_with_cells: dict[tuple[str, str], bool] = {}
    people: list[Member] = []
    for row in _rows(case):
        key = (row["source_file"], row["sheet"])
        if key not in tables_with_cells:
            tables_with_cells[key] = bool(_cells(row["cells"], wanted))
        extra = _cells(row["cells"], wanted) if tables_with_cells[key] else {}
        builder.add(row, extra)
        if row["role"] == "leak":
            people.append(Member(row["record_id"], row["source_file"], row["sheet"], row["household"] or "",
                                 row["address"] or "", best_name(row)[0]))
    households = rebuild(people)
    cols = builder.columns()
    cols["relatives"] = _relative_sigs(cols, builder.relatives, households)
    cols["relatives_n"] = [len(r) for r in cols["relatives"]]
    cols["household_id"] = [households[r].household_id if r in households else None for r in cols["unique_id"]]
    if not cols["unique_id"]:
        return Prepared(None, (), frozenset(), households)
    table = pa.table(cols)
    datasets = tuple(sorted(set(cols["source_dataset"])))
    return Prepared(table, datasets, _present(table), households)


def _present(table: Any) -> frozenset[str]:
    """Feature columns of TABLE that two or more datasets fill (only those are compared): a value not
    null, not zero or false, not an empty list."""
    import pyarrow.compute as pc

    out = set()
    for name in table.column_names:
        column = table[name]
        if pa.types.is_list(column.type):
            filled = pc.greater(pc.list_value_length(column), 0)
        elif pa.types.is_boolean(column.type):
            filled = column
        elif pa.types.is_integer(column.type) or pa.types.is_floating(column.type):
            filled = pc.not_equal(column, 0)
        else:
            filled = pc.is_valid(column)
        if len(pc.unique(table["source_dataset"].filter(pc.fill_null(filled, False)))) >= 2:
            out.add(name)
    return frozenset(out)
