"""Ages without a document date: judged at the year the source's own ages imply, or flagged as agreeing on none."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable

from veracity.case import Case
from veracity.checks import run_checks
from veracity.checks.age_reference import MIN_ROWS, Basis, SourceAges, decide

from .check_fixtures import TODAY, idn, insert_rows

LIST_DAY = dt.date(2018, 6, 1)  # the day the generated ages are computed for
WRONG = {5: 6, 17: -5, 26: 12}  # row -> years added to its true age


def _births(count: int) -> list[dt.date]:
    return [dt.date(1950 + k, 1 + k % 12, 1 + (7 * k) % 28) for k in range(count)]


def _age(born: dt.date, on: dt.date = LIST_DAY) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _fifteen(born: dt.date) -> str:
    return f"653222{born:%y%m%d}041"


def _register(number: Callable[[dt.date], str] = lambda b: idn(born=f"{b:%Y%m%d}")) -> list[dict[str, object]]:
    """30 rows whose ages are right on LIST_DAY but on the rows of WRONG."""
    return [{"id_number": number(b), "age": _age(b) + WRONG.get(k, 0)} for k, b in enumerate(_births(30), 1)]


def _age_findings(case: Case) -> list[tuple[int, str]]:
    rows = case.con.execute("SELECT \"row\", message FROM findings WHERE check_id = 'id.age_mismatch' "
                            "ORDER BY \"row\"").fetchall()
    return [(int(r), str(m)) for r, m in rows]


def _statistic(case: Case) -> tuple[object, ...] | None:
    return case.con.execute("SELECT flagged, n, figure, sentence FROM statistics "
                            "WHERE check_id = 'stat.age_reference'").fetchone()


def test_ages_of_one_year_flag_exactly_the_wrong_rows(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, _register(), document_date=None)
    run_checks(case, today=TODAY)
    found = _age_findings(case)
    assert [r for r, _ in found] == sorted(WRONG)
    assert all(m.endswith("on the date the ages imply (2018, inferred from 27 of 30 rows).") for _, m in found)


def test_the_inferred_year_is_a_statistic_that_is_not_flagged(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, _register(), document_date=None)
    run_checks(case, today=TODAY)
    flagged, n, figure, sentence = _statistic(case) or ()
    assert (flagged, n, figure) == (False, 30, 0.9) and "drawn up in 2018" in str(sentence)
    assert case.scalar("SELECT count(*) FROM findings WHERE check_id = 'stat.age_reference'") == 0


def test_random_ages_flag_no_row_and_the_source(new_case: Callable[[], Case]) -> None:
    rng = random.Random(7)
    case = new_case()
    insert_rows(case, [{"id_number": idn(born=f"{b:%Y%m%d}"), "age": rng.randint(18, 80)} for b in _births(40)],
                document_date=None)
    run_checks(case, today=TODAY)
    assert _age_findings(case) == []
    assert case.con.execute("SELECT sheet, \"row\", message LIKE 'No one year fits the ages of most rows%' "
                            "FROM findings WHERE check_id = 'stat.age_reference'").fetchall() == [("", None, True)]


def test_a_document_date_is_used_as_before(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, _register(), document_date="2018-06-01")
    run_checks(case, today=TODAY)
    found = _age_findings(case)
    assert [r for r, _ in found] == sorted(WRONG)
    assert found[0][1] == ("The recorded age is 70; born 1954-05-01 by the number, the person was 64 on the "
                           "document date (2018-06-01).")
    assert _statistic(case) is None


def test_fifteen_digit_numbers_imply_the_year_too(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, _register(_fifteen), document_date=None)
    run_checks(case, today=TODAY)
    found = _age_findings(case)
    assert [r for r, _ in found] == sorted(WRONG) and "(2018, inferred from 27 of 30 rows)" in found[0][1]


def test_month_only_birth_dates_count_towards_the_year(new_case: Callable[[], Case]) -> None:
    """Six rows with numbers are too few alone; twenty rows born '1970-03' and so on make the majority."""
    numbered = [{"id_number": idn(born=f"{b:%Y%m%d}"), "age": _age(b)} for b in _births(6)]
    numbered[2]["age"] = int(str(numbered[2]["age"])) + 9
    dated = [{"birth_date": f"{b:%Y-%m}", "age": _age(b.replace(day=1))} for b in _births(20)]
    case = new_case()
    insert_rows(case, numbered + dated, document_date=None)
    run_checks(case, today=TODAY)
    assert _age_findings(case) == [(3, "The recorded age is 75; born 1952-03-15 by the number, the person was "
                                       "65-66 on the date the ages imply (2018, inferred from 25 of 26 rows).")]


def test_ages_of_a_year_before_the_latest_detention_are_flagged(new_case: Callable[[], Case]) -> None:
    rows: list[dict[str, object]] = [{"id_number": idn(born=f"{b:%Y%m%d}"), "age": _age(b, dt.date(2014, 6, 1))}
                                     for b in _births(20)]
    rows[0]["detained_on"] = "2017-03-01"
    case = new_case()
    insert_rows(case, rows, document_date=None)
    run_checks(case, today=TODAY)
    flagged, _n, _figure, sentence = _statistic(case) or ()
    assert flagged is True
    assert "fit a list drawn up in 2014, before the latest detention date the list records (2017)" in str(sentence)


def test_too_few_rows_imply_no_year(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, [{"id_number": idn(), "age": 20}, {"id_number": idn(), "age": 21}], document_date=None)
    run_checks(case, today=TODAY)
    flagged, n, _figure, sentence = _statistic(case) or ()
    assert (flagged, n, _age_findings(case)) == (False, 2, []) and "too few" in str(sentence)


def test_random_ages_of_ten_rows_imply_no_year() -> None:
    """What docs/checks.md says of the rule: random ages (18-80) never fit one year on 60% of 10 rows."""
    rng = random.Random(11)
    inferred = 0
    for trial in range(2000):
        fits: Counter[int] = Counter()
        for _ in range(MIN_ROWS):
            year = rng.randint(1940, 2000) + rng.randint(18, 80)
            fits.update((year, year + 1))
        ages = SourceAges(trial, "random.csv", None, None, MIN_ROWS, tuple(sorted(fits.items())))
        inferred += decide(ages, this_year=2200).basis is Basis.INFERRED
    assert inferred == 0
