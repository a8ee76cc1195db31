"""Script converters: Uyghur Arabic <-> ULY, Cyrillic -> ULY, with presentation forms,
keyboard substitutions and the hamza carrier."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veracity.names.cyrillic import cyrillic_to_uly
from veracity.names.uyghur_script import arabic_to_uly, normalize_arabic, uly_to_arabic

ARABIC_CASES = [
    ("ئىلھام توختى", "ilham toxti"),
    ("رابىيە قادىر", "rabiye qadir"),
    ("شۆھرەت زاكىر", "shöhret zakir"),
    ("مەسئۇت سابرى", "mes'ut sabri"),  # word-internal hamza carrier
    ("ئابدۇرېھىم ئۆتكۈر", "abduréhim ötkür"),
    ("دىلنىگار ئىلھامجان", "dilnigar ilhamjan"),
    ("يۈسۈپجان مەمەت", "yüsüpjan memet"),
    ("ﺋﯩﻠﮭﺎﻡ", "ilham"),  # presentation forms
    ("مهمهت", "memet"),  # heh typed for ae
    ("ھەسەن مەخسۇم", "hesen mexsum"),
]


@pytest.mark.parametrize(("arabic", "uly"), ARABIC_CASES)
def test_arabic_to_uly(arabic: str, uly: str) -> None:
    assert arabic_to_uly(arabic) == uly


def test_persian_keheh_reads_as_kaf() -> None:
    assert arabic_to_uly("ئابدۇکېرىم") == "abdukérim"


def test_arabic_yeh_typed_for_i_reads_as_i() -> None:
    assert arabic_to_uly("ئايشيگۈل") == "ayshigül"


@pytest.mark.parametrize("uly", ["ilham toxti", "abduréhim ötkür", "mes'ut sabri", "yüsüpjan memet"])
def test_uly_round_trip(uly: str) -> None:
    assert arabic_to_uly(uly_to_arabic(uly)) == uly


@given(st.text(alphabet="abdefghijklmnopqrstuwxyzéöü ", max_size=30))
def test_arabic_of_any_uly_text_reads_back_to_letters(text: str) -> None:
    arabic = uly_to_arabic(text)
    assert all(not c.isascii() or c.isspace() for c in arabic)


@pytest.mark.parametrize(("cyrillic", "uly"), [
    ("Абдурешит Җелилидин", "abduréshit jélilidin"),
    ("Һәсән", "hesen"),
    ("Гүлнар", "gülnar"),
    ("Турсунов", "tursunow"),
])
def test_cyrillic_to_uly(cyrillic: str, uly: str) -> None:
    assert cyrillic_to_uly(cyrillic) == uly


def test_normalize_drops_tatweel_and_harakat() -> None:
    assert normalize_arabic("مـەمَەت") == "مەمەت"
