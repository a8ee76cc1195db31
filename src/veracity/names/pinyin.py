"""Hanyu Pinyin syllables read as the Uyghur sounds they transcribe (pinyin_uly.tsv).

Used for Chinese characters missing from hanzi.tsv and for names written in pinyin
("Yilamujiang", "Xuěkèláití", "Gu Li Na Zha").

>>> segment("Yilamujiang")
('yi', 'la', 'mu', 'jiang')
>>> syllable_reading("xue"), syllable_reading("jiang"), syllable_reading("er")
('shö', 'jan', 'r')
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from veracity.names.tables import read_tsv

_UMLAUT = {"ü": "v", "ǖ": "v", "ǘ": "v", "ǚ": "v", "ǜ": "v"}
_WEAK_AFTER = {"z", "c", "s", "zh", "ch", "sh", "r"}  # zi, si, shi: the i is a bare vowel


def strip_tones(text: str) -> str:
    """TEXT lower-cased with tone marks removed and ü written v, as pinyin input methods do.

    >>> strip_tones("Dínīgé'ěr Lǚ")
    "dinige'er lv"
    """
    if text.isascii():
        return text.lower()  # no tone mark, no ü: the same text, faster (most Latin names)
    out = []
    for ch in text.lower():
        if ch in _UMLAUT:
            out.append("v")
            continue
        out.append("".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)))
    return "".join(out)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable that pypinyin knows (425, pinyin_syllables.tsv).

    >>> "jiang" in syllables() and "ra" not in syllables()
    True
    """
    return frozenset(row[0] for row in read_tsv("pinyin_syllables.tsv"))


@lru_cache(maxsize=65536)
def segment(token: str) -> tuple[str, ...] | None:
    """TOKEN split into pinyin syllables (fewest syllables), or None when it is not pinyin.

    >>> segment("Abuduwaili")
    ('a', 'bu', 'du', 'wai', 'li')
    >>> segment("Mutellip") is None
    True
    """
    valid = syllables()
    pieces = [p for p in strip_tones(token).replace("’", "'").split("'") if p]
    if not pieces or not all(p.isascii() and p.isalpha() for p in pieces):
        return None
    result: list[str] = []
    for piece in pieces:
        best: list[tuple[str, ...] | None] = [None] * (len(piece) + 1)
        best[0] = ()
        for end in range(1, len(piece) + 1):
            for start in range(max(0, end - 6), end):
                prefix = best[start]
                if prefix is not None and piece[start:end] in valid:
                    candidate = (*prefix, piece[start:end])
                    current = best[end]
                    if current is None or len(candidate) < len(current):
                        best[end] = candidate
        found = best[len(piece)]
        if found is None:
            return None
        result.extend(found)
    return tuple(result)


@lru_cache(maxsize=1)
def _initials_finals() -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    rows = read_tsv("pinyin_uly.tsv")
    initials = sorted(((p, r) for kind, p, r in rows if kind == "initial"), key=lambda x: -len(x[0]))
    finals = {p: r for kind, p, r in rows if kind == "final"}
    return tuple(initials), finals


@lru_cache(maxsize=2048)
def syllable_reading(syllable: str) -> str:
    """The ULY reading of one toneless pinyin syllable (notation of hanzi.tsv).

    >>> syllable_reading("yi"), syllable_reading("shi"), syllable_reading("ke")
    ('i', 'sh(i)', 'k(e)')
    """
    initials, finals = _initials_finals()
    syllable = syllable.replace("ü", "v")
    initial, reading = "", ""
    for pin, read in initials:
        if syllable.startswith(pin) and syllable != pin:
            initial, reading = pin, read
            break
    final = syllable[len(initial):]
    if initial in {"j", "q", "x", "y"} and final.startswith("u"):
        final = "v" + final[1:]
    if initial in {"y", "w"} and final[:1] in {"i", "v", "u"}:
        reading = ""  # yi = i, yu = ü, wu = u: the initial only marks the vowel
    final_reading = finals.get(final, finals.get(final.replace("v", "ü"), final))
    if initial in {"j", "q", "x"} and final_reading.startswith("y"):
        final_reading = final_reading[1:]  # jiang = jan, xian = shen: the glide is in the j
    if initial in _WEAK_AFTER and final == "i":
        final_reading = "(i)"
    return reading + final_reading
