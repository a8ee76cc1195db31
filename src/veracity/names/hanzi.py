"""Chinese transcriptions of Uyghur names (阿不都热合木) and their pinyin, read as Uyghur sounds.

Traditional characters are first folded to simplified ones (traditional_simplified.tsv, from
OpenCC), then read with the correspondences of DB65/T 2189-2005 (hanzi_sequences.tsv, then
hanzi.tsv); a character outside those tables is read through pypinyin and pinyin_uly.tsv.
A name written in pinyin is read syllable by syllable the same way, each syllable taking the
reading of the table's characters that are pronounced so.

>>> hanzi_key("阿不都克里木")
'AbdUk.L.m.'
>>> pinyin_key(("ke", "li", "mu")) == hanzi_key("克里木")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from veracity.names.latin_fold import fold_sounds
from veracity.names.pinyin import syllable_reading
from veracity.names.tables import read_tsv

_WEAK = re.compile(r"\([^)]*\)")
# Putonghua has fewer vowels than Uyghur, so a transcription's vowels are approximate:
# they are written in capitals, which the distance treats leniently (博 bo for bars).
_APPROXIMATE = str.maketrans("aeiou", "AEIOU")


@lru_cache(maxsize=4096)
def reading_key(reading: str) -> str:
    """The phonetic key of one transcription reading: "(e)" becomes the weak vowel ".",
    l becomes L (Chinese cannot tell Uyghur l from r) and vowels are capitals (approximate);
    only the first alternative counts.

    >>> reading_key("k(e)"), reading_key("l(i)"), reading_key("u|ö")
    ('k.', 'L.', 'U')
    """
    first = reading.split("|", 1)[0]
    return fold_sounds(_WEAK.sub(".", first)).replace("l", "L").translate(_APPROXIMATE)


@lru_cache(maxsize=1)
def _chars() -> dict[str, str]:
    return {row[0]: row[1] for row in read_tsv("hanzi.tsv")}


@lru_cache(maxsize=1)
def _sequences() -> tuple[tuple[str, str], ...]:
    rows = ((row[0], row[1]) for row in read_tsv("hanzi_sequences.tsv"))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def _by_pinyin() -> dict[str, str]:
    """Pinyin syllable -> reading of the table characters pronounced so (a weak reading wins); each
    character's pinyin is pypinyin's, kept in hanzi_pinyin.tsv (pypinyin takes half a second to load)."""
    pinyin_of = {row[0]: row[1] for row in read_tsv("hanzi_pinyin.tsv")}
    found: dict[str, str] = {}
    for char, reading in _chars().items():
        syllable = pinyin_of[char]
        if syllable not in found or "(" in reading:
            found[syllable] = reading
    return found


@lru_cache(maxsize=8192)
def char_reading(char: str) -> str:
    """The reading of one character: the table's, else its pinyin read as Uyghur sounds.

    >>> char_reading("提"), char_reading("尔"), char_reading("鑫")
    ('t(i)', 'r', 'shin')
    """
    table = _chars()
    if char in table:
        return table[char]
    from pypinyin import Style, lazy_pinyin

    syllable = lazy_pinyin(char, style=Style.NORMAL, errors="ignore")
    return syllable_reading(syllable[0]) if syllable else ""


@lru_cache(maxsize=1)
def _simplified() -> dict[int, str]:
    return str.maketrans({row[0]: row[1] for row in read_tsv("traditional_simplified.tsv")})


def simplify(text: str) -> str:
    """TEXT with traditional characters written in their simplified form (Taiwan, Hong Kong and
    pre-1956 sources write 堯樂博士 and 買買提 for 尧乐博士 and 买买提).

    >>> simplify("堯樂博士"), simplify("阿布都熱依木")
    ('尧乐博士', '阿布都热依木')
    """
    return text.translate(_simplified())


_WORDS = frozenset("和与及跟同的是在从被把他她了也还说")  # transcription characters that are mostly words


@lru_cache(maxsize=1)
def name_characters() -> frozenset[str]:
    """The characters Uyghur names are transcribed with (hanzi.tsv, hanzi_sequences.tsv, DB65/T 2189-2005) and
    their traditional forms, less those that are mostly words (和, 的, 在...): what tells a name written in hanzi
    from the words around it.

    >>> {"买", "提", "尔", "買"} <= name_characters(), "说" in name_characters(), "和" in name_characters()
    (True, False, False)
    """
    chars = set(_chars()) | {c for seq, _ in _sequences() for c in seq}
    traditional = {row[0] for row in read_tsv("traditional_simplified.tsv") if row[1] in chars}
    return frozenset(chars | traditional) - _WORDS


def _collapse(key: str) -> str:
    return "".join(ch for i, ch in enumerate(key) if i == 0 or ch != key[i - 1])


def hanzi_readings(text: str) -> tuple[str, ...]:
    """The reading of each syllable of TEXT, fixed sequences first.

    >>> hanzi_readings("买买提江") == hanzi_readings("買買提江") == ('memet', 'jan')
    True
    """
    text = simplify(text)
    readings: list[str] = []
    i = 0
    while i < len(text):
        for seq, reading in _sequences():
            if text.startswith(seq, i):
                readings.append(reading)
                i += len(seq)
                break
        else:
            reading = char_reading(text[i])
            if reading:
                readings.append(reading)
            i += 1
    return tuple(readings)


@lru_cache(maxsize=65536)
def hanzi_key(text: str) -> str:
    """The phonetic key of a Chinese-character name part.

    >>> hanzi_key("伊力哈木") == hanzi_key("依力哈木")
    True
    """
    return _collapse("".join(reading_key(r) for r in hanzi_readings(text)))


def pinyin_key(syllables: tuple[str, ...]) -> str:
    """The phonetic key of a name part written as pinyin SYLLABLES.

    >>> pinyin_key(("yi", "la", "mu", "jiang"))
    'ILAm.JAn'
    """
    by_pinyin = _by_pinyin()
    readings = [by_pinyin.get(s) or syllable_reading(s) for s in syllables]
    return _collapse("".join(reading_key(r) for r in readings))
