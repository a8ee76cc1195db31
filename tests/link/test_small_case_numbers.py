"""A small case (40 leak rows in Chinese, 8 testimonies in Latin script, too few pairs to train a model) in which
relatives give the victim's identity number with a copying error: one wrong digit, or two adjacent digits swapped.
Such a testimony reaches its leak row at a level a reporter can rely on; a stranger whose number happens to be one
digit off, and a namesake with another number, do not. Synthetic people (seeded, from the sample's name table)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from veracity.case import create_case, open_case
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.link.run import run_link
from veracity.sample.idgen import draw_sequence, make_id
from veracity.sample.name_parts import full_zh, load_given_names, population_names
from veracity.sample.places import TOWNSHIPS

COUNTY = "653222"  # Moyu / Karakax
LEAK_ROWS = 40


@dataclass(frozen=True)
class Person:
    zh: str
    latin: str
    sex: str
    birth: dt.date
    id_number: str
    township: str


def _people() -> list[Person]:
    rng = random.Random(7)
    names = population_names(load_given_names())
    male = [n for n in names if n.sex == "M"]
    female = [n for n in names if n.sex == "F"]
    out: dict[str, Person] = {}
    while len(out) < LEAK_ROWS:
        sex = rng.choice("MF")
        given, father = rng.choice(male if sex == "M" else female), rng.choice(male)
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18_000))
        number = make_id(COUNTY, birth, draw_sequence(rng, sex))
        out.setdefault(full_zh(given, father), Person(full_zh(given, father), f"{given.uly} {father.uly}", sex, birth,
                                                      number, rng.choice(TOWNSHIPS)[0]))
    return list(out.values())


PEOPLE = _people()


def one_wrong_digit(number: str, k: int = 15) -> str:
    """NUMBER with its K-th character (0-based; by default a digit of the sequence) mistyped."""
    return number[:k] + str((int(number[k]) + 3) % 10) + number[k + 1:]


def swapped(number: str) -> str:
    """NUMBER with the first two adjacent, different characters of its sequence and check swapped."""
    k = next(k for k in range(14, 17) if number[k] != number[k + 1])
    return number[:k] + number[k + 1] + number[k] + number[k + 2:]


def _linked(folder: Path, header: str, testimony: tuple[str, ...], engine: str = "duckdb") -> list[tuple[Any, ...]]:
    """(leak row, level, rule, match probability, evidence) of the links the one testimony (the cells HEADER
    names) gets, among seven testimonies of other leak people (exact numbers, which make the case look like a real
    one; their cells past name and number left empty)."""
    leak = "姓名,身份证号,性别,出生日期,住址\n" + "".join(
        f"{p.zh},{p.id_number},{'男' if p.sex == 'M' else '女'},{p.birth},墨玉县{p.township}\n" for p in PEOPLE)
    others = [(p.latin, p.id_number, *[""] * (len(testimony) - 2)) for p in PEOPLE[20:27]]
    rows = [testimony, *others]
    (folder / "leak.csv").write_text(leak, encoding="utf-8")
    (folder / "testimonies.csv").write_text(header + "\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    with create_case(folder / "case") as case:
        add_files(case, [folder / "leak.csv"], AddRequest(role="leak"))
        add_files(case, [folder / "testimonies.csv"], AddRequest(role="reference"))
    with open_case(folder / "case") as case:
        run_link(case, engine)
        return case.con.execute(
            "SELECT ra.row, l.level, l.rule, l.match_probability, l.evidence FROM links l "
            "JOIN records ra ON ra.record_id = l.record_id_a JOIN records rb ON rb.record_id = l.record_id_b "
            "WHERE rb.row = 1 AND l.status <> 'rejected' ORDER BY 1").fetchall()


def _links(folder: Path, testimony: tuple[str, str, str, str], engine: str = "duckdb") -> dict[int, str]:
    """Leak row -> level of the links the one testimony (name, number, birth date, hometown) gets."""
    return {row: level for row, level, *_ in _linked(folder, "name,ID number,birth date,hometown", testimony, engine)}


@pytest.mark.parametrize(("row", "mistype"), [(1, one_wrong_digit), (2, swapped)], ids=["one wrong digit",
                                                                                     "two digits transposed"])
def test_a_mistyped_number_and_the_name_across_scripts_confirm_the_row(tmp_path: Path, row: int,
                                                                        mistype: Callable[[str], str]) -> None:
    person = PEOPLE[row - 1]
    links = _links(tmp_path, (person.latin, mistype(person.id_number), "", "Qaraqash"))
    assert links == {row: "confirmed"}


def test_a_number_mistyped_in_its_birth_digits_reaches_its_row_without_a_birth_date(tmp_path: Path) -> None:
    person = PEOPLE[5]  # no blocking rule of a large case meets this pair: a small case compares every pair
    links = _links(tmp_path, (person.latin, one_wrong_digit(person.id_number, 10), "", "Qaraqash"))
    assert links == {6: "confirmed"}


@pytest.mark.spark
def test_a_small_case_links_the_same_on_spark(tmp_path: Path) -> None:
    person = PEOPLE[5]
    testimony = (person.latin, one_wrong_digit(person.id_number, 10), "", "Qaraqash")
    (tmp_path / "duckdb").mkdir()
    (tmp_path / "spark").mkdir()
    assert _links(tmp_path / "spark", testimony, "spark") == _links(tmp_path / "duckdb", testimony) == {6: "confirmed"}


def test_a_mistyped_number_with_the_same_birth_date_is_confirmed(tmp_path: Path) -> None:
    person = PEOPLE[2]
    links = _links(tmp_path, (person.latin, one_wrong_digit(person.id_number, 16), str(person.birth), "Qaraqash"))
    assert links == {3: "confirmed"}


def test_a_stranger_whose_number_is_one_digit_off_is_not_linked(tmp_path: Path) -> None:
    links = _links(tmp_path, ("Tursun Memet", one_wrong_digit(PEOPLE[3].id_number), "1971-03-03", "Qaraqash"))
    assert links == {}


def test_a_namesake_with_another_number_is_not_linked(tmp_path: Path) -> None:
    person = PEOPLE[4]
    other = make_id(COUNTY, person.birth.replace(year=person.birth.year + 3), 201)
    links = _links(tmp_path, (person.latin, other, "", "Qaraqash"))
    assert links == {}


WITH_SEX = "name,ID number,sex,birth date,hometown"


def _other_sex(person: Person) -> Person:
    """A leak person (none of those who give testimony) of the other sex, born more than a year apart."""
    return next(p for p in PEOPLE[30:] if p.sex != person.sex and abs(p.birth.year - person.birth.year) > 1)


def test_the_same_number_with_the_name_sex_and_birth_agreeing_is_confirmed_and_the_probability_says_so(
        tmp_path: Path) -> None:
    person = PEOPLE[8]
    [(row, level, rule, probability, _)] = _linked(tmp_path, WITH_SEX, (
        person.latin, person.id_number, person.sex, str(person.birth), "Qaraqash"))
    assert (row, level, rule) == (9, "confirmed", "id_exact") and probability >= 0.99


def test_the_same_number_under_another_persons_name_and_sex_is_a_conflict_for_a_reviewer(tmp_path: Path) -> None:
    person = PEOPLE[8]
    other = _other_sex(person)
    links = _linked(tmp_path, WITH_SEX, (other.latin, person.id_number, other.sex, str(other.birth), "Qaraqash"))
    row, level, rule, _, evidence = next(link for link in links if link[0] == 9)
    why = json.loads(evidence)["why"]
    assert level == "possible" and rule.startswith("id_conflict")  # and a rival of the link to OTHER's own row
    assert "different sex" in why and "names score" in why


@pytest.mark.parametrize("differs", ["sex", "name"])
def test_the_same_number_with_one_thing_against_it_is_at_most_probable(tmp_path: Path, differs: str) -> None:
    person = PEOPLE[8]
    other = _other_sex(person)
    name = other.latin if differs == "name" else person.latin
    sex = other.sex if differs == "sex" else person.sex
    [(row, level, rule, _, evidence)] = _linked(tmp_path, WITH_SEX, (
        name, person.id_number, sex, str(person.birth), "Qaraqash"))
    assert (row, level, rule) == (9, "probable", "id_conflict")
    assert ("different sex" if differs == "sex" else "no part in common") in json.loads(evidence)["why"]


def test_the_same_number_beside_a_name_compare_cannot_read_is_confirmed(tmp_path: Path) -> None:
    person = PEOPLE[8]
    [(row, level, rule, _, evidence)] = _linked(tmp_path, WITH_SEX, ("김 철수", person.id_number, "", "", ""))
    assert (row, level, rule) == (9, "confirmed", "id_exact")
    assert "cannot be read" in json.loads(evidence)["name"]

