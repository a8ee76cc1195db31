"""The spellings of a name that redaction must find in free text: the name as held, and its
transliterations into the other scripts of the case (pinyin, Uyghur Latin, Uyghur Arabic).

Each spelling is compressed (no separators, lower case), so ``买买提·吐尔逊``,
``买买提吐尔逊`` and ``Maimaiti Tuerxun`` are all found. A name is split into
parts at its separators and each part is transliterated once (parts repeat far
more than names do), so a case of a million names costs a few thousand
transliterations. Uyghur Latin for Chinese parts comes from the names tables
(``hanzi_sequences.tsv``) when they hold the part.

>>> held, found = spelt("买买提·吐尔逊")
>>> held, sorted(found)[:2]
('买买提吐尔逊', ['maimaitituerxun', 'memettursun'])
>>> "买买提吐尔逊" in spelt("买买提 吐尔逊")[1]
True
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from veracity.script import Script, detect

PARTS = re.compile(r"[\s·•‧・∙.\-_]+")
"""What splits a name into its parts."""
SEPARATORS = re.compile(r"[\s·•‧・∙.\-_'’‘`ʼʻ\u200b\u200c]+")
"""What names are compared without: spaces (zero-width ones too), name separators (·), dots, hyphens, apostrophes,
zero-width non-joiners."""


def compress(text: str) -> str:
    """TEXT as names are compared: NFKC, lower case, no spaces or name separators.

    >>> compress(" Memet-Tursun ")
    'memettursun'
    """
    return SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=1)
def _hanzi_to_uly() -> dict[str, str]:
    try:
        from veracity.names.tables import read_tsv
    except ImportError:  # the names tables are optional for redaction: pinyin still covers Chinese names
        return {}
    return {row[0]: row[1] for row in read_tsv("hanzi_sequences.tsv") if len(row) >= 2}


def _uyghur(direction: str) -> Callable[[str], str] | None:
    try:
        from veracity.names import uyghur_script
    except ImportError:
        return None
    converter: Callable[[str], str] = getattr(uyghur_script, direction)
    return converter


@lru_cache(maxsize=200_000)
def part_spellings(part: str) -> tuple[str, ...]:
    """The spellings of one name part in the other scripts (the part itself excluded).

    >>> part_spellings("吐尔逊")
    ('tuerxun', 'tursun')
    >>> part_spellings("Tursun")
    ('تۇرسۇن',)
    >>> part_spellings("Vivian")
    ()
    """
    script = detect(part)
    out: list[str] = []
    if script is Script.HAN:
        from pypinyin import lazy_pinyin  # 0.5 s to import: only when a Chinese name is spelt out

        out.append("".join(lazy_pinyin(part)))
        uly = _hanzi_to_uly().get(part)
        if uly:
            out.append(uly)
    elif script in (Script.ARABIC, Script.LATIN):
        convert = _uyghur("arabic_to_uly" if script is Script.ARABIC else "uly_to_arabic")
        # letters outside the ULY alphabet (v...) have no Arabic spelling: the part keeps its own
        with contextlib.suppress(KeyError, ValueError):
            out.append(convert(part) if convert is not None else "")
    return tuple(compress(s) for s in out if s)


@lru_cache(maxsize=200_000)
def _part(part: str) -> tuple[str, tuple[str, ...]]:
    """PART compressed, and its spellings in the other scripts."""
    return compress(part), part_spellings(part)


def spelt(name: str) -> tuple[str, frozenset[str]]:
    """NAME compressed, and its spellings: as held and as each transliteration of all its parts, every spelling
    compressed (one normalisation for both).

    >>> held, found = spelt("Memet Tursun")
    >>> held, sorted(found)
    ('memettursun', ['memettursun', 'مەمەتتۇرسۇن'])
    """
    text = unicodedata.normalize("NFKC", name)
    held = SEPARATORS.sub("", text).lower()
    found = {held}
    parts = [_part(p) for p in PARTS.split(text) if p]
    for choice in range(max((len(a) for _, a in parts), default=0)):
        found.add("".join(a[choice] if choice < len(a) else (a[0] if a else own) for own, a in parts))
    found.discard("")
    return held, frozenset(found)
