"""The date a title states: ages and dates are judged at it (after --date), and ages of another year are flagged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from veracity.case import Case
from veracity.checks import run_checks
from veracity.ingest.title_date import StatedDate

from .check_fixtures import TODAY, idn, insert_rows

JUNE_2019 = StatedDate("2019-06", "2019年6月", "名单", 1, "墨玉县教培学员名单（2019年6月）")
STATED = "the date stated in title row 1 of sheet '名单' (2019年6月), taken to the end of that month"
WRONG = {5: 6, 17: -5}  # row -> years added to its true age


def _births(count: int) -> list[dt.date]:
    return [dt.date(1950 + k, 1 + k % 12, 1 + (7 * k) % 28) for k in range(count)]


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _register(on: dt.date, rows: int = 30) -> list[dict[str, object]]:
    """ROWS people whose ages are right on ON but on the rows of WRONG."""
    return [{"id_number": idn(born=f"{b:%Y%m%d}"), "age": _age(b, on) + WRONG.get(k, 0)}
            for k, b in enumerate(_births(rows), 1)]


def _stated_case(case: Case, rows: list[dict[str, object]], stated: StatedDate = JUNE_2019,
                 document_date: str | None = None) -> Case:
    insert_rows(case, rows, sheet="名单", document_date=document_date)
    case.con.execute("UPDATE sources SET stated_date = ?, stated_date_at = ?", [stated.iso, stated.to_json()])
    run_checks(case, today=TODAY)
    return case


def _messages(case: Case, check_id: str) -> list[tuple[int | None, str]]:
    rows = case.con.execute("SELECT \"row\", message FROM findings WHERE check_id = ? ORDER BY \"row\"",
                            [check_id]).fetchall()
    return [(r, str(m)) for r, m in rows]


def test_ages_are_judged_at_the_end_of_the_stated_month_and_say_so(new_case: Callable[[], Case]) -> None:
    case = _stated_case(new_case(), _register(dt.date(2019, 6, 1)))
    found = _messages(case, "id.age_mismatch")
    assert [r for r, _ in found] == sorted(WRONG)
    assert all(m.endswith(f"on {STATED} (2019-06-30).") for _, m in found)


def test_dates_after_the_stated_month_are_out_of_range_and_name_the_title_row(new_case: Callable[[], Case]) -> None:
    rows = _register(dt.date(2019, 6, 1), rows=3)
    rows[0]["detained_on"], rows[1]["detained_on"] = "2019-06-30", "2019-07-02"
    case = _stated_case(new_case(), rows)
    assert _messages(case, "date.out_of_range") == [
        (2, f"The detention date 2019-07-02 is after {STATED} (2019-06-30).")]


def test_a_document_date_comes_before_the_stated_date(new_case: Callable[[], Case]) -> None:
    case = _stated_case(new_case(), _register(dt.date(2019, 6, 1)), document_date="2019-06-01")
    found = _messages(case, "id.age_mismatch")
    assert [r for r, _ in found] == sorted(WRONG) and all("on the document date (2019-06-01)" in m for _, m in found)


def test_ages_computed_a_year_after_the_stated_date_are_flagged_with_both_shares(
        new_case: Callable[[], Case]) -> None:
    """A list dated June 2019 whose ages were computed in July 2020: all rows but the wrong ones fit 2020, those
    born after 1 July fit 2019 too."""
    case = _stated_case(new_case(), _register(dt.date(2020, 7, 1)))
    [(row, message)] = _messages(case, "stat.stated_date_ages")
    assert row is None
    assert message.startswith("The title states 2019年6月 (title row 1 of sheet '名单'), but the ages were computed "
                              "for 2020: 28 of 30 rows (93.3%) fit a list drawn up in 2020, and 12 (40.0%) fit 2019.")


def test_ages_of_the_stated_year_give_an_unflagged_statistic(new_case: Callable[[], Case]) -> None:
    case = _stated_case(new_case(), _register(dt.date(2019, 6, 1)))
    assert _messages(case, "stat.stated_date_ages") == []
    flagged, figure, sentence = case.con.execute(
        "SELECT flagged, figure, sentence FROM statistics WHERE check_id = 'stat.stated_date_ages'").fetchone() or ()
    assert (flagged, figure) == (False, 28 / 30)
    assert sentence == ("The title states 2019年6月 (title row 1 of sheet '名单'), and the ages agree: 28 of 30 rows "
                        "(93.3%) have an age that fits a list drawn up in 2019.")


def test_the_ages_year_is_still_reported_beside_the_stated_date(new_case: Callable[[], Case]) -> None:
    case = _stated_case(new_case(), _register(dt.date(2019, 6, 1)))
    flagged, sentence = case.con.execute(
        "SELECT flagged, sentence FROM statistics WHERE check_id = 'stat.age_reference'").fetchone() or ()
    assert flagged is False and sentence.endswith(f"ages are judged at {STATED} (`stat.stated_date_ages` compares "
                                                  "the two).")


def test_no_statistic_without_a_stated_date(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, _register(dt.date(2020, 1, 1)), document_date=None)
    run_checks(case, today=TODAY)
    assert case.scalar("SELECT count(*) FROM statistics WHERE check_id = 'stat.stated_date_ages'") == 0
