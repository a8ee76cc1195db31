"""Dataset statistics that tell a genuine register from a fabricated one, one per source file.

Each :class:`Statistic` carries its figure, the figure expected (of a genuine
register or of a forger, as its sentence says), a 95% Wilson interval or a
p-value (exact binomial or chi-square tails, :mod:`veracity.checks.stattests`)
and one sentence a journalist can repeat. A flagged statistic also becomes a
dataset-level finding (empty sheet, no row).

>>> chance(1e-12)
'less than one in a billion'
>>> chance(0.0004)
'about 1 in 2,500'
>>> chance(0.2)
'0.2'
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from veracity.case import Case
from veracity.checks import stats_sql
from veracity.checks.age_reference import AGREEMENT, MIN_ROWS, AgeReference, Basis
from veracity.checks.family import MIN_PARENT_GAP
from veracity.checks.registry import CHECKS
from veracity.checks.stattests import binom_sf, chi2_uniform, wilson
from veracity.engine.base import Engine

ALPHA = 0.001  # a p-value below 1 in 1,000 counts as evidence
FORGER_CHECKSUM = 1 / 11  # a check character chosen without the algorithm is right 1 time in 11
CHECKSUM_FLOOR = 0.9  # a register whose share is surely below 90% has many invented numbers
SEX_FLOOR = 0.9  # idem for sex digits (genuine lists: typos only)
FIRST_OF_MONTH = 12 / 365.2425  # share of calendar days that are the 1st of a month
ROUND_YEARS = 0.2  # years ending in 0 or 5
HEAPING_RATIO = 1.5  # Whipple's index 150: "rough" data (UN scale: <105 accurate, >175 very rough)
REGION_KNOWN_FLOOR = 0.95  # genuine numbers carry real codes but for typos
REGION_AGREE_FLOOR = 0.5  # most people of a local register live where their number was issued
HOUSEHOLD_FLOOR = 0.9  # share of plausible parent-child gaps and opposite-sex couples


@dataclass(frozen=True)
class Statistic:
    """One statistic of one source file; ``details`` are (point, value) pairs for the report."""

    check_id: str
    source_file: str
    n: int
    figure: float | None
    expected: float | None
    low: float | None
    high: float | None
    p_value: float | None
    flagged: bool
    sentence: str
    details: tuple[tuple[str, str], ...] = ()


def chance(p: float) -> str:
    """A p-value in words."""
    if p < 1e-9:
        return "less than one in a billion"
    if p < 0.001:
        return f"about 1 in {round(1 / p):,}"
    return f"{p:.3g}"


def _share_test(check_id: str, source: str, n: int, k: int, baseline: float, floor: float,
                words: tuple[str, str]) -> Statistic:
    """K of N right against a forger's BASELINE: flagged when the share is surely below FLOOR or
    cannot be told from the baseline although N rows could tell it (all N right would: 10 rows for sex
    digits, 3 for check characters); fewer rows say nothing either way and are not flagged."""
    low, high = wilson(k, n)
    p = binom_sf(k, n, baseline)
    could_tell = binom_sf(n, n, baseline) < ALPHA
    flagged = n > 0 and (high < floor or (p >= ALPHA and could_tell))
    what, forger = words
    sentence = (f"{k:,} of {n:,} {what} ({k / n:.1%}, 95% interval {low:.1%}-{high:.1%}); {forger} "
                f"{baseline:.1%}, and the chance of doing this well by luck is {chance(p)}.") if n else ""
    return Statistic(check_id, source, n, k / n if n else None, baseline, low, high, p, flagged, sentence)


def checksum_share(source: str, n: int, k: int) -> Statistic:
    """``stat.checksum_share``.

    >>> checksum_share("leak.xlsx", 1000, 90).flagged, checksum_share("leak.xlsx", 1000, 995).flagged
    (True, False)
    """
    return _share_test("stat.checksum_share", source, n, k, FORGER_CHECKSUM, CHECKSUM_FLOOR,
                       ("18-digit identity numbers carry a correct check character",
                        "numbers invented without the algorithm would be right about 1 time in 11,"))


def sex_agreement(source: str, n: int, k: int) -> Statistic:
    """``stat.sex_digit_agreement``.

    >>> sex_agreement("leak.xlsx", 1000, 510).flagged
    True

    Eight rows of eight that agree cannot be told from chance (p = 0.0039), nor could any eight rows:
    a small register is not flagged for being small.

    >>> sex_agreement("ref.csv", 8, 8).flagged, sex_agreement("ref.csv", 20, 12).flagged
    (False, True)
    """
    return _share_test("stat.sex_digit_agreement", source, n, k, 0.5, SEX_FLOOR,
                       ("rows have a sex digit (odd for men) that agrees with the recorded sex",
                        "digits chosen at random would agree half the time,"))


def _heaping(check_id: str, source: str, n: int, k: int, expected: float, what: str) -> Statistic:
    low, high = wilson(k, n)
    p = binom_sf(k, n, expected)
    flagged = n > 0 and p < ALPHA and k / n > HEAPING_RATIO * expected
    sentence = (f"{k:,} of {n:,} birth dates ({k / n:.1%}, 95% interval {low:.1%}-{high:.1%}) {what}, "
                f"against {expected:.1%} expected; the chance of this many by luck is {chance(p)}. Heaping "
                "also occurs in genuine registers where true birth dates were unknown.") if n else ""
    return Statistic(check_id, source, n, k / n if n else None, expected, low, high, p, flagged, sentence)


def _dates(histogram: Sequence[tuple[str, int]]) -> list[tuple[dt.date, int]]:
    out = []
    for text, count in histogram:
        try:
            out.append((dt.date.fromisoformat(text), count))
        except ValueError:
            continue
    return out


def _uniformity(check_id: str, source: str, observed: list[int], weights: list[float],
                what: str) -> Statistic:
    n = sum(observed)
    stat, p = chi2_uniform(observed, weights)
    flagged = n > 0 and p < ALPHA
    verdict = "unevenly" if flagged else "about as evenly as chance would"
    sentence = (f"The {n:,} birth dates fall {verdict} over {what} (chi-square {stat:.1f}, "
                f"{len(observed) - 1} degrees of freedom, p = {chance(p)}).") if n else ""
    return Statistic(check_id, source, n, stat, float(len(observed) - 1), None, None, p, flagged, sentence)


def birth_dates(source: str, histogram: Sequence[tuple[str, int]]) -> list[Statistic]:
    """The four birth-date statistics of one file, from its (ISO date, count) histogram.

    >>> heaped = [("1980-01-01", 50), ("1981-03-17", 50)]
    >>> [s.flagged for s in birth_dates("leak.xlsx", heaped)]
    [True, True, True, True]
    """
    dates = _dates(histogram)
    n = sum(c for _, c in dates)
    firsts = sum(c for d, c in dates if d.day == 1)
    rounds = sum(c for d, c in dates if d.year % 5 == 0)
    weekdays, days = Counter[int](), Counter[int]()
    for d, c in dates:
        weekdays[d.weekday()] += c
        days[d.day] += c
    day_weights = [12.0] * 28 + [11.25, 11.0, 7.0]  # months with a 29th (Feb in leap years), 30th, 31st
    return [
        _heaping("stat.birthdate_first_of_month", source, n, firsts, FIRST_OF_MONTH,
                 "fall on the 1st of a month"),
        _heaping("stat.birthyear_round", source, n, rounds, ROUND_YEARS, "fall in a year ending in 0 or 5"),
        _uniformity("stat.weekday_uniformity", source, [weekdays[i] for i in range(7)], [1.0] * 7,
                    "the seven days of the week"),
        _uniformity("stat.day_of_month_uniformity", source, [days[i] for i in range(1, 32)], day_weights,
                    "the days of the month"),
    ]


def region_plausibility(source: str, n: int, known: int, judged: int, agree: int) -> Statistic:
    """``stat.region_plausibility``: known codes, and agreement with the stated place where judged.

    >>> region_plausibility("leak.xlsx", 100, 100, 80, 76).flagged
    False
    """
    k, m, floor = (agree, judged, REGION_AGREE_FLOOR) if judged else (known, n, REGION_KNOWN_FLOOR)
    low, high = wilson(k, m)
    flagged = n > 0 and (known / n < REGION_KNOWN_FLOOR or (m > 0 and high < floor))
    sentence = (f"{known:,} of {n:,} identity numbers ({known / n:.1%}) carry a real region code"
                + (f"; of the {judged:,} whose address names a place, {agree:,} ({agree / judged:.1%}, 95% "
                   f"interval {low:.1%}-{high:.1%}) were issued there." if judged else ".")) if n else ""
    return Statistic("stat.region_plausibility", source, n, k / m if m else None, floor, low, high, None,
                     flagged, sentence, (("known codes", str(known)), ("addresses judged", str(judged)),
                                         ("addresses agreeing", str(agree))))


def household_structure(source: str, pairs: int, plausible: int, couples: int, opposite: int) -> Statistic:
    """``stat.household_structure``.

    >>> household_structure("leak.xlsx", 50, 20, 10, 10).flagged
    True
    """
    n, k = pairs + couples, plausible + opposite
    low, high = wilson(k, n)
    sentence = (f"Of {pairs:,} parent-child pairs, {plausible:,} are {MIN_PARENT_GAP}-"
                f"{stats_sql.MAX_PARENT_GAP} years apart, and {opposite:,} of {couples:,} couples are a man "
                f"and a woman: {k / n:.1%} plausible (95% interval {low:.1%}-{high:.1%}).") if n else ""
    return Statistic("stat.household_structure", source, n, k / n if n else None, HOUSEHOLD_FLOOR, low, high,
                     None, n > 0 and high < HOUSEHOLD_FLOOR, sentence)


def duplicates(source: str, rows: int, exact: int, near: int) -> list[Statistic]:
    """``stat.exact_duplicates`` and ``stat.near_duplicates`` of one file."""
    return [
        Statistic("stat.exact_duplicates", source, rows, float(exact), 0.0, None, None, None, exact > 0,
                  f"{exact:,} of {rows:,} rows repeat an earlier row in every field."),
        Statistic("stat.near_duplicates", source, rows, float(near), 0.0, None, None, None, near > 0,
                  f"{near:,} of {rows:,} rows equal another row in every field but one (name, number, birth "
                  "date, sex or address)."),
    ]


def _judged_at(ref: AgeReference) -> str:
    """The sentence saying where a source's ages are judged, when its ages imply no year."""
    if ref.basis is Basis.STATED and ref.ages.stated is not None:
        return f" Ages are judged at {ref.ages.stated.phrase_to_end()}."
    if ref.basis is Basis.DETENTION:
        return f" Ages are judged in {ref.ages.detained_latest}, the year of the latest detention date."
    return " Ages are not judged."


def _age_sentence(ref: AgeReference) -> str:
    ages, best, overall = ref.ages, ref.best, ref.overall
    n, k = ages.rows, best.rows if best else 0
    fallback = _judged_at(ref)
    if ref.implied is not None:
        judged = ("with no document date, ages are judged at that year." if ages.stated is None else
                  f"ages are judged at {ages.stated.phrase_to_end()} (`stat.stated_date_ages` compares the two).")
        return (f"{k:,} of {n:,} rows ({k / n:.1%}) have an age that fits a list drawn up in {ref.implied.year} "
                f"(from the age and the birth year); {judged}")
    if n < MIN_ROWS:
        return (f"Only {n:,} rows have both an age and a birth year: too few to tell the year the ages were "
                f"computed for ({MIN_ROWS} needed).{fallback}")
    if overall and overall.rows >= AGREEMENT * n:
        late = overall.year > ref.this_year
        bound = (f"after the day of this check ({ref.this_year})" if late else
                 f"before the latest detention date the list records ({ages.detained_latest})")
        return (f"The ages of {overall.rows:,} of {n:,} rows fit a list drawn up in {overall.year}, {bound}: the "
                f"ages were computed for a year the list cannot be from.{fallback}")
    fit = f"the best, {best.year}, fits {k:,} of {n:,} ({k / n:.1%})" if best else f"none of {n:,} fits a possible year"
    return (f"No one year fits the ages of most rows: {fit}. In a genuine register every age follows from the "
            f"birth date on one day; ages that agree on no year were not computed from the birth dates.{fallback}")


def age_reference(ref: AgeReference) -> Statistic:
    """``stat.age_reference`` of a source without a document date: the year its ages imply, or none.

    >>> from veracity.checks.age_reference import SourceAges, decide
    >>> ages = SourceAges(1, "forged.csv", None, None, 300, ((1990, 9), (2016, 21), (2017, 12)))
    >>> stat = age_reference(decide(ages, this_year=2024))
    >>> stat.flagged, stat.sentence[:54]
    (True, 'No one year fits the ages of most rows: the best, 2016')
    """
    n, k = ref.ages.rows, ref.best.rows if ref.best else 0
    low, high = wilson(k, n)
    details = (("year", str(ref.implied.year) if ref.implied else ""), ("rows fitting it", str(k)),
               ("latest detention", str(ref.ages.detained_latest or "")))
    return Statistic("stat.age_reference", ref.ages.source_file, n, k / n if n else None, AGREEMENT, low, high,
                     None, n >= MIN_ROWS and ref.implied is None, _age_sentence(ref) if n else "", details)


def age_references(refs: Sequence[AgeReference]) -> list[Statistic]:
    """``stat.age_reference`` of each source without a document date that has rows with an age and a birth
    year (a dated source's ages are judged at its date, row by row)."""
    return [age_reference(r) for r in refs if r.basis is not Basis.DOCUMENT and r.ages.rows > 0]


def _by_file(engine: Engine, sql: str) -> dict[str, tuple[int, ...]]:
    return {str(r[0]): tuple(int(str(v or 0)) for v in r[1:]) for r in engine.execute(sql).rows}


def compute(engine: Engine) -> list[Statistic]:
    """Every dataset statistic of every checked file, from the working tables on ENGINE."""
    d = engine.dialect
    rows = _by_file(engine, stats_sql.rows_sql())
    tables: dict[str, dict[str, tuple[int, ...]]] = {
        "checksum": _by_file(engine, stats_sql.checksum_sql()), "sex": _by_file(engine, stats_sql.sex_sql()),
        "region": _by_file(engine, stats_sql.region_sql()),
        "household": _by_file(engine, stats_sql.household_sql(d)),
        "exact": _by_file(engine, stats_sql.exact_duplicates_sql()),
        "near": _by_file(engine, stats_sql.near_duplicates_sql())}
    histograms: dict[str, list[tuple[str, int]]] = {}
    for source, born, count in engine.execute(stats_sql.birth_histogram_sql(d)).rows:
        histograms.setdefault(str(source), []).append((str(born), int(str(count))))
    makers: list[tuple[str, Callable[..., Statistic]]] = [
        ("checksum", checksum_share), ("sex", sex_agreement), ("region", region_plausibility),
        ("household", household_structure)]
    out: list[Statistic] = []
    for source in sorted(rows):
        out += [make(source, *tables[key][source]) for key, make in makers if source in tables[key]]
        out += birth_dates(source, sorted(histograms.get(source, [])))
        out += duplicates(source, rows[source][0], tables["exact"].get(source, (0,))[0],
                          tables["near"].get(source, (0,))[0])
    return [s for s in out if s.n > 0]


def write(case: Case, stats: Sequence[Statistic], stage: str) -> None:
    """Store STATS in ``statistics`` and a dataset-level finding for each flagged one."""
    if not stats:
        return
    case.con.executemany(
        "INSERT INTO statistics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(s.check_id, s.source_file, s.n, s.figure, s.expected, s.low, s.high, s.p_value, s.flagged,
          s.sentence, json.dumps(dict(s.details), ensure_ascii=False)) for s in stats])
    flagged = [s for s in stats if s.flagged]
    if flagged:
        case.con.executemany(
            "INSERT INTO findings (check_id, severity, source_file, sheet, \"row\", message, stage) "
            "VALUES (?, ?, ?, '', NULL, ?, ?)",
            [(s.check_id, CHECKS[s.check_id].severity.value, s.source_file, s.sentence, stage)
             for s in flagged])
