"""The working tables every check reads, built the same way on each engine.

``chk_records`` holds the records checked (roles ``leak`` and ``reference``)
with the columns the rules use, each source's document date, the year of its
latest detention date and the latest date a value may bear; ``chk_age_reference``
the date each source's ages are judged at (:mod:`veracity.checks.age_reference`);
``chk_regions`` every GB/T 2260 code of any year;
``chk_relations`` the relation labels; ``chk_ids`` the parts of each number;
``chk_places`` the verdicts of place matching; ``chk_members`` and
``chk_pairs`` the household members and their parent-child pairs; ``chk_same_patronymic``
the pairs whose names differ only in spelling or script.

>>> "role IN ('leak', 'reference')" in records_sql()
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from veracity import regions
from veracity.case import Case
from veracity.checks import age_reference, family, ids
from veracity.checks.age_reference import AgeReference
from veracity.engine.base import Engine
from veracity.fields import FIELDS

CHECKED_ROLES = ("leak", "reference")  # claims files hold assertions about people, not a register
# compared: the canonical fields, with the number under its own name and ``row`` as ``row_no``
_FIELDS = ", ".join(f"r.{f}" for f in FIELDS if f not in ("id_number", "sex", "address", "household"))


def records_sql() -> str:
    """The case-store query behind ``chk_records``; one parameter, the day of the check (ISO)."""
    roles = ", ".join(f"'{r}'" for r in CHECKED_ROLES)
    return f"""SELECT r.record_id, r.source_id, r.source_file, r.sheet, r.table_no, r."row" AS row_no,
       coalesce(r.id_number, '') AS id, coalesce(r.sex, '') AS sex, coalesce(r.address, '') AS address,
       coalesce(r.household, '') AS household, {_FIELDS},
       s.document_date, l.latest AS detained_latest,
       coalesce(s.document_date, CAST(? AS VARCHAR)) AS upper_date,
       CASE WHEN s.document_date IS NULL THEN 'the date of this check' ELSE 'the document date' END
         AS upper_label
FROM records r JOIN sources s ON s.source_id = r.source_id
LEFT JOIN (SELECT source_id, substr(max(detained_on), 1, 4) AS latest FROM records
           WHERE regexp_full_match(detained_on, '[0-9]{{4}}(-[0-9]{{2}}(-[0-9]{{2}})?)?')
           GROUP BY source_id) l ON l.source_id = r.source_id
WHERE r.role IN ({roles})"""


@dataclass(frozen=True)
class Prepared:
    """What preparing the tables found: records checked, distinct (region, address) pairs matched and
    the date each source's ages are judged at."""

    records: int
    place_pairs: int
    age_references: tuple[AgeReference, ...]


def _place_rows(engine: Engine) -> list[tuple[str, str, str, str, str]]:
    """Verdicts of place matching for each distinct (region, address): one call per pair, not per row."""
    pairs = engine.execute("""SELECT DISTINCT i.region, r.address FROM chk_ids i
        JOIN chk_records r ON r.record_id = i.record_id WHERE i.kind > 0 AND r.address <> ''""")
    table = regions.load_table()
    out = []
    for region, address in pairs.rows:
        found = regions.lookup(str(region), table)
        if found.region is None:
            continue
        match = regions.matches_place(str(region), str(address), table)
        if match.outcome is not regions.Outcome.CANNOT_CHECK:
            out.append((str(region), str(address), found.region.name, match.outcome.value, match.reason))
    return out


def _age_references(engine: Engine, this_year: int) -> tuple[AgeReference, ...]:
    """Each source's reference for ages, registered as ``chk_age_reference`` (sources with one only)."""
    sources = engine.execute(age_reference.sources_sql()).rows
    fits = engine.execute(age_reference.fits_sql(engine.dialect)).rows
    found = tuple(age_reference.decide(a, this_year) for a in age_reference.gather(sources, fits))
    engine.register("chk_age_reference", ("source_id", "ref_date", "phrase"),
                    [(str(r.ages.source_id), r.date, r.phrase()) for r in found if r.basis is not None])
    return found


def prepare(case: Case, engine: Engine, today: dt.date) -> Prepared:
    """Build every working table on ENGINE from CASE; TODAY bounds dates when a source has no date."""
    d = engine.dialect
    engine.load("chk_records", case, records_sql(), [today.isoformat()])
    table = regions.load_table()
    engine.register("chk_regions", ("code", "name"), [(r.code, r.name) for r in table])
    engine.register("chk_relations", ("label", "role", "sex"),
                    [(r.label, r.role, r.sex) for r in family.load_relations()])
    engine.materialise("chk_ids", ids.id_parts_sql(d))
    references = _age_references(engine, today.year)
    places = _place_rows(engine)
    engine.register("chk_places", ("region", "address", "region_name", "outcome", "reason"), places)
    engine.materialise("chk_members", family.members_sql(d))
    engine.materialise("chk_pairs", family.pairs_sql())
    candidates = engine.execute(family.patronymic_candidates_sql(d)).rows
    engine.register("chk_same_patronymic", ("child_id", "parent_id"), family.same_spelled_pairs(candidates))
    count = engine.execute("SELECT count(*) FROM chk_records").rows[0][0]
    return Prepared(int(str(count)), len(places), references)
