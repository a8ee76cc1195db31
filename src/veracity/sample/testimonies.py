"""Testimonies of relatives abroad, like the entries of the Xinjiang Victims Database.

Each row is one witness speaking of one victim in Latin script (ULY, English
or Turkish habits, now and then a typo), often with the Uyghur Arabic form.
Birth years are at times approximate or replaced by an age. Victims are some
of the leak's detainees and some people the leak does not list; a few
victims have two testimonies from two relatives (one family, one source).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from veracity.sample.detention import Detention
from veracity.sample.name_parts import GivenName, full_arabic, latin_spelling, typo
from veracity.sample.people import Person
from veracity.sample.places import COUNTIES
from veracity.sample.taxonomy import Taxonomy

COLUMNS = (
    "testimony_id",
    "testimony_date",
    "witness_name",
    "relation_to_witness",
    "victim_name_latin",
    "victim_name_arabic",
    "birth_year",
    "age",
    "hometown",
    "relatives_named",
    "testimony",
)


@dataclass(frozen=True)
class Testimony:
    """One testimony row and what the generator knows about it."""

    pid: str
    family: str
    witness: str
    cells: tuple[str, ...]


def latin_name(given: GivenName, father: GivenName, rng: random.Random) -> str:
    """A Latin full name as a witness would write it, with a typo now and then."""
    parts = [latin_spelling(given, rng), latin_spelling(father, rng)]
    if rng.random() < 0.06:
        i = rng.randrange(2)
        parts[i] = typo(parts[i], rng)
    return " ".join(parts)


def kin(v: Person, m: Person) -> str | None:
    """M's relation to V (father, wife, son, sister ...) when the household shows one."""
    male = m.sex == "M"
    if m.pid == v.father or m.pid == v.mother:
        return "father" if male else "mother"
    if v.pid in (m.father, m.mother):
        return "son" if male else "daughter"
    if {v.relation, m.relation} == {"户主", "妻子"}:
        return "husband" if male else "wife"
    if m.pid != v.pid and ((v.father and v.father == m.father) or (v.mother and v.mother == m.mother)):
        return "brother" if male else "sister"
    return None


def _witness(
    v: Person, rng: random.Random, male: list[GivenName], female: list[GivenName]
) -> tuple[str, str]:
    """A relative abroad: (their Latin name, the victim's relation to them)."""
    sex = rng.choice("MF")
    given = rng.choice(male if sex == "M" else female)
    if rng.random() < 0.6:  # a sibling abroad shares the victim's patronymic
        relation = "brother" if v.sex == "M" else "sister"
        father = v.patronymic
    else:  # a child abroad carries the father's given name
        relation = "father" if v.sex == "M" else "mother"
        father = v.given if v.sex == "M" else rng.choice(male)
    return latin_name(given, father, rng), relation


def _birth(v: Person, on: dt.date, rng: random.Random) -> tuple[str, str]:
    """(birth_year, age): exact, approximate, or an age instead."""
    roll = rng.random()
    if roll < 0.6:
        return str(v.birth.year), ""
    if roll < 0.8:
        return rng.choice(("c. ", "~", "about ")) + str(v.birth.year + rng.choice((-1, 0, 0, 1))), ""
    return "", str(v.age(on))


def _hometown(v: Person, rng: random.Random) -> str:
    parts = [rng.choice(COUNTIES[v.address.county].latin)]
    if rng.random() < 0.7:
        parts.append(f"{v.address.township_latin()} township")
    if rng.random() < 0.5:
        parts.append(f"{v.address.village_latin()} village")
    return ", ".join(parts)


def _text(v: Person, relation: str, d: Detention | None, tax: Taxonomy, year: int, rng: random.Random) -> str:
    pronoun = "He" if v.sex == "M" else "She"
    why = (
        f"The authorities said it was for {tax.reasons[rng.choice(d.reasons)].en}."
        if d and rng.random() < 0.6
        else "We were never told why."
    )
    opener = rng.choice(
        (
            "My {r} was taken to a camp in {y}.",
            "In {y} my {r} disappeared into a re-education camp.",
            "My {r} has been held in a so-called training centre since {y}.",
        )
    )
    return " ".join(
        [
            opener.format(r=relation, y=year),
            why,
            f"{pronoun} has not been heard from since. I live abroad and fear for my family.",
        ]
    )


def testimony(
    v: Person,
    household: list[Person],
    d: Detention | None,
    tax: Taxonomy,
    rng: random.Random,
    pools: tuple[list[GivenName], list[GivenName]],
) -> Testimony:
    """One testimony about V by a relative abroad (cells without the id, set when rows are ordered)."""
    on = dt.date(2018, 9, 1) + dt.timedelta(days=rng.randrange(660))
    witness, relation = _witness(v, rng, *pools)
    birth_year, age = _birth(v, on, rng)
    named = [(k, m) for m in household if (k := kin(v, m))][:4]
    relatives = "; ".join(f"{k}: {latin_name(m.given, m.patronymic, rng)}" for k, m in named)
    year = d.detained_on.year if d else rng.choice((2017, 2018))
    cells = (
        "",
        on.isoformat(),
        witness,
        relation,
        latin_name(v.given, v.patronymic, rng),
        full_arabic(v.given, v.patronymic) if rng.random() < 0.85 else "",
        birth_year,
        age,
        _hometown(v, rng),
        relatives,
        _text(v, relation, d, tax, year, rng),
    )
    return Testimony(v.pid, v.household, witness, cells)


def collect(
    rng: random.Random,
    persons: dict[str, Person],
    members: dict[str, list[Person]],
    detentions: dict[str, Detention],
    victims: list[str],
    tax: Taxonomy,
    names: tuple[GivenName, ...],
) -> list[Testimony]:
    """Testimonies about VICTIMS, a tenth of them twice (by two relatives), in a shuffled order."""
    pools = ([n for n in names if n.sex == "M"], [n for n in names if n.sex == "F"])
    about = victims + rng.sample(victims, round(0.1 * len(victims)))
    out = [
        testimony(persons[pid], members[persons[pid].household], detentions.get(pid), tax, rng, pools)
        for pid in about
    ]
    rng.shuffle(out)
    return [Testimony(t.pid, t.family, t.witness, (f"T{i:05d}", *t.cells[1:])) for i, t in enumerate(out, 1)]
