"""The date a source's ages are judged at: its document date, else the date its title states, else the year its own
ages imply.

A register records each person's age on one day. A row with age A and birth year B fits a list drawn
up in year B + A (on or after the birthday) or B + A + 1 (before it), so every row of a genuine list
fits the year it was drawn up in. Without a document date the reference is the year that fits the
most rows (the earliest on a tie), taken only when at least ``MIN_ROWS`` rows have an age and a birth
year and the year fits ``AGREEMENT`` of them; it must lie between the latest detention date the
source records (a list cannot predate its own detentions) and the day of the check. Otherwise ages
are judged at the year of the latest detention date, as before, or not at all. A date the title rows state
(``sources.stated_date``, :mod:`veracity.ingest.title_date`) comes before the ages' year: a month or a year is
taken to its last day. The year the ages imply is still found (``AgeReference.implied``), so that
``stat.stated_date_ages`` can compare the two.

The birth year is the number's when it is valid, else the recorded birth date's (``1985``,
``1985-03`` or ``1985-03-12``): the year is all the rule needs.

>>> ages = SourceAges(1, "list.xlsx", None, 2017, 311, ((2017, 150), (2018, 305), (2019, 160)))
>>> ref = decide(ages, this_year=2024)
>>> ref.basis, ref.date
(<Basis.INFERRED: 'inferred'>, '2018')
>>> ref.phrase()
'on the date the ages imply (2018, inferred from 305 of 311 rows)'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from veracity.checks.dates import ISO_DATE
from veracity.engine.base import Dialect
from veracity.ingest.title_date import StatedDate

# Ages drawn at random (18-80, birth years 1940-2000) give one year 60% of the rows in about 1 trial in
# 300 at 4 rows and in none of 20,000 at 10; a genuine list fits its year on every row but typos, and a
# list in nominal ages (虚岁) fits one year too, a year late. Half nominal, half completed ages can fall
# below 60% (early in the year): such a list is judged as one whose ages imply no year.
MIN_ROWS = 10
AGREEMENT = 0.6
RULE = ("Without a document date, ages are judged at the date the title rows above the header state (a month or a "
        "year taken to its last day: 2019年6月 is judged as 2019-06-30), and without one at the year the ages imply: "
        "a row with age A and birth year B (from the number, else the recorded birth date) fits a list drawn up in "
        "B + A (on or after the birthday) or B + A + 1 (before it). The year fitting most rows (the earliest on a "
        f"tie) is taken when at least {MIN_ROWS} rows have both and it fits {AGREEMENT:.0%} of them, and it must not "
        "be before the source's latest detention date (a list cannot predate its own detentions) nor after the day "
        "of the check. Why: every row of a genuine list fits the year it was drawn up in, typos aside, while ages "
        f"drawn at random (18 to 80) fit one year on {AGREEMENT:.0%} of {MIN_ROWS} rows in none of 20,000 simulated "
        "lists (on 4 rows, about 1 in 300). A list in nominal ages (虚岁) implies the year after its own; one mixing "
        "nominal and completed ages half and half may imply none. Otherwise ages are judged at the year of the "
        "latest detention date, if any. `stat.age_reference` reports the year, or that the ages agree on none; "
        "`stat.stated_date_ages` compares it with the year the title states.")


class Basis(Enum):
    """Where a source's reference date comes from."""

    DOCUMENT = "document"  # sources.document_date, set by the user
    STATED = "stated"  # sources.stated_date, read in the title rows (its last day)
    INFERRED = "inferred"  # the year the ages imply
    DETENTION = "detention"  # the year of the latest detention date (a lower bound only)


@dataclass(frozen=True)
class Fit:
    """A year and how many rows' ages fit it."""

    year: int
    rows: int


@dataclass(frozen=True)
class SourceAges:
    """What one source offers: its dates, ROWS with an age and a birth year, and (year, rows fitting)."""

    source_id: int
    source_file: str
    document_date: str | None
    detained_latest: int | None  # year of the latest detention date recorded
    rows: int
    fits: tuple[tuple[int, int], ...]
    stated: StatedDate | None = None  # the date the title rows state


@dataclass(frozen=True)
class AgeReference:
    """The date a source's ages are judged at (``date`` is ISO text, a year when inferred), and why; ``implied`` is
    the year the ages imply, whatever the basis."""

    ages: SourceAges
    basis: Basis | None
    date: str
    best: Fit | None  # the year fitting most rows within the bounds
    overall: Fit | None  # the year fitting most rows, bounds ignored
    this_year: int
    implied: Fit | None = None

    def phrase(self) -> str:
        """The words after "the person was N" in an ``id.age_mismatch`` message."""
        if self.basis is Basis.DOCUMENT:
            return f"on the document date ({self.date})"
        if self.basis is Basis.STATED and self.ages.stated is not None:
            stated = self.ages.stated
            return f"on {stated.phrase_to_end()}" + (f" ({stated.end})" if len(stated.iso) < 10 else "")
        if self.basis is Basis.INFERRED and self.best is not None:
            return (f"on the date the ages imply ({self.date}, inferred from {self.best.rows:,} of "
                    f"{self.ages.rows:,} rows)")
        return f"in {self.date}, the year of the latest detention date in the source"


def _best(fits: list[tuple[int, int]]) -> Fit | None:
    """The year fitting most rows, the earliest on a tie.

    >>> _best([(2019, 5), (2018, 5), (2020, 2)])
    Fit(year=2018, rows=5)
    """
    if not fits:
        return None
    year, rows = min(fits, key=lambda f: (-f[1], f[0]))
    return Fit(year, rows)


def decide(ages: SourceAges, this_year: int) -> AgeReference:
    """The reference of one source: its document date, the date its title states, the year its ages imply (THIS_YEAR,
    of the check, bounds it) or the year of its latest detention.

    >>> random = SourceAges(2, "forged.csv", None, None, 300, ((1990, 9), (2016, 21), (2040, 30)))
    >>> ref = decide(random, this_year=2024)
    >>> ref.basis, ref.best, ref.overall, ref.implied
    (None, Fit(year=2016, rows=21), Fit(year=2040, rows=30), None)
    >>> title = StatedDate("2019-06", "2019年6月", "名单", 1, "名单（2019年6月）")
    >>> ref = decide(SourceAges(3, "l.xlsx", None, None, 20, ((2019, 9), (2020, 20), (2021, 11)), title), 2024)
    >>> ref.basis, ref.date, ref.implied
    (<Basis.STATED: 'stated'>, '2019-06-30', Fit(year=2020, rows=20))
    """
    floor = ages.detained_latest or 0
    best = _best([(y, k) for y, k in ages.fits if floor <= y <= this_year])
    overall = _best(list(ages.fits))
    implied = best if best and ages.rows >= MIN_ROWS and best.rows >= AGREEMENT * ages.rows else None
    if ages.document_date:
        return AgeReference(ages, Basis.DOCUMENT, ages.document_date, best, overall, this_year, implied)
    if ages.stated is not None:
        return AgeReference(ages, Basis.STATED, ages.stated.end, best, overall, this_year, implied)
    if implied:
        return AgeReference(ages, Basis.INFERRED, str(implied.year), best, overall, this_year, implied)
    if ages.detained_latest is not None:
        return AgeReference(ages, Basis.DETENTION, str(ages.detained_latest), best, overall, this_year, implied)
    return AgeReference(ages, None, "", best, overall, this_year)


def born_ages_sql(d: Dialect) -> str:
    """Per checked row of a source without a document date, or with a stated date: its age and birth year (number,
    else record)."""
    recorded = f"CASE WHEN {d.full_match('r.birth_date', ISO_DATE)} THEN {d.try_int('substr(r.birth_date, 1, 4)')} END"
    return f"""SELECT r.source_id, r.age, coalesce(CASE WHEN i.date_ok THEN i.y END, {recorded}) AS born
FROM chk_records r LEFT JOIN chk_ids i ON i.record_id = r.record_id AND i.kind > 0
WHERE (r.document_date IS NULL OR r.stated_date IS NOT NULL) AND r.age IS NOT NULL"""


def fits_sql(d: Dialect) -> str:
    """Per source without a document date (or with a stated date) and year: the rows whose age fits a list drawn up
    that year."""
    return f"""WITH a AS (SELECT source_id, born + age AS year FROM ({born_ages_sql(d)}) b WHERE born IS NOT NULL)
SELECT source_id, year, count(*) AS k FROM (
  SELECT source_id, year FROM a UNION ALL SELECT source_id, year + 1 AS year FROM a
) f GROUP BY source_id, year"""


def sources_sql() -> str:
    """Per checked source: its file, document date and the year of its latest detention date."""
    return """SELECT source_id, min(source_file) AS source_file, max(document_date) AS document_date,
       max(detained_latest) AS detained_latest
FROM chk_records GROUP BY source_id"""


def gather(sources: tuple[tuple[object, ...], ...], fits: tuple[tuple[object, ...], ...],
           stated: Mapping[int, StatedDate] | None = None) -> list[SourceAges]:
    """SourceAges from the rows of :func:`sources_sql` and :func:`fits_sql`, in source order; STATED: the date each
    source's title states, by source id.

    Each row fits exactly two years, so a source's rows are half its fits.

    >>> gather(((1, "a.csv", None, "2017"),), ((1, 2018, 3), (1, 2019, 1), (1, 2017, 2)))[0].rows
    3
    """
    by_source: dict[int, list[tuple[int, int]]] = {}
    for source_id, year, k in fits:
        by_source.setdefault(int(str(source_id)), []).append((int(str(year)), int(str(k))))
    out = []
    for source_id, source_file, document_date, latest in sorted(sources, key=lambda s: int(str(s[0]))):
        sid = int(str(source_id))
        found = tuple(sorted(by_source.get(sid, [])))
        out.append(SourceAges(sid, str(source_file), str(document_date) if document_date else None,
                              int(str(latest)) if latest else None, sum(k for _, k in found) // 2, found,
                              (stated or {}).get(sid)))
    return out
