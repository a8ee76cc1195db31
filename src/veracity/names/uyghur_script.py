"""Uyghur Arabic script (UEY) to Uyghur Latin (ULY) and back, following the ULY letter table.

Why not a published package (both tried against uyghur_letters.tsv, see docs/names.md):
``umsc`` 0.5 (Uyghur Multi-Script Converter) gives the same ULY as this module on clean
text, but leaves presentation forms untouched ("ﺋﯩﻠﮭﺎﻡ" comes back unchanged) and keeps
keyboard substitutions ("مهمهت", heh typed for ae, comes back as "mهmهt"), which leaked
spreadsheets are full of; we would still need the normalisation below, and the letter table
itself is 32 rows, so a runtime dependency buys nothing. ``turkic-translit`` 0.5 reads Uyghur
only into IPA, not ULY ("Latin transliteration not supported for 'ug'"), and pulls in torch.

>>> arabic_to_uly("ئىلھام توختى")
'ilham toxti'
>>> uly_to_arabic("Ilham Toxti")
'ئىلھام توختى'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from veracity.names.tables import read_tsv

HAMZA = "ئ"
APOSTROPHE = "'"  # ULY writes the word-internal hamza carrier and splits n'g with it
_ARABIC_YEH = "ي"  # ULY y; typed for i (ى) on Arabic keyboards
_FARSI_YEH = "ی"
_HEH = "ه"  # typed for ae (ە) and for heh doachashmee (ھ)
_LATIN_DIGRAPHS = ("ch", "gh", "ng", "sh", "zh")


@lru_cache(maxsize=1)
def _letters() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(arabic -> latin, latin -> arabic, arabic vowel letters) from uyghur_letters.tsv."""
    to_latin = {ar: la for ar, la, _cy, _kind in read_tsv("uyghur_letters.tsv")}
    to_arabic = {la: ar for ar, la in to_latin.items()}
    vowels = frozenset(ar for ar, _la, _cy, kind in read_tsv("uyghur_letters.tsv") if kind == "vowel")
    return to_latin, to_arabic, vowels


@lru_cache(maxsize=1)
def _substitutions() -> dict[str, str]:
    return {row[0]: row[1] if len(row) > 1 else "" for row in read_tsv("arabic_substitutions.tsv")}


def _resolve_ambiguous(chars: list[str], i: int, has_alef_maksura: bool) -> str:
    """The Uyghur letter meant by an ambiguous keyboard character at position I."""
    _to_latin, _to_arabic, vowels = _letters()
    ch = chars[i]
    prev = chars[i - 1] if i > 0 else ""
    nxt = chars[i + 1] if i + 1 < len(chars) else ""
    if ch == _HEH:  # word-initial or before a vowel it is h; elsewhere the ae vowel
        return "ھ" if (not prev.isalpha() or nxt in vowels) else "ە"
    if ch == _FARSI_YEH or (ch == _ARABIC_YEH and not has_alef_maksura):
        return "ي" if (prev in vowels or nxt in vowels or prev == HAMZA) else "ى"
    return ch


def normalize_arabic(text: str) -> str:
    """Uyghur Arabic text with presentation forms and keyboard substitutions folded.

    >>> normalize_arabic("ﺋﯩﻠﮭﺎﻡ") == "ئىلھام"
    True
    >>> normalize_arabic("مهمهت") == "مەمەت"
    True
    """
    folded = unicodedata.normalize("NFKC", text)
    subs = _substitutions()
    chars = list("".join(subs.get(c, c) for c in folded))
    has_alef_maksura = "ى" in chars
    return "".join(_resolve_ambiguous(chars, i, has_alef_maksura) for i in range(len(chars)))


def arabic_to_uly(text: str) -> str:
    """ULY Latin for Uyghur Arabic-script TEXT; the hamza carrier is dropped word-initially
    and written as an apostrophe inside a word, as ULY does.

    >>> arabic_to_uly("مەسئۇت سابرى")
    "mes'ut sabri"
    >>> arabic_to_uly("شۆھرەت زاكىر")
    'shöhret zakir'
    """
    to_latin, _to_arabic, _vowels = _letters()
    out: list[str] = []
    prev_letter = False
    for ch in normalize_arabic(text):
        if ch == HAMZA:
            if prev_letter:
                out.append("'")
            continue
        latin = to_latin.get(ch)
        if latin is None:
            out.append(ch)
            prev_letter = ch.isalpha()
            continue
        out.append(latin)
        prev_letter = True
    return "".join(out)


_ULY_TOKEN = re.compile(r"ch|gh|ng|sh|zh|[a-zéöü]|'", re.IGNORECASE)


def uly_to_arabic(text: str) -> str:
    """Uyghur Arabic script for ULY Latin TEXT; a vowel opening a word or following another
    vowel gets the hamza carrier, and an apostrophe splits a digraph (n'g).

    >>> uly_to_arabic("Abduréhim Ötkür")
    'ئابدۇرېھىم ئۆتكۈر'
    >>> uly_to_arabic("mes'ut")
    'مەسئۇت'
    """
    _to_latin, to_arabic, vowels = _letters()
    out: list[str] = []
    prev = ""  # the previous Arabic letter within the word, "" at a word start
    for word_or_gap in re.split(r"(\s+)", unicodedata.normalize("NFC", text.lower())):
        if not word_or_gap or word_or_gap.isspace():
            out.append(word_or_gap)
            prev = ""
            continue
        for token in _ULY_TOKEN.findall(word_or_gap):
            if token == APOSTROPHE:
                prev = HAMZA  # an apostrophe: the next vowel takes a carrier
                continue
            letter = to_arabic[token]
            if letter in vowels and (prev == "" or prev == HAMZA or prev in vowels):
                out.append(HAMZA)
            out.append(letter)
            prev = letter
    return "".join(out)
