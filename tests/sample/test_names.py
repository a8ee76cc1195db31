"""The given-name table: enough names, forms that follow ULY, the Arabic script and the usual Chinese."""

from __future__ import annotations

import re

import pytest

from veracity.sample.name_parts import by_uly, load_given_names

# ULY letter -> Uyghur Arabic letter (digraphs first); a vowel opening a word or following a vowel takes ئ.
_DIGRAPHS = {"ch": "چ", "gh": "غ", "ng": "ڭ", "sh": "ش", "zh": "ژ"}
_LETTERS = {
    "a": "ا", "e": "ە", "b": "ب", "p": "پ", "t": "ت", "j": "ج", "x": "خ", "d": "د", "r": "ر", "z": "ز",
    "s": "س", "f": "ف", "q": "ق", "k": "ك", "g": "گ", "l": "ل", "m": "م", "n": "ن", "h": "ھ", "o": "و",
    "u": "ۇ", "ö": "ۆ", "ü": "ۈ", "w": "ۋ", "é": "ې", "i": "ى", "y": "ي",
}
_VOWELS = set("aeoöuüéi")
_ULY_WORD = re.compile(r"^(?:ch|gh|ng|sh|zh|[abdefghijklmnopqrstuwxyzöüé])+$")


def uly_to_arabic(word: str) -> str:
    out, i, after_vowel = [], 0, True
    word = word.lower()
    while i < len(word):
        if word[i : i + 2] in _DIGRAPHS:
            out.append(_DIGRAPHS[word[i : i + 2]])
            i, after_vowel = i + 2, False
            continue
        if word[i] in _VOWELS and after_vowel:
            out.append("ئ")
        out.append(_LETTERS[word[i]])
        after_vowel = word[i] in _VOWELS
        i += 1
    return "".join(out)


NAMES = load_given_names()


def test_enough_names_of_each_sex() -> None:
    sexes = [n.sex for n in NAMES]
    assert sexes.count("M") >= 60 and sexes.count("F") >= 40


def test_forms_are_unique() -> None:
    for attribute in ("zh", "uly", "arabic"):
        values = [getattr(n, attribute) for n in NAMES]
        assert len(set(values)) == len(values), attribute


@pytest.mark.parametrize("name", NAMES, ids=lambda n: n.uly)
def test_uly_form_uses_the_uly_alphabet(name: object) -> None:
    assert _ULY_WORD.match(name.uly.lower()), name.uly  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", NAMES, ids=lambda n: n.uly)
def test_arabic_form_is_the_uly_form_transcribed(name: object) -> None:
    assert name.arabic == uly_to_arabic(name.uly)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("zh", "uly", "arabic"),
    [
        ("买买提", "Memet", "مەمەت"),
        ("艾买提", "Ehmet", "ئەھمەت"),
        ("阿不都热依木", "Abdurehim", "ئابدۇرەھىم"),
        ("吐尔逊", "Tursun", "تۇرسۇن"),
        ("阿依古丽", "Aygül", "ئايگۈل"),
        ("古丽米热", "Gülmire", "گۈلمىرە"),
        ("热依拉", "Reyile", "رەيىلە"),
        ("努尔买买提", "Nurmemet", "نۇرمەمەت"),
    ],
)
def test_standard_forms(zh: str, uly: str, arabic: str) -> None:
    name = by_uly(NAMES)[uly]
    assert (name.zh, name.arabic) == (zh, arabic)


def test_chinese_forms_use_the_usual_pieces() -> None:
    """Gül- and -gül are written 古丽, Abdu- 阿不都: one transcription per sound across the table."""
    for n in NAMES:
        if "gül" in n.uly.lower():
            assert "古丽" in n.zh, n
        if n.uly.startswith("Abdu"):
            assert n.zh.startswith("阿不都"), n


def test_english_spellings_include_the_common_ones() -> None:
    names = by_uly(NAMES)
    assert "Mehmet" in names["Memet"].latin_variants
    assert "Abdurahim" in names["Abdurehim"].latin_variants
    assert "Gulmira" in names["Gülmire"].latin_variants
