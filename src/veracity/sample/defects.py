"""The deliberate defects planted in the sample leak, each with the check id meant to find it.

A defect changes cells of one leak row (never the person behind it, so the
other sources keep the true values). ``id.duplicate`` touches two rows: the
second person's row is given the first person's id number and birth date.
Other cells stay consistent, so each defect triggers its own check only.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from veracity.sample.detention import Detention
from veracity.sample.idgen import flip_sex_digit, make_id, with_body, wrong_check
from veracity.sample.name_parts import GivenName, full_zh
from veracity.sample.people import Person
from veracity.sample.places import HOME_COUNTY, UNKNOWN_REGION

OTHER_COUNTY = "653226"  # Yutian / Keriya: the region code of the id.region_mismatch defect


@dataclass(frozen=True)
class Defect:
    """One planted defect: the check that should find it, the person's row, the cells as written."""

    check_id: str
    pid: str
    cells: tuple[tuple[str, str], ...]  # (column header, value written)
    note: str


def full_date(d: dt.date) -> str:
    """The leak's usual full date form.

    >>> full_date(dt.date(2017, 5, 3))
    '2017.05.03'
    """
    return f"{d:%Y.%m.%d}"


def unparseable(d: dt.date) -> str:
    """A date typed with a letter O for a zero, as clerks do (months 1 to 10 only).

    >>> unparseable(dt.date(2017, 10, 12))
    '2017.1O.12'
    """
    text = full_date(d)
    return text[:5] + text[5:7].replace("0", "O", 1) + text[7:]


def _id_defects(pick: list[Person]) -> list[Defect]:
    """The single-row identity-number defects, one person each."""
    p = pick
    invalid = with_body(f"{p[1].id_number[:6]}{p[1].birth.year}0230{p[1].id_number[14:17]}")
    shifted = p[2].birth.replace(year=p[2].birth.year + 1, day=min(p[2].birth.day, 28))
    mismatch = make_id(p[2].id_number[:6], shifted, int(p[2].id_number[14:17]))
    return [
        Defect(
            "id.checksum",
            p[0].pid,
            (("身份证号", wrong_check(p[0].id_number)),),
            "check character off by one",
        ),
        Defect(
            "id.birthdate_invalid",
            p[1].pid,
            (("身份证号", invalid), ("出生日期", full_date(p[1].birth))),
            "id gives 30 February",
        ),
        Defect(
            "id.birthdate_mismatch",
            p[2].pid,
            (("身份证号", mismatch), ("出生日期", full_date(p[2].birth))),
            "id gives a birth date one year later than the 出生日期 column",
        ),
        Defect(
            "id.sex_mismatch",
            p[3].pid,
            (("身份证号", flip_sex_digit(p[3].id_number)),),
            "sex digit of the other sex",
        ),
        Defect(
            "id.region_unknown",
            p[4].pid,
            (("身份证号", with_body(UNKNOWN_REGION + p[4].id_number[6:17])),),
            f"region code {UNKNOWN_REGION} does not exist",
        ),
        Defect(
            "id.region_mismatch",
            p[5].pid,
            (("身份证号", with_body(OTHER_COUNTY + p[5].id_number[6:17])),),
            f"region {OTHER_COUNTY} (于田县) while the address is in 墨玉县",
        ),
    ]


def _duplicate(a: Person, b: Person) -> list[Defect]:
    """B's row is given A's id number and birth date: one finding on each row."""
    cells = (("身份证号", a.id_number), ("出生日期", full_date(a.birth)))
    return [
        Defect("id.duplicate", a.pid, (("身份证号", a.id_number),), f"same number as {b.pid}'s row"),
        Defect("id.duplicate", b.pid, cells, f"{a.pid}'s number and birth date copied onto this row"),
    ]


def _family(child: Person, young: Person, father: Person, other: GivenName) -> list[Defect]:
    """A wrong patronymic on CHILD's row; YOUNG's row made 12 years younger than YOUNG's father."""
    born = father.birth.replace(year=father.birth.year + 12, day=min(father.birth.day, 28))
    number = make_id(young.id_number[:6], born, int(young.id_number[14:17]))
    return [
        Defect(
            "family.patronymic",
            child.pid,
            (("姓名", full_zh(child.given, other)),),
            f"patronymic {other.zh} is not the father's given name {child.patronymic.zh}",
        ),
        Defect(
            "family.parent_age",
            young.pid,
            (("出生日期", full_date(born)), ("身份证号", number)),
            "born 12 years after the father",
        ),
    ]


def plant(
    rng: random.Random,
    leak: list[Person],
    persons: dict[str, Person],
    detentions: dict[str, Detention],
    names: tuple[GivenName, ...],
) -> list[Defect]:
    """Choose distinct leak persons and plant every defect once."""
    home = [p for p in leak if p.address.county == HOME_COUNTY]
    fathers_of = {p.father for p in leak}
    children = [
        p
        for p in home
        if p.relation in ("儿子", "女儿")
        and p.father
        and p.pid not in detentions
        and p.pid not in fathers_of
        and persons[p.father].birth.year + 12 < 2018
    ]
    child, young = rng.sample(children, 2)
    taken = {child.pid, young.pid}
    by_year: dict[tuple[int, str], Person] = {}
    for p in rng.sample(home, len(home)):
        prior = by_year.get((p.birth.year, p.sex))
        if prior and prior.household != p.household and not {p.pid, prior.pid} & taken:
            pair = (prior, p)
            break
        by_year[(p.birth.year, p.sex)] = p
    taken |= {pair[0].pid, pair[1].pid}
    singles = rng.sample([p for p in home if p.pid not in taken], 6)
    taken |= {p.pid for p in singles}
    late = rng.choice(
        [
            detentions[p.pid]
            for p in home
            if p.pid in detentions and p.pid not in taken and detentions[p.pid].detained_on.month < 11
        ]
    )
    other = rng.choice([n for n in names if n.sex == "M" and n.uly != child.patronymic.uly])
    return [
        *_id_defects(singles),
        *_duplicate(*pair),
        *_family(child, young, persons[young.father or ""], other),
        Defect(
            "value.date_unparsed",
            late.pid,
            (("收押时间", unparseable(late.detained_on)),),
            "letter O typed for a zero",
        ),
    ]
