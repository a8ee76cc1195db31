"""Per-record linkage features: pure functions from a record's values to comparable keys.

Names become cross-script keys through :mod:`veracity.names` (block keys shared by every
spelling of a part, phonetic keys within a script); identity numbers become their 18-digit
form with the pieces a typo leaves intact; birth is a date and a year, marked approximate
when a source gave an age or "c. 1984". Everything is computed once per distinct value.

>>> name_features("Abdurehim Tursun").sig == name_features("阿不都热合木·吐尔逊").sig
True
>>> id_features("653222730120381").id18
'653222197301203819'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from veracity import idnumber
from veracity.errors import VeracityError
from veracity.names import keys, parse
from veracity.names.keys import consonant_classes

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")
_KIN_PREFIX = re.compile(r"^[^:：]{1,30}[:：]\s*")
_RELATIVES_SPLIT = re.compile(r"[;；\n]+")


LOOSE_LENGTH = 2  # consonant classes a loose key keeps: 吐尔洪 TLN ~ Turghun TLN, 司马义 SM ~ Smayil SML
ABDU = "BT"  # the classes of the Abdu- prefix, which names no one: a loose key keeps LOOSE_LENGTH after it


@dataclass(frozen=True)
class NameFeatures:
    """Keys of one name: ``phon`` (phonetic keys, sorted), ``sig`` (block keys, sorted),
    ``blocks`` (the block keys as a list), ``loose`` (loose keys, sorted), ``text`` (the name as written)."""

    text: str
    phon: str | None
    sig: str | None
    blocks: tuple[str, ...]
    loose: str | None


def loose_key(phonetic: str) -> str:
    """A key of one name part made to survive the sounds a Chinese reading loses: the consonant
    classes without velars (the gh of Ghopur, which 吾甫尔 does not write; the q of Abduqadir, which
    阿不都卡德尔 keeps), the first LOOSE_LENGTH of them (the last consonant of 依布拉音 and Ibrahim
    differs; 司马义 drops the l of Smayil), after an Abdu- prefix (Abdulla is not Abduqadir).

    >>> [loose_key(k) for k in ("gopur", "Up.r", "s.mAI", "smayil", "Ib.LAIn", "ibrahim")]
    ['BL', 'BL', 'SM', 'SM', 'BL', 'BL']
    >>> [loose_key(k) for k in ("abdula", "abdukadir", "AbdUkAd.r", "AbdUp.r", "abdugopur")]
    ['BTL', 'BTTL', 'BTTL', 'BTBL', 'BTBL']
    """
    classes = consonant_classes(phonetic).replace("K", "")
    keep = LOOSE_LENGTH + len(ABDU) if classes.startswith(ABDU) else LOOSE_LENGTH
    return classes[:keep]


@lru_cache(maxsize=262144)
def name_features(name: str) -> NameFeatures:
    """Keys of NAME, order-free (given name and patronymic swap between sources).

    >>> name_features("Tohti Ilham").sig == name_features("Ilham Tohti").sig
    True
    >>> name_features("???").sig is None
    True
    >>> name_features("Dilnur Ghopur").loose == name_features("迪丽努尔·吾甫尔").loose
    True
    """
    blocks = tuple(keys(name))
    parts = parse(name).parts
    phon = " ".join(sorted(p.key for p in parts)) or None
    loose = " ".join(sorted({k for p in parts if not p.is_initial for r in p.keys if (k := loose_key(r))})) or None
    return NameFeatures(name, phon, " ".join(blocks) or None, blocks, loose)


@dataclass(frozen=True)
class IdFeatures:
    """An identity number for comparison: 18-digit form, whether it was written in the old
    15-digit form, its digits sorted (a transposition keeps them) and its birth-date digits."""

    id18: str | None
    form15: bool
    sorted_digits: str | None
    birth: str | None


@lru_cache(maxsize=262144)
def id_features(value: str) -> IdFeatures:
    """The comparable forms of an identity number; None fields when it is not 15 or 18 characters
    of the right shape (a testimony id, a passport number).

    >>> id_features("T00001").id18 is None
    True
    >>> id_features("65322219840529166X").birth
    '19840529'
    """
    number = idnumber.compact(value) if value else ""
    if not re.fullmatch(r"\d{15}|\d{17}[\dX]", number):
        return IdFeatures(None, False, None, None)
    form15 = len(number) == 15
    if form15:
        try:
            number = idnumber.to_18(number)
        except (VeracityError, ValueError):
            return IdFeatures(None, False, None, None)
    return IdFeatures(number, form15, "".join(sorted(number)), number[6:14])


@dataclass(frozen=True)
class Birth:
    """What a record says of birth: a full ISO date when known, a year, and whether the year
    is approximate (an age, or "c. 1984")."""

    date: str | None
    year: int | None
    approximate: bool


def birth(date: str | None, year_text: str | None, age: int | None, on: int | None) -> Birth:
    """Birth from a date field, a year cell, or an age stated in year ON.

    >>> birth("1984-05-29", None, None, None)
    Birth(date='1984-05-29', year=1984, approximate=False)
    >>> birth(None, "c. 1984", None, None)
    Birth(date=None, year=1984, approximate=True)
    >>> birth(None, None, 35, 2019)
    Birth(date=None, year=1984, approximate=True)
    """
    if year_text is not None:
        found = _YEAR.search(year_text)
        if found:
            return Birth(None, int(found.group(1)), not year_text.strip().isdigit())
        if age is not None and on is not None:
            return Birth(None, on - age, True)
        return Birth(None, None, False)
    if date:
        found = _YEAR.match(date)
        year = int(found.group(1)) if found else None
        return Birth(date if len(date) == 10 else None, year, False)
    if age is not None and on is not None:
        return Birth(None, on - age, True)
    return Birth(None, None, False)


def year_of(text: str | None, default: int | None = None) -> int | None:
    """The first plausible year in TEXT.

    >>> year_of("2018-12-05"), year_of("", 2020)
    (2018, 2020)
    """
    found = _YEAR.search(text or "")
    return int(found.group(1)) if found else default


def relatives(text: str) -> tuple[str, ...]:
    """The names a testimony lists as relatives, without their kinship words.

    >>> relatives("husband: Ekrem Dilshat; son: Ghappar Ekrem")
    ('Ekrem Dilshat', 'Ghappar Ekrem')
    """
    names = (_KIN_PREFIX.sub("", part).strip() for part in _RELATIVES_SPLIT.split(text))
    return tuple(n for n in names if n)


def today_year() -> int:
    """The current year (the reference year of an age when a source gives no date)."""
    return dt.date.today().year
