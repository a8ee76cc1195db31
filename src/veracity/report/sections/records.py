"""What the records show: reasons, detentions over time, age and sex of the detained, decisions.

The analysis researchers published from the Karakax List, computed here with
SQL aggregates over the leak's records (role ``leak``), so a register of a
million rows costs a few group-bys. A person counts as *detained* when the
leak gives a reason or a detention date for the row; the other rows of the
leak (relatives, in the Karakax List) are counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from veracity.case import Case
from veracity.report.charts import Band
from veracity.report.view import View

TOP = 12
DETAINED = "role = 'leak' AND (coalesce(reason, '') <> '' OR coalesce(detained_on, '') <> '')"
_AGE = ("coalesce(age, try_cast(substr(detained_on, 1, 4) AS INTEGER) "
        "- try_cast(substr(birth_date, 1, 4) AS INTEGER))")


@dataclass(frozen=True)
class Count:
    """One category and how many detained people it holds."""

    label: str
    count: int


@dataclass(frozen=True)
class RecordsShow:
    """The aggregates of the leak; every count is over the detained rows unless named otherwise."""

    leak_rows: int
    detained: int
    households: int
    reasons: tuple[Count, ...]
    months: tuple[Count, ...]
    undated: int
    bands: tuple[Band, ...]
    unknown_age_sex: int
    decisions: tuple[Count, ...]
    categories: tuple[Count, ...]


def _top(case: Case, view: View, column: str) -> tuple[Count, ...]:
    rows = case.con.execute(
        f"SELECT coalesce(nullif({column}, ''), '(not stated)'), count(*) FROM records WHERE {DETAINED} "
        "GROUP BY 1 ORDER BY 2 DESC, 1").fetchall()
    head = [Count(view.text(str(label)), int(n)) for label, n in rows[:TOP]]
    rest = sum(int(n) for _, n in rows[TOP:])
    return tuple(head + ([Count(f"{len(rows) - TOP} other values", rest)] if rest else []))


def fill_months(counts: list[tuple[str, int]]) -> tuple[Count, ...]:
    """Monthly counts with the months between the first and last that have none filled in as zero.

    >>> [(c.label, c.count) for c in fill_months([("2017-11", 2), ("2018-01", 1)])]
    [('2017-11', 2), ('2017-12', 0), ('2018-01', 1)]
    """
    known = dict(counts)
    if not known:
        return ()
    year, month = (int(x) for x in min(known).split("-"))
    out: list[Count] = []
    while (label := f"{year:04d}-{month:02d}") <= max(known):
        out.append(Count(label, known.get(label, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def _bands(case: Case) -> tuple[tuple[Band, ...], int]:
    rows = case.con.execute(
        f"SELECT least({_AGE} // 10, 8) AS band, count(*) FILTER (WHERE sex = 'M'), "
        f"count(*) FILTER (WHERE sex = 'F') FROM records WHERE {DETAINED} AND {_AGE} BETWEEN 0 AND 120 "
        "AND sex IN ('M', 'F') GROUP BY band ORDER BY band").fetchall()
    known = {int(b): (int(m), int(f)) for b, m, f in rows}
    bands = tuple(Band("80+" if b == 8 else f"{10 * b}-{10 * b + 9}", *known.get(b, (0, 0)))
                  for b in range(min(known, default=0), max(known, default=-1) + 1))
    total = int(case.scalar(f"SELECT count(*) FROM records WHERE {DETAINED}"))
    return bands, total - sum(b.men + b.women for b in bands)


def records_show(case: Case, view: View) -> RecordsShow:
    """Aggregate the leak's records."""
    months = case.con.execute(
        f"SELECT substr(detained_on, 1, 7), count(*) FROM records WHERE {DETAINED} "
        "AND regexp_matches(detained_on, '^(19|20)\\d{2}-(0[1-9]|1[0-2])') GROUP BY 1 ORDER BY 1").fetchall()
    bands, unknown = _bands(case)
    detained = int(case.scalar(f"SELECT count(*) FROM records WHERE {DETAINED}"))
    return RecordsShow(
        leak_rows=int(case.scalar("SELECT count(*) FROM records WHERE role = 'leak'")),
        detained=detained,
        households=int(case.scalar(
            "SELECT count(DISTINCT household) FROM records WHERE role = 'leak' AND household <> ''")),
        reasons=_top(case, view, "reason"),
        months=fill_months([(str(m), int(n)) for m, n in months]),
        undated=detained - sum(int(n) for _, n in months),
        bands=bands, unknown_age_sex=unknown,
        decisions=_top(case, view, "decision"),
        categories=_top(case, view, "category"),
    )
