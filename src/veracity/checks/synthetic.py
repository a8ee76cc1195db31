"""Generated registers for the check tests and benchmark: households of invented people.

A genuine-like register has correct check characters, sex digits that agree,
birth dates spread over the calendar and Uyghur patronymics; a forged one
(``forged=True``) is what a forger ignorant of the algorithm would produce:
random check characters and sex digits, birth dates heaped on the 1st and on
round years. Seeded; every person and number is invented (never a real one).

>>> rows = generate(RegisterSpec(rows=12, seed=3))
>>> len(rows), rows[0].relation
(12, '户主')
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

from veracity.case import Case
from veracity.idnumber import check_character

# (Chinese transliteration, Latin) of invented given names; a child's second name is the father's given name
MEN = (("买买提", "Memet"), ("吐尔逊", "Tursun"), ("艾力", "Eli"), ("阿不都拉", "Abdulla"), ("肉孜", "Rozi"),
       ("库尔班", "Qurban"), ("托合提", "Toxti"), ("艾合买提", "Ehmet"), ("亚森", "Yasin"), ("依明", "Imin"))
WOMEN = (("阿依古丽", "Aygul"), ("古丽米热", "Gulmire"), ("热依拉", "Reyila"), ("帕提古丽", "Patigul"),
         ("再努尔", "Zeynur"), ("布威", "Buwi"), ("阿米娜", "Amina"), ("努尔尼沙", "Nurnisa"))
TOWNSHIPS = ("喀尔赛", "奎牙", "扎瓦", "阔依其")
ADDRESSES = tuple(f"新疆和田地区墨玉县{t}乡{v}村" for t in TOWNSHIPS for v in range(1, 6))
DOCUMENT_DATE = dt.date(2019, 6, 1)


@dataclass(frozen=True)
class RegisterSpec:
    """What to generate: ROWS records in households, genuine-like or FORGED, as SOURCE_FILE."""

    rows: int
    seed: int = 1
    forged: bool = False
    source_file: str = "leak.csv"
    role: str = "leak"
    authentic: bool = False
    region: str = "653222"  # Karakax (墨玉县)
    moved: float = 0.03  # share of people whose number was issued elsewhere (Hotan city)
    document_date: dt.date | None = DOCUMENT_DATE  # None: the source bears no date (ages on DOCUMENT_DATE)
    age_noise: int = 0  # ages off by up to this many years either way (a forger's guesses: 30)


@dataclass(frozen=True)
class Person:
    """One generated row."""

    household: str
    relation: str
    sex: str
    born: dt.date
    given: tuple[str, str]
    father: tuple[str, str]
    id_number: str
    address: str
    detained_on: str
    age: int


class _Maker:
    def __init__(self, spec: RegisterSpec) -> None:
        self.spec, self.rng = spec, random.Random(spec.seed)

    def born(self, year: int) -> dt.date:
        if self.spec.forged:
            if self.rng.random() < 0.4:
                year -= year % 5
            day = 1 if self.rng.random() < 0.4 else self.rng.randint(1, 28)
            return dt.date(year, self.rng.randint(1, 12), day)
        return dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))

    def number(self, born: dt.date, male: bool) -> str:
        region = "653201" if self.rng.random() < self.spec.moved else self.spec.region
        if self.spec.forged:
            body = f"{region}{born:%Y%m%d}{self.rng.randrange(1000):03d}"
            return body + self.rng.choice("0123456789X")
        body = f"{region}{born:%Y%m%d}{self.rng.randrange(500) * 2 + male:03d}"
        return body + check_character(body)

    def person(self, hh: str, relation: str, male: bool, year: int, father: tuple[str, str],
               address: str) -> Person:
        born = self.born(year)
        given = self.rng.choice(MEN if male else WOMEN)
        detained = ""
        if relation == "户主" and self.rng.random() < 0.3:
            detained = f"2017-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
        noise = self.rng.randint(-self.spec.age_noise, self.spec.age_noise) if self.spec.age_noise else 0
        return Person(hh, relation, "M" if male else "F", born, given, father,
                      self.number(born, male), address, detained, _age(born) + noise)

    def household(self, k: int) -> list[Person]:
        rng, hh, address = self.rng, f"H{k:06d}", self.rng.choice(ADDRESSES)
        year = rng.randint(1950, 1985)
        grandfather = rng.choice(MEN)
        head = self.person(hh, "户主", True, year, grandfather, address)
        out = [head, self.person(hh, "妻子", False, year + rng.randint(-1, 4), rng.choice(MEN), address)]
        if rng.random() < 0.1:
            father = self.person(hh, "父亲", True, year - rng.randint(20, 35), rng.choice(MEN), address)
            out.append(dataclasses.replace(father, given=grandfather))
        for _ in range(rng.randint(0, 4)):
            male = rng.random() < 0.5
            gap = rng.randint(1, 60) if self.spec.forged else rng.randint(20, 40)
            if year + gap > DOCUMENT_DATE.year - 1:
                continue
            out.append(self.person(hh, "儿子" if male else "女儿", male, year + gap, head.given, address))
        return out


def generate(spec: RegisterSpec) -> list[Person]:
    """SPEC.rows generated people, household by household."""
    maker, k = _Maker(spec), 0
    out: list[Person] = []
    while len(out) < spec.rows:
        out.extend(maker.household(k))
        k += 1
    return out[: spec.rows]


def _age(born: dt.date) -> int:
    doc = DOCUMENT_DATE
    return doc.year - born.year - ((doc.month, doc.day) < (born.month, born.day))


def _csv_row(p: Person, spec: RegisterSpec, rid: int, source_id: int) -> list[object]:
    zh, latin = f"{p.given[0]}·{p.father[0]}", f"{p.given[1]} {p.father[1]}"
    cells = json.dumps({"姓名": zh, "身份证号": p.id_number}, ensure_ascii=False)
    return [rid, source_id, spec.source_file, "", 1, rid % 10_000_000 + 1, spec.role, zh, zh, latin,
            p.id_number, p.sex, p.born.isoformat(), p.age, p.address, p.household, p.relation,
            p.detained_on or _NULL, cells]


_NULL = "\\N"  # how the scratch CSV spells NULL ('' stays an empty string)
_COLUMNS = ("record_id", "source_id", "source_file", "sheet", "table_no", "row", "role", "name", "name_zh",
            "name_latin", "id_number", "sex", "birth_date", "age", "address", "household", "relation",
            "detained_on", "cells")


def insert_register(case: Case, spec: RegisterSpec, people: list[Person] | None = None) -> int:
    """Write a source and its records (generated from SPEC unless PEOPLE is given) into CASE directly."""
    people = generate(spec) if people is None else people
    source_id = int(case.scalar("SELECT coalesce(max(source_id), 0) + 1 FROM sources"))
    first = int(case.scalar("SELECT coalesce(max(record_id), 0) + 1 FROM records"))
    case.con.execute(
        "INSERT INTO sources (source_id, sha256, source_file, label, role, media_type, size, added_at, "
        "encoding, n_tables, n_records, authentic, document_date) "
        "VALUES (?, ?, ?, ?, ?, 'text/csv', 0, now(), 'utf-8', 1, ?, ?, ?)",
        [source_id, f"{spec.seed:064x}{source_id}", spec.source_file, spec.source_file,
         spec.role, len(people), spec.authentic, spec.document_date and spec.document_date.isoformat()])
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "records.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            for k, p in enumerate(people):
                writer.writerow(_csv_row(p, spec, first + k, source_id))
        names = ", ".join(f'"{c}"' for c in _COLUMNS)
        case.con.execute(f"INSERT INTO records ({names}) SELECT * FROM read_csv(?, header = false, "
                         "all_varchar = true, quote = '\"', nullstr = ?)", [str(path), _NULL])
    return len(people)
