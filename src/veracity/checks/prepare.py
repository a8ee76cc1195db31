"""The working tables every check reads, built the same way on each engine.

``chk_records`` holds the records checked (roles ``leak`` and ``reference``)
with the columns the rules use, each source's document date and stated date, the
year of its latest detention date and the latest date a value may bear (``upper_date``,
named by ``upper_label``: :func:`date_bound`); ``chk_age_reference``
the date each source's ages are judged at (:mod:`veracity.checks.age_reference`);
``chk_regions`` every GB/T 2260 code of any year;
``chk_relations`` the relation labels; ``chk_ids`` the parts of each number;
``chk_places`` the verdicts of place matching; ``chk_members`` and
``chk_pairs`` the household members and their parent-child pairs; ``chk_same_patronymic``
the pairs whose names differ only in spelling or script.

>>> "role IN ('leak', 'reference')" in records_sql()
True
>>> date_bound(None, None, dt.date(2024, 1, 1))
('2024-01-01', 'the date of this check')
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
from veracity.ingest.title_date import StatedDate

CHECKED_ROLES = ("leak", "reference")  # claims files hold assertions about people, not a register
# compared: the canonical fields, with the number under its own name and ``row`` as ``row_no``
_FIELDS = ", ".join(f"r.{f}" for f in FIELDS if f not in ("id_number", "sex", "address", "household"))


def records_sql() -> str:
    """The case-store query behind ``chk_records``; three parameters, the source ids, their upper dates and the
    words that name them (:func:`date_bound`)."""
    roles = ", ".join(f"'{r}'" for r in CHECKED_ROLES)
    return f"""SELECT r.record_id, r.source_id, r.source_file, r.sheet, r.table_no, r."row" AS row_no,
       coalesce(r.id_number, '') AS id, coalesce(r.sex, '') AS sex, coalesce(r.address, '') AS address,
       coalesce(r.household, '') AS household, {_FIELDS},
       s.document_date, s.stated_date, l.latest AS detained_latest, b.upper_date, b.upper_label
FROM records r JOIN sources s ON s.source_id = r.source_id
JOIN (SELECT unnest(CAST(? AS INTEGER[])) AS source_id, unnest(CAST(? AS VARCHAR[])) AS upper_date,
             unnest(CAST(? AS VARCHAR[])) AS upper_label) b ON b.source_id = r.source_id
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


def date_bound(document_date: str | None, stated: StatedDate | None, today: dt.date) -> tuple[str, str]:
    """The latest date a value of a source may bear, and the words that name it: the document date, else the last
    day of the date its title states, else the day of the check.

    >>> date_bound(None, StatedDate("2019-06", "2019年6月", "名单", 1, "名单（2019年6月）"), dt.date(2024, 1, 1))
    ('2019-06-30', "the date stated in title row 1 of sheet '名单' (2019年6月), taken to the end of that month")
    """
    if document_date:
        return document_date, "the document date"
    if stated is not None:
        return stated.end, stated.phrase_to_end()
    return today.isoformat(), "the date of this check"


def stated_dates(case: Case) -> dict[int, StatedDate]:
    """The date each source's title rows state, by source id."""
    rows = case.con.execute("SELECT source_id, stated_date, CAST(stated_date_at AS VARCHAR) FROM sources "
                            "WHERE stated_date IS NOT NULL").fetchall()
    return {int(sid): StatedDate.from_json(str(iso), str(where)) for sid, iso, where in rows}


def _date_bounds(case: Case, stated: dict[int, StatedDate], today: dt.date) -> list[list[object]]:
    """The parameters of :func:`records_sql`: each source's id, upper date and its words."""
    rows = case.con.execute("SELECT source_id, document_date FROM sources ORDER BY source_id").fetchall()
    bounds = [(int(sid), *date_bound(document_date, stated.get(int(sid)), today)) for sid, document_date in rows]
    return [[b[k] for b in bounds] for k in range(3)]


def _age_references(engine: Engine, stated: dict[int, StatedDate], this_year: int) -> tuple[AgeReference, ...]:
    """Each source's reference for ages, registered as ``chk_age_reference`` (sources with one only)."""
    sources = engine.execute(age_reference.sources_sql()).rows
    fits = engine.execute(age_reference.fits_sql(engine.dialect)).rows
    found = tuple(age_reference.decide(a, this_year) for a in age_reference.gather(sources, fits, stated))
    engine.register("chk_age_reference", ("source_id", "ref_date", "phrase"),
                    [(str(r.ages.source_id), r.date, r.phrase()) for r in found if r.basis is not None])
    return found


def prepare(case: Case, engine: Engine, today: dt.date) -> Prepared:
    """Build every working table on ENGINE from CASE; TODAY bounds dates when a source has no date."""
    d = engine.dialect
    stated = stated_dates(case)
    engine.load("chk_records", case, records_sql(), _date_bounds(case, stated, today))
    table = regions.load_table()
    engine.register("chk_regions", ("code", "name"), [(r.code, r.name) for r in table])
    engine.register("chk_relations", ("label", "role", "sex"),
                    [(r.label, r.role, r.sex) for r in family.load_relations()])
    engine.materialise("chk_ids", ids.id_parts_sql(d))
    references = _age_references(engine, stated, today.year)
    places = _place_rows(engine)
    engine.register("chk_places", ("region", "address", "region_name", "outcome", "reason"), places)
    engine.materialise("chk_members", family.members_sql(d))
    engine.materialise("chk_pairs", family.pairs_sql())
    candidates = engine.execute(family.patronymic_candidates_sql(d)).rows
    engine.register("chk_same_patronymic", ("child_id", "parent_id"), family.same_spelled_pairs(candidates))
    count = engine.execute("SELECT count(*) FROM chk_records").rows[0][0]
    return Prepared(int(str(count)), len(places), references)
