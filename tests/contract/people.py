"""Generated people for the contract cases: one person, every script and identity-number form a file may hold.

Synthetic only: names are combinations of common Uyghur given names, identity numbers use region 653222 (Karakax
county) with generated dates and sequence numbers.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from veracity.idnumber import check_character

# (Chinese transliteration, Uyghur Latin, Uyghur Arabic script, male)
GIVEN = (
    ("买买提", "Memet", "مەمەت", True), ("艾合买提", "Exmet", "ئەخمەت", True),
    ("阿不都热依木", "Abdurehim", "ئابدۇرېھىم", True), ("吐尔逊", "Tursun", "تۇرسۇن", True),
    ("努尔买买提", "Nurmemet", "نۇرمەمەت", True), ("托合提", "Toxti", "توختى", True),
    ("肉孜", "Rozi", "روزى", True), ("库尔班", "Qurban", "قۇربان", True), ("伊力哈木", "Ilham", "ئىلھام", True),
    ("玉素甫", "Yusup", "يۇسۇپ", True), ("热合曼", "Rehman", "رەھمان", True), ("亚森", "Yasin", "ياسىن", True),
    ("阿依古丽", "Aygul", "ئايگۈل", False), ("古丽米热", "Gulmire", "گۈلمىرە", False),
    ("热依拉", "Reyila", "رەيىلا", False), ("帕提古丽", "Patigul", "پاتىگۈل", False),
    ("米日古丽", "Mihrigul", "مىھرىگۈل", False), ("祖丽皮亚", "Zulpiye", "زۇلپىيە", False),
)
FATHERS = tuple(g for g in GIVEN if g[3])


@dataclass(frozen=True)
class Person:
    """One generated person."""

    zh: str
    latin: str
    arabic: str
    male: bool
    born: dt.date
    serial: int

    @property
    def sex(self) -> str:
        """The exported sex."""
        return "M" if self.male else "F"

    @property
    def sex_zh(self) -> str:
        return "男" if self.male else "女"

    @property
    def sex_code(self) -> str:
        """The 1/2 code some registers use."""
        return "1" if self.male else "2"

    @property
    def id18(self) -> str:
        body = f"653222{self.born:%Y%m%d}{self.serial * 2 + self.male:03d}"
        return body + check_character(body)

    @property
    def id15(self) -> str:
        """The pre-1999 form: two-digit year, no check character."""
        return f"653222{self.born:%y%m%d}{self.serial * 2 + self.male:03d}"

    @property
    def given_latin(self) -> str:
        return self.latin.split()[0]


def people(n: int, seed: int) -> list[Person]:
    """N (at most 90) people with distinct names and identity numbers, born 1950-1999."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[Person] = []
    while len(out) < n:
        given, father = rng.choice(GIVEN), rng.choice(FATHERS)
        if f"{given[0]}·{father[0]}" in seen or given == father:
            continue
        seen.add(f"{given[0]}·{father[0]}")
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18000))
        out.append(Person(f"{given[0]}·{father[0]}", f"{given[1]} {father[1]}", f"{given[2]} {father[2]}",
                          given[3], born, len(out) + 1 + rng.randrange(8) * 50))
    return out
