"""Cases of a few rows (a reporter's first leak and two testimonies) link without training a model of
their own: the prior is held within bounds, m and u start from data/link_start.tsv, and a training step
the case cannot feed is skipped rather than failing the run. Synthetic people only."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.case import create_case, open_case
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.link.model import prior_bounds, start_values
from veracity.link.run import run_link
from veracity.link.spec import FEATURE_COLUMNS, comparisons

LEAK = "姓名,身份证号,性别,出生日期,住址\n"
TESTIMONY = "name,ID number,birth year,hometown\n"


def _links(folder: Path, leak: str, reference: str, sheets: dict[str, str] | None = None) -> list[tuple[object, ...]]:
    (folder / "leak.csv").write_text(LEAK + leak, encoding="utf-8")
    (folder / "ref.csv").write_text(TESTIMONY + reference, encoding="utf-8")
    with create_case(folder / "case") as case:
        add_files(case, [folder / "leak.csv"], AddRequest(role="leak"))
        add_files(case, [folder / "ref.csv"], AddRequest(role="reference"))
    with open_case(folder / "case") as case:
        run_link(case)
        return case.con.execute(
            "SELECT ra.row, rb.row, l.level FROM links l JOIN records ra ON ra.record_id = l.record_id_a "
            "JOIN records rb ON rb.record_id = l.record_id_b ORDER BY 1, 2").fetchall()


def test_one_row_each_with_the_same_number_is_confirmed(tmp_path: Path) -> None:
    links = _links(tmp_path, "伊力哈木·亚森,653222198203020036,男,1982-03-02,墨玉县喀尔赛乡\n",
                   "Ilham Yasin,653222198203020036,1982,Qaraqash\n")
    assert links == [(1, 1, "confirmed")]


def test_testimonies_by_name_birth_year_and_place_reach_their_rows(tmp_path: Path) -> None:
    links = _links(tmp_path, "伊力哈木·亚森,,男,1982-03-02,墨玉县喀尔赛乡\n热依拉·吐尔逊,,女,1954-08-27,墨玉县扎瓦镇\n",
                   "Reyila Tursun,,1954,Qaraqash\nIlham Yasin,,1982,Qaraqash\n")
    assert [(a, b) for a, b, _ in links] == [(1, 2), (2, 1)]
    assert {lv for *_, lv in links} <= {"confirmed", "probable"}


def test_no_name_in_common_gives_no_link_and_no_failure(tmp_path: Path) -> None:
    links = _links(tmp_path, "伊力哈木·亚森,,男,1982-03-02,墨玉县喀尔赛乡\n热依拉·吐尔逊,,女,1954-08-27,墨玉县扎瓦镇\n",
                   "John Smith,,1970,Urumqi\nMary Jones,,1965,Kashgar\n")
    assert links == []


def test_every_level_of_every_comparison_has_start_values_that_weigh_something() -> None:
    start = start_values()
    for spec in comparisons(frozenset(FEATURE_COLUMNS)):
        for level in spec.levels:
            if not level.null:
                m, u = start[spec.name, level.label]
                assert 0 < m <= 1 and 0 < u <= 1 and m != u, (spec.name, level.label)


def _bayes_factor(comparison: str, level: str) -> float:
    m, u = start_values()[comparison, level]
    return m / u


def test_a_nearer_place_never_weighs_less_than_a_farther_one() -> None:
    farther_to_nearer = [["different county", "same county, different townships", "same township, different villages",
                          "same village"],
                         ["same county, no township on one side", "same township, no village on one side",
                          "same village"]]
    for chain in farther_to_nearer:
        factors = [_bayes_factor("place", level) for level in chain]
        assert factors == sorted(factors), list(zip(chain, factors, strict=True))
    place = [v for (c, _), v in start_values().items() if c == "place"]
    assert sum(m for m, _ in place) <= 1.0001 and sum(u for _, u in place) <= 1.0001


def test_two_valid_numbers_two_digits_apart_count_against_a_match_and_a_copying_error_for_it() -> None:
    assert _bayes_factor("id_number", "two wrong digits") < 1  # two people of one birth date: twins, neighbours
    assert min(_bayes_factor("id_number", "one wrong digit"), _bayes_factor("id_number", "two digits transposed")) > 100


@pytest.mark.parametrize(("pairs", "low", "high"), [(1, 0.5, 0.5), (4, 0.25, 0.5), (1_000_000, 1e-6, 0.5)])
def test_prior_bounds(pairs: int, low: float, high: float) -> None:
    assert prior_bounds(pairs) == (low, high)
