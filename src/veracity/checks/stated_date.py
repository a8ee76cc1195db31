"""``stat.stated_date_ages``: the year a list's title states against the year its ages were computed for.

A register records each person's age on the day it is drawn up, so its ages imply that year
(:mod:`veracity.checks.age_reference`). A list whose title says 2019年6月 but whose ages fit 2020 had its ages
computed a year after the date it bears: fabricated after the fact, or copied from a later list and given an
older title. Ages counted as nominal years (虚岁) imply the year after the list's own, which the sentence says.
The statistic is given for each source whose title states a date and that has ``MIN_ROWS`` rows with an age and
a birth year; it is flagged when the ages imply a year (``AgeReference.implied``) other than the stated one that
fits more rows than the stated year does (every row of a genuine list fits the year it was drawn up in, so that
year fits the most rows; on a tie the ages do not tell the two apart).

>>> from veracity.checks.age_reference import SourceAges, decide
>>> from veracity.ingest.title_date import StatedDate
>>> title = StatedDate("2019-06", "2019年6月", "名单", 1, "名单（2019年6月）")
>>> ages = SourceAges(1, "l.xlsx", None, None, 300, ((2019, 140), (2020, 300), (2021, 160)), title)
>>> stat = stated_date_ages(decide(ages, this_year=2024))
>>> stat.flagged, stat.figure
(True, 0.4666666666666667)
"""

from __future__ import annotations

from collections.abc import Sequence

from veracity.checks.age_reference import MIN_ROWS, AgeReference
from veracity.checks.statistics import Statistic
from veracity.checks.stattests import wilson
from veracity.ingest.title_date import StatedDate

CHECK_ID = "stat.stated_date_ages"


def _sentence(stated: StatedDate, ref: AgeReference, fitting: int) -> str:
    """What the comparison found (FITTING rows fit the stated year), naming the stated date and where it was read."""
    n, year = ref.ages.rows, int(stated.iso[:4])
    said = f"The title states {stated.written} ({stated.place()})"
    share = f"{fitting:,} of {n:,} rows ({fitting / n:.1%}) have an age that fits a list drawn up in {year}"
    implied = ref.implied
    if implied is None:
        return f"{said}; the ages imply no one year (`stat.age_reference`): {share}."
    if implied.year == year or implied.rows <= fitting:
        return f"{said}, and the ages agree: {share}."
    nominal = (" Ages counted as nominal years (虚岁) imply the year after the list's own, so check how the list "
               "counts ages." if implied.year == year + 1 else "")
    return (f"{said}, but the ages were computed for {implied.year}: {implied.rows:,} of {n:,} rows "
            f"({implied.rows / n:.1%}) fit a list drawn up in {implied.year}, and {fitting:,} ({fitting / n:.1%}) "
            f"fit {year}. A list whose ages were computed in another year than the one it bears was drawn up or "
            f"edited then, not on the date it states.{nominal}")


def stated_date_ages(ref: AgeReference) -> Statistic | None:
    """The statistic of one source, or None when its title states no date or too few rows have an age and a birth
    year. ``figure`` is the share of those rows that fit the stated year."""
    stated, n = ref.ages.stated, ref.ages.rows
    if stated is None or n < MIN_ROWS:
        return None
    year = int(stated.iso[:4])
    fitting = dict(ref.ages.fits).get(year, 0)
    implied = ref.implied
    low, high = wilson(fitting, n)
    details = (("stated", stated.iso), ("where", stated.place()), ("rows fitting the stated year", str(fitting)),
               ("year the ages imply", str(implied.year) if implied else ""),
               ("rows fitting it", str(implied.rows) if implied else ""))
    flagged = implied is not None and implied.year != year and implied.rows > fitting
    return Statistic(CHECK_ID, ref.ages.source_file, n, fitting / n, None, low, high, None, flagged,
                     _sentence(stated, ref, fitting), details)


def stated_dates_ages(refs: Sequence[AgeReference]) -> list[Statistic]:
    """``stat.stated_date_ages`` of each source whose title states a date and whose ages can tell a year."""
    return [stat for stat in map(stated_date_ages, refs) if stat is not None]
