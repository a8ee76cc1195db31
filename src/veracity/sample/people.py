"""The synthetic population: households of Uyghur families, each person with a unique id number.

A household has a head (户主, usually a man), his wife, their children, at
times his parents, a married son with his wife and children. Children carry
their father's given name as patronymic; parents are at least 18 years older
than their children. Every name is a random combination of common given
names and every id number is drawn at random.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from veracity.sample.idgen import draw_sequence, make_id
from veracity.sample.name_parts import GivenName
from veracity.sample.places import COUNTIES, HOME_COUNTY, Address

LIST_DATE = dt.date(2019, 6, 1)  # the date the sample leak was "compiled"; ages are counted to it


@dataclass(frozen=True)
class Person:
    """One synthetic person; ``father``/``mother`` are pids of parents in the same household, if any."""

    pid: str
    household: str
    given: GivenName
    patronymic: GivenName
    sex: str
    birth: dt.date
    id_number: str
    relation: str
    address: Address
    father: str | None = None
    mother: str | None = None

    def age(self, on: dt.date = LIST_DATE) -> int:
        """Age in whole years on ON."""
        return on.year - self.birth.year - ((on.month, on.day) < (self.birth.month, self.birth.day))


@dataclass(frozen=True)
class Household:
    """A household: id, household number (户号), address, member pids with the head first."""

    hid: str
    number: str
    address: Address
    members: tuple[str, ...]


@dataclass
class _Builder:
    """Mutable state of one population build: the random source, names, pids and ids handed out."""

    rng: random.Random
    male: tuple[GivenName, ...]
    female: tuple[GivenName, ...]
    persons: dict[str, Person] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)

    def birth(self, year: int) -> dt.date:
        return dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))

    def name(self, sex: str, avoid: set[str]) -> GivenName:
        pool = self.male if sex == "M" else self.female
        while True:
            n = self.rng.choice(pool)
            if n.uly not in avoid:
                avoid.add(n.uly)
                return n

    def person(self, hid: str, sex: str, year: int, relation: str, family: _Family) -> Person:
        """A new person of household HID; ``family`` gives address, patronymic, parents and names in use."""
        birth = self.birth(year)
        while True:
            number = make_id(family.address.county, birth, draw_sequence(self.rng, sex))
            if number not in self.used_ids:
                self.used_ids.add(number)
                break
        patronymic = family.patronymic or self.name("M", set())
        pid = f"P{len(self.persons) + 1:06d}"
        p = Person(
            pid,
            hid,
            self.name(sex, family.names),
            patronymic,
            sex,
            birth,
            number,
            relation,
            family.address,
            family.father,
            family.mother,
        )
        self.persons[pid] = p
        return p


@dataclass
class _Family:
    """What the children of one couple share."""

    address: Address
    names: set[str]
    patronymic: GivenName | None = None
    father: str | None = None
    mother: str | None = None


def _children(b: _Builder, hid: str, fam: _Family, mother_year: int, grand: bool) -> list[Person]:
    """The children of one couple, born from the mother's 19th year on, spaced 1 to 4 years."""
    count = b.rng.choices(range(1, 7), weights=[6, 14, 24, 24, 18, 14])[0]
    year = mother_year + b.rng.randint(19, 26)
    kids: list[Person] = []
    for _ in range(count):
        if year > LIST_DATE.year - 1:
            break
        sex = b.rng.choice("MF")
        relation = ("孙子" if sex == "M" else "孙女") if grand else ("儿子" if sex == "M" else "女儿")
        kids.append(b.person(hid, sex, year, relation, fam))
        year += b.rng.randint(1, 4)
    return kids


def _elsewhere(b: _Builder, p: Person) -> Person:
    """Now and then an adult child lives in another Hotan county (address and id region both there)."""
    if p.relation not in ("儿子", "女儿") or p.age() < 20 or b.rng.random() > 0.06:
        return p
    county = b.rng.choice([c for c in COUNTIES if c != HOME_COUNTY])
    number = make_id(county, p.birth, int(p.id_number[14:17]))
    if number in b.used_ids:
        return p
    b.used_ids.add(number)
    moved = Person(
        p.pid,
        p.household,
        p.given,
        p.patronymic,
        p.sex,
        p.birth,
        number,
        p.relation,
        Address(county, p.address.township, p.address.village, p.address.group),
        p.father,
        p.mother,
    )
    b.persons[p.pid] = moved
    return moved


def _parents_of_head(b: _Builder, hid: str, address: Address, head_year: int) -> list[Person]:
    """The head's father and/or mother, when they live with him."""
    father_year = head_year - b.rng.randint(22, 35)
    mother_year = min(father_year + b.rng.randint(0, 7), head_year - 19)
    out = []
    if b.rng.random() < 0.8:
        out.append(b.person(hid, "M", father_year, "父亲", _Family(address, set())))
    if b.rng.random() < 0.9:
        out.append(b.person(hid, "F", mother_year, "母亲", _Family(address, set())))
    return out


def _married_son(b: _Builder, hid: str, fam: _Family, son: Person) -> list[Person]:
    """A married son's wife (儿媳) and children (孙子/孙女)."""
    dil_year = min(son.birth.year + b.rng.randint(0, 5), LIST_DATE.year - 19)
    dil = b.person(hid, "F", dil_year, "儿媳", _Family(fam.address, fam.names))
    grand = _Family(fam.address, fam.names, son.given, son.pid, dil.pid)
    return [dil, *_children(b, hid, grand, dil_year, grand=True)]


def build_household(b: _Builder, hid: str, address: Address) -> list[Person]:
    """One household, head first."""
    head_year = round(b.rng.triangular(1948, 1996, 1977))
    parents = (
        _parents_of_head(b, hid, address, head_year) if head_year >= 1960 and b.rng.random() < 0.7 else []
    )
    dad = next((p for p in parents if p.sex == "M"), None)
    mum = next((p for p in parents if p.sex == "F"), None)
    fam = _Family(
        address, set(), dad.given if dad else None, dad.pid if dad else None, mum.pid if mum else None
    )
    widow = b.rng.random() < 0.08
    head = b.person(hid, "F" if widow else "M", head_year, "户主", fam)
    members = [head]
    if widow:  # children of a late husband: their patronymic names nobody in the household
        members += _children(
            b, hid, _Family(address, {head.given.uly}, b.name("M", set()), None, head.pid), head_year, False
        )
    elif b.rng.random() < 0.93:
        wife = b.person(hid, "F", min(head_year + b.rng.randint(0, 8), 1999), "妻子", _Family(address, set()))
        kids_fam = _Family(address, {head.given.uly}, head.given, head.pid, wife.pid)
        members += [wife, *_children(b, hid, kids_fam, wife.birth.year, False)]
    sons = [p for p in members if p.relation == "儿子" and p.age() >= 21]
    if sons and b.rng.random() < 0.75:
        members += _married_son(b, hid, _Family(address, {m.given.uly for m in members}), sons[0])
    members = [_elsewhere(b, p) if not any(q.father == p.pid for q in members) else p for p in members]
    return members + parents


def new_builder(rng: random.Random, names: tuple[GivenName, ...]) -> _Builder:
    """A population builder drawing from NAMES with RNG."""
    return _Builder(rng, tuple(n for n in names if n.sex == "M"), tuple(n for n in names if n.sex == "F"))


def build_households(b: _Builder, count: int, township: int, start: int) -> list[Household]:
    """COUNT households of one township, numbered from START (户号 = village, group, serial)."""
    out = []
    for i in range(start, start + count):
        address = Address(HOME_COUNTY, township, b.rng.randrange(10), b.rng.randint(1, 9))
        hid = f"H{i:05d}"
        members = build_household(b, hid, address)
        number = f"{address.village + 1:02d}{address.group:02d}{i:05d}"
        out.append(Household(hid, number, address, tuple(p.pid for p in members)))
    return out


def persons_by_pid(b: _Builder) -> dict[str, Person]:
    """Every person built so far, by pid."""
    return dict(b.persons)
