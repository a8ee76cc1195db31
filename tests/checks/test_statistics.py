"""Each dataset statistic passes a genuine-like register and flags a forger-like one, with figure and p-value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from veracity.case import Case
from veracity.checks import run_checks
from veracity.checks.stattests import binom_sf, chi2_sf
from veracity.checks.synthetic import RegisterSpec, insert_register

TODAY = dt.date(2024, 1, 1)
STATS = ("stat.checksum_share", "stat.sex_digit_agreement", "stat.birthdate_first_of_month",
         "stat.birthyear_round", "stat.day_of_month_uniformity", "stat.household_structure")


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], tuple[object, ...]]:
    from veracity.case import create_case

    case = create_case(tmp_path_factory.mktemp("stats") / "case")
    insert_register(case, RegisterSpec(rows=1500, seed=21, source_file="genuine.csv"))
    insert_register(case, RegisterSpec(rows=1500, seed=22, forged=True, source_file="forged.csv"))
    run_checks(case, today=TODAY)

    def row(check_id: str, source: str) -> tuple[object, ...]:
        got = case.con.execute("SELECT flagged, figure, p_value, sentence FROM statistics WHERE check_id = ? "
                               "AND source_file = ?", [check_id, source]).fetchone()
        assert got is not None
        return tuple(got)

    return row


@pytest.mark.parametrize("check_id", STATS)
def test_genuine_register_passes(both: Callable[[str, str], tuple[object, ...]], check_id: str) -> None:
    flagged, figure, _p, sentence = both(check_id, "genuine.csv")
    assert flagged is False and figure is not None and sentence


@pytest.mark.parametrize("check_id", STATS)
def test_forged_register_is_flagged(both: Callable[[str, str], tuple[object, ...]], check_id: str) -> None:
    assert both(check_id, "forged.csv")[0] is True


def test_checksum_share_reports_the_chance_a_forger_would_do_as_well(
        both: Callable[[str, str], tuple[object, ...]]) -> None:
    _flagged, figure, p, sentence = both("stat.checksum_share", "forged.csv")
    assert 0.05 < float(figure) < 0.15 and float(p) > 0.001  # type: ignore[arg-type]
    assert "1 time in 11" in str(sentence)


def test_flagged_statistic_is_a_dataset_level_finding(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_register(case, RegisterSpec(rows=400, seed=3, forged=True, source_file="forged.csv"))
    run_checks(case, today=TODAY)
    assert case.con.execute("SELECT source_file, sheet, \"row\" FROM findings WHERE check_id = "
                            "'stat.checksum_share'").fetchall() == [("forged.csv", "", None)]


def test_exact_duplicates_are_counted(new_case: Callable[[], Case]) -> None:
    from veracity.checks.synthetic import generate

    case = new_case()
    people = generate(RegisterSpec(rows=50, seed=4))
    insert_register(case, RegisterSpec(rows=53, seed=4), people + people[:3])
    summary = run_checks(case, today=TODAY)
    exact = next(s for s in summary.statistics if s.check_id == "stat.exact_duplicates")
    assert (exact.figure, exact.flagged) == (3.0, True)


@pytest.mark.parametrize(("k", "n", "p", "expected"), [
    (3, 10, 0.5, 0.9453125),  # 1 - 56/1024
    (10, 10, 0.5, 1 / 1024),
    (0, 10, 0.3, 1.0),
])
def test_binomial_tail_is_exact(k: int, n: int, p: float, expected: float) -> None:
    assert binom_sf(k, n, p) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(("x", "df", "expected"), [(2.0, 2, 0.36787944117144233), (1.0, 1, 0.31731050786291415)])
def test_chi_square_tail(x: float, df: int, expected: float) -> None:
    assert chi2_sf(x, df) == pytest.approx(expected, rel=1e-9)
