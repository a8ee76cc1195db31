"""Which writing system a piece of text is in (Han, Arabic, Latin, Cyrillic).

>>> detect("伊力哈木·土赫提")
<Script.HAN: 'han'>
>>> detect("ئىلھام توختى")
<Script.ARABIC: 'arabic'>
>>> detect("Ilham Tohti")
<Script.LATIN: 'latin'>
>>> detect("12345")
<Script.NONE: 'none'>
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from functools import lru_cache


class Script(Enum):
    """The scripts veracity reads names in."""

    HAN = "han"
    ARABIC = "arabic"
    LATIN = "latin"
    CYRILLIC = "cyrillic"
    MIXED = "mixed"
    NONE = "none"


_PREFIX = {"CJK": Script.HAN, "ARABIC": Script.ARABIC, "LATIN": Script.LATIN, "CYRILLIC": Script.CYRILLIC}


@lru_cache(maxsize=4096)  # per character: names repeat their letters
def _letter_script(ch: str) -> Script | None:
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for prefix, script in _PREFIX.items():
        if name.startswith(prefix):
            return script
    return None


def detect(text: str) -> Script:
    """The script of the letters in TEXT; MIXED when two scripts each hold over a fifth of them."""
    counts: dict[Script, int] = {}
    for ch in text:
        script = _letter_script(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Script.NONE
    total = sum(counts.values())
    major = [s for s, n in counts.items() if n * 5 > total]
    return major[0] if len(major) == 1 else Script.MIXED
