"""Uyghur given names in three scripts, and the spellings other sources use for them.

A Uyghur name is a given name followed by the father's given name (the
patronymic). Chinese registers write it 给名·父名 (阿依古丽·买买提), Latin
sources "Aygül Memet" or "Aygul Mamat", Uyghur Arabic script ئايگۈل مەمەت.

>>> names = load_given_names()
>>> by_uly(names)["Memet"].zh
'买买提'
>>> full_zh(by_uly(names)["Aygül"], by_uly(names)["Memet"])
'阿依古丽·买买提'
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import resources

ZH_SEPARATOR = "·"  # U+00B7, the separator Chinese registers put between given name and patronymic


@dataclass(frozen=True)
class GivenName:
    """One given name: sex, Chinese transcription, ULY Latin, Arabic script, other spellings."""

    sex: str
    zh: str
    uly: str
    arabic: str
    latin_variants: tuple[str, ...]


def load_given_names() -> tuple[GivenName, ...]:
    """The names of ``data/sample/uyghur_names.tsv`` in file order."""
    text = resources.files("veracity").joinpath("data/sample/uyghur_names.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(
        GivenName(sex, zh, uly, arabic, tuple(variants.split("|"))) for sex, zh, uly, arabic, variants in rows[1:]
    )


# Given names no generated person, parent or witness carries, kept for the claim about someone in no record:
# with some 70 male names every given-name/patronymic pair is taken in a large population.
OUTSIDE_RECORDS = ("Yalqun", "Ghappar")


def population_names(names: tuple[GivenName, ...]) -> tuple[GivenName, ...]:
    """NAMES without those kept outside the records.

    >>> len(load_given_names()) - len(population_names(load_given_names()))
    2
    """
    return tuple(n for n in names if n.uly not in OUTSIDE_RECORDS)


def by_uly(names: tuple[GivenName, ...]) -> dict[str, GivenName]:
    """Index names by their ULY form."""
    return {n.uly: n for n in names}


def full_zh(given: GivenName, father: GivenName) -> str:
    """The Chinese register form 给名·父名."""
    return f"{given.zh}{ZH_SEPARATOR}{father.zh}"


def full_arabic(given: GivenName, father: GivenName) -> str:
    """The Uyghur Arabic-script form.

    >>> n = by_uly(load_given_names())
    >>> full_arabic(n["Abdurehim"], n["Tursun"])
    'ئابدۇرەھىم تۇرسۇن'
    """
    return f"{given.arabic} {father.arabic}"


def strip_diacritics(uly: str) -> str:
    """ULY without its three accented letters, as most English texts write it.

    >>> strip_diacritics("Gülchéhre")
    'Gulchehre'
    """
    return uly.translate(str.maketrans("öüéÖÜÉ", "oueOUE"))


def latin_spelling(name: GivenName, rng: random.Random) -> str:
    """One Latin spelling a testimony might use: ULY, plain ASCII or an English/Turkish habit."""
    roll = rng.random()
    if roll < 0.4:
        return name.uly
    if roll < 0.6:
        return strip_diacritics(name.uly)
    return rng.choice(name.latin_variants)


def typo(word: str, rng: random.Random) -> str:
    """``word`` with one slip of the keyboard: two neighbouring letters swapped or one doubled.

    >>> typo("Memet", random.Random(1)) != "Memet"
    True
    """
    i = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[: i + 1] + word[i] + word[i + 1 :]


# Chinese transcriptions vary between clerks: 阿不都/阿布都, 买买提/麦麦提, 古丽/古力 ...
_ZH_VARIANTS = (
    ("阿不都", "阿布都"),
    ("买买提", "麦麦提"),
    ("古丽", "古力"),
    ("热依", "热衣"),
    ("吐尔", "图尔"),
)


def zh_variant(zh: str) -> str:
    """Another clerk's transcription of the same name, or ``zh`` itself when none applies.

    >>> zh_variant("阿不都热依木·买买提")
    '阿布都热依木·买买提'
    """
    for usual, other in _ZH_VARIANTS:
        if usual in zh:
            return zh.replace(usual, other, 1)
    return zh
