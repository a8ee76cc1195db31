"""Linkage input: one row of features per record, handed to the engine as an Arrow table.

The records are read as Arrow columns. Each feature is a function of a few columns (a name of its
name fields, an identity number, a birth of the date, age and cells, a place of the address), so it
is computed in Python once per distinct combination of those values and spread back to the records
(:mod:`veracity.link.distinct`); the relatives a household gives its members are joined in DuckDB.

Names come from the script-specific fields (name_zh, name_latin, name_arabic, given and
family name) before the generic ``name``, which a testimony may fill with the witness's name.
Cells that no canonical field holds (a testimony's birth year, hometown, relatives) are read
by the headers ``data/link.yaml`` declares.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from veracity.case import Case
from veracity.link import features as ft
from veracity.link.crowding import crowd
from veracity.link.distinct import per_distinct
from veracity.link.households import Member, Method, rebuild
from veracity.link.levels import Settings
from veracity.link.places import Place, load_gazetteer, place

SEP = "\x1f"  # between the forms of one name in the query's name_forms
_NONEMPTY = "lambda x: coalesce(x, '') <> ''"
SQL = f"""
    SELECT record_id, source_file, sheet, source_file AS source_dataset, role,
        CASE WHEN len(forms) = 0 AND coalesce(name, '') <> '' THEN name ELSE array_to_string(forms, chr(31))
        END AS name_forms,
        id_number, other_id, sex, relation, birth_date, age, address, locality, street, postcode, state, household,
        cells
    FROM (SELECT *, list_filter([name_zh, name_latin, name_arabic,
                                 array_to_string(list_filter([given_name, family_name], {_NONEMPTY}), ' ')],
                                {_NONEMPTY}) AS forms
          FROM records WHERE role IN ('leak', 'reference'))
    ORDER BY record_id"""
PLAIN_ID = "^[0-9]{17}[0-9Xx]$"  # an 18-digit number as features.id_features keeps it (upper-case X)
CELL_ROLES = ("birth_year", "age", "reference_date", "place", "relatives")  # the roles link.yaml gives headers


@dataclass(frozen=True)
class Prepared:
    """The features table and the rebuilt households of the leak records."""

    table: Any  # pyarrow.Table (None when the case has no leak or reference records)
    datasets: tuple[str, ...]
    present: frozenset[str]  # feature columns with values in two or more datasets
    households: pa.Table  # record_id, household_id, method


def best_name(row: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """The name to compare and every form of it the record gives, specific scripts first (the query's
    ``name_forms`` is the same in SQL).

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
_TEXT, _TEXTS, _FLAG, _INT = pa.string(), pa.list_(pa.string()), pa.bool_(), pa.int64()


def _name_columns(forms_text: str) -> tuple[object, ...]:
    """The name feature columns of a record whose name forms (the first compared) are FORMS_TEXT."""
    forms = tuple(forms_text.split(SEP)) if forms_text else ()
    name = ft.name_features(forms[0] if forms else "")
    blocks = sorted({b for f in forms for b in ft.name_features(f).blocks})
    return name.text, name.phon, name.sig, name.loose, blocks, blocks[0] if blocks else None, \
        blocks[-1] if blocks else None


def _id_columns(value: str | None) -> tuple[object, ...]:
    ids = ft.id_features(value or "")
    return ids.id18, ids.form15, ids.sorted_digits, ids.birth


def _ids(numbers: Any) -> list[Any]:
    """id18, form15, sorted digits and birth digits of each of NUMBERS: in SQL for a plain 18-character
    number (most of a register), through ``features.id_features`` once per distinct value for the rest."""
    plain = pc.fill_null(pc.match_substring_regex(numbers, PLAIN_ID), False)
    rest = per_distinct(_id_columns, [pc.if_else(plain, pa.scalar(None, _TEXT), numbers)], [_TEXT, _FLAG, _TEXT, _TEXT])
    with duckdb.connect() as con:
        con.register("numbers", pa.table({"v": numbers}))
        fast = con.sql("SELECT upper(v) AS id18, array_to_string(list_sort(string_split(upper(v), '')), '') AS sorted, "
                       "v[7:14] AS birth FROM numbers").to_arrow_table()
    return [pc.if_else(plain, fast["id18"], rest[0]), rest[1], pc.if_else(plain, fast["sorted"], rest[2]),
            pc.if_else(plain, fast["birth"], rest[3])]


def _birth_columns(born: ft.Birth) -> tuple[object, ...]:
    return born.date, born.year, born.approximate


def _place_columns(where: Place) -> tuple[object, ...]:
    return where.county, where.township, where.village


def _named_relatives(text: str | None) -> tuple[list[str]]:
    """The loose name keys of the relatives a cell names."""
    return sorted({s for n in ft.relatives(text or "") if (s := ft.name_features(n).loose)}),


def _int(text: str | None, fallback: object) -> int | None:
    if text and text.strip().isdigit():
        return int(text)
    return int(str(fallback)) if fallback is not None and str(fallback).isdigit() else None


def _folded(value: object) -> tuple[str | None]:
    return (" ".join(str(value).casefold().split()) or None if value else None),


def _read(case: Case, wanted: dict[str, tuple[str, ...]]) -> pa.Table:
    """The records as Arrow columns; cells only for tables whose first row has a cell link.yaml names."""
    first = case.con.execute("SELECT source_file || '|' || sheet, arg_min(cells, record_id) FROM records "
                             "WHERE role IN ('leak', 'reference') GROUP BY ALL").fetchall()
    keep = pa.array([dataset for dataset, cells in first if _cells(cells, wanted)], _TEXT)
    records = case.con.sql(SQL).to_arrow_table()
    table = pc.binary_join_element_wise(records["source_file"], records["sheet"], "|")
    cells = pc.if_else(pc.is_in(table, keep), records["cells"], pa.scalar(None, _TEXT))
    return records.set_column(records.column_names.index("cells"), "cells", cells)


def _households(records: pa.Table, name_text: pa.Array) -> pa.Table:
    """Households of the leak records: by household number, or rebuilt from address and patronymic."""
    leak = pc.equal(records["role"], "leak")
    number = per_distinct(lambda h: (h.strip() if h else "",), [records["household"]], [_TEXT])[0]
    numbered = pc.and_(leak, pc.not_equal(number, ""))
    ids = pc.binary_join_element_wise(records["source_file"], records["sheet"], number, "|")
    by_number = pa.table({"record_id": records["record_id"].filter(numbered), "household_id": ids.filter(numbered),
                          "method": pa.array([Method.NUMBER.value] * pc.sum(numbered).as_py(), _TEXT)})
    rest = pc.and_(leak, pc.invert(numbered))
    people = [Member(r, f, s, "", a or "", n) for r, f, s, a, n in zip(*(
        c.filter(rest).to_pylist() for c in (records["record_id"], records["source_file"], records["sheet"],
                                              records["address"], name_text)), strict=True)]
    rebuilt = rebuild(people)
    by_address = pa.table({"record_id": pa.array(list(rebuilt), _INT),
                           "household_id": pa.array([p.household_id for p in rebuilt.values()], _TEXT),
                           "method": pa.array([p.method.value for p in rebuilt.values()], _TEXT)})
    return pa.concat_tables([by_number.cast(by_address.schema), by_address]).sort_by("record_id")


def _relatives(keys: pa.Table) -> pa.Table:
    """Each record's relatives as loose name keys (a relative's name crosses scripts as the person's does):
    the names its cells list, or its household's other members. KEYS: k, named, household_id, name_loose."""
    with duckdb.connect() as con:
        con.register("keys", keys)
        return con.sql("""
            WITH members AS (SELECT k, household_id, name_loose FROM keys WHERE household_id IS NOT NULL),
            others AS (SELECT a.k, list_sort(list_distinct(list(b.name_loose))) AS sigs
                       FROM members a JOIN members b ON a.household_id = b.household_id AND a.k <> b.k
                       WHERE b.name_loose IS NOT NULL GROUP BY a.k)
            SELECT CASE WHEN len(named) > 0 THEN named ELSE coalesce(sigs, []) END AS relatives
            FROM keys LEFT JOIN others USING (k) ORDER BY k""").to_arrow_table()


def prepare(case: Case, settings: Settings) -> Prepared:
    """Features of every leak and reference record of CASE, with their rebuilt households."""
    records = _read(case, settings.cells)
    gazetteer, year = load_gazetteer(), ft.today_year()
    extra = dict(zip(CELL_ROLES, per_distinct(
        lambda raw: tuple(_cells(raw, settings.cells).get(r) for r in CELL_ROLES), [records["cells"]],
        [_TEXT] * len(CELL_ROLES)), strict=True))
    names = per_distinct(_name_columns, [records["name_forms"]], [_TEXT, _TEXT, _TEXT, _TEXT, _TEXTS, _TEXT, _TEXT])
    ids = _ids(records["id_number"])
    born = per_distinct(lambda date, year_cell, age_cell, age, on: _birth_columns(
        ft.birth(date, year_cell, _int(age_cell, age), ft.year_of(on, year))),
        [records["birth_date"], extra["birth_year"], extra["age"], records["age"], extra["reference_date"]],
        [_TEXT, _INT, _FLAG])
    sex = per_distinct(lambda s, relation: (s or settings.sex_of_relation.get((relation or "").strip().casefold()),),
                       [records["sex"], records["relation"]], [_TEXT])
    where = per_distinct(lambda *parts: _place_columns(place(" ".join(v for v in parts if v), gazetteer)),
                         [records["address"], records["locality"], extra["place"]], [_TEXT, _TEXT, _TEXT])
    named = per_distinct(_named_relatives, [extra["relatives"]], [_TEXTS])[0]
    folded = {c: per_distinct(_folded, [records[c]], [_TEXT])[0] for c in ("locality", "street", "state")}
    nonempty = {c: pc.if_else(pc.equal(records[c], ""), pa.scalar(None, _TEXT), records[c]) for c in ("other_id",
                                                                                                      "postcode")}
    households = _households(records, names[0])
    columns = [records["record_id"], records["source_dataset"], records["role"], *names, *ids, nonempty["other_id"],
               *born, sex[0], pc.coalesce(where[0], pc.utf8_slice_codeunits(ids[0], 0, 6)), where[1], where[2],
               folded["locality"], folded["street"], nonempty["postcode"], folded["state"]]
    table = pa.table(dict(zip(FEATURES, columns, strict=True)))
    if not table.num_rows:
        return Prepared(None, (), frozenset(), households)
    household_id = table.select(["unique_id"]).join(households.rename_columns(["unique_id", "household_id", "m"]),
                                                    "unique_id", join_type="left outer").sort_by("unique_id")
    keys = pa.table({"k": pa.array(range(table.num_rows), _INT), "named": named,
                     "household_id": household_id["household_id"], "name_loose": table["name_loose"]})
    relatives = _relatives(keys)["relatives"]
    table = table.append_column("relatives", relatives).append_column(
        "relatives_n", pc.cast(pc.list_value_length(relatives), _INT)).append_column(
        "household_id", household_id["household_id"])
    datasets = tuple(sorted(pc.unique(table["source_dataset"]).to_pylist()))
    present = _present(table)
    table = table.append_column("crowd", crowd(table, present))
    return Prepared(table, datasets, present | _present(table.select(["source_dataset", "crowd"])), households)


def _present(table: Any) -> frozenset[str]:
    """Feature columns of TABLE that two or more datasets fill (only those are compared): a value not
    null, not zero or false, not an empty list."""
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
