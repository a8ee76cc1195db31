"""Folding Latin spellings of a Uyghur name part onto one phonetic key.

The key alphabet is lower-case ASCII plus a few capitals for sounds that English, Turkish,
ULY and Russian-style spellings write differently: ``S`` = sh/ş/ш, ``C`` = ch/ç/ч,
``J`` = j/zh/c/dzh/җ, ``L`` = an l or r that the source cannot tell apart (Chinese), and
``.`` = a vowel that a Chinese transcription adds after a final consonant. Vowels fold to
a, e (e/é/ä/ə), i (i/ı), o (o/ö), u (u/ü); kh -> x (x stays: ULY x is kh, pinyin x is sh),
q -> k, gh/ğ -> g, ng -> n, v -> w, f -> p; doubled letters collapse. Frequent name-part
families (Muhammad/Mehmet/Memet, Abdul-/Abdu-, -jan/-zhan/-can) are then mapped onto one
spelling from name_parts.yaml.

>>> fold("Toxti") == fold("Tokhti") and fold("İlham") == fold("Ilham")
True
>>> fold("Shöhret")
'Sohret'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from veracity.names.tables import name_parts

# Letters whose decomposition would lose a distinction: mapped before diacritics are stripped.
_PRE = str.maketrans({
    "ş": "S", "š": "S", "ш": "S", "ç": "C", "č": "C", "ğ": "g", "ǧ": "g", "ž": "J",
    "ı": "i", "ə": "e", "ä": "e", "ñ": "n", "ŋ": "n", "ß": "s", "ø": "o", "æ": "e",
})
_MULTI = (
    ("shch", "S"), ("dzh", "J"), ("tch", "C"), ("sh", "S"), ("ch", "C"), ("zh", "J"), ("dj", "J"),
    ("kh", "x"), ("gh", "g"), ("ph", "p"), ("th", "t"), ("ck", "k"), ("ng", "n"),
)
_SINGLE = str.maketrans({"q": "k", "c": "J", "v": "w", "f": "p", "j": "J"})
_DROP = re.compile(r"[^a-zSCJL.]")  # x stays: ULY x (kh) or pinyin x (sh)
_VOWELS = frozenset("aeiou")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _vocalise_y(key: str) -> str:
    """A y with no vowel beside it is the vowel i (Sabry, Abdykerim)."""
    out = []
    for i, ch in enumerate(key):
        if ch == "y":
            prev = key[i - 1] if i else ""
            nxt = key[i + 1] if i + 1 < len(key) else ""
            if prev not in _VOWELS and nxt not in _VOWELS:
                ch = "i"
        out.append(ch)
    return "".join(out)


def _collapse(key: str) -> str:
    return "".join(ch for i, ch in enumerate(key) if i == 0 or ch != key[i - 1])


def fold_sounds(text: str) -> str:
    """The sound key of Latin TEXT, before name-part families apply.

    >>> fold_sounds("Muhemmed"), fold_sounds("Çağatay"), fold_sounds("Abbasoff")
    ('muhemed', 'Cagatay', 'abasop')
    """
    text = text.lower().translate(_PRE)
    text = _strip_marks(text)
    for multi, single in _MULTI:
        text = text.replace(multi, single)
    text = text.translate(_SINGLE)
    text = _DROP.sub("", text)
    return _collapse(_vocalise_y(text))


@lru_cache(maxsize=1)
def _families() -> tuple[dict[str, str], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    table = name_parts()
    whole = {fold_sounds(v): fold_sounds(k) for k, vs in table.variants for v in vs}
    prefixes = tuple((fold_sounds(v), fold_sounds(k)) for k, vs in table.prefixes for v in vs)
    suffixes = tuple((fold_sounds(v), fold_sounds(k)) for k, vs in table.suffixes for v in vs)
    return whole, prefixes, suffixes


def canonical(key: str) -> str:
    """KEY with name-part families applied: a whole-part variant, an Abdul- prefix, a -jan ending.

    >>> canonical(fold_sounds("Mehmet")) == canonical(fold_sounds("Muhammad"))
    True
    >>> canonical(fold_sounds("Abdulkerim")) == canonical(fold_sounds("Abdukerim"))
    True
    """
    whole, prefixes, suffixes = _families()
    if key in whole:
        return whole[key]
    for variant, canon in prefixes:
        if key.startswith(variant) and len(key) - len(variant) >= 3:
            key = canon + key[len(variant):]
            break
    for variant, canon in suffixes:
        if key.endswith(variant) and len(key) - len(variant) >= 3:
            stem = key[: len(key) - len(variant)]
            return whole.get(stem, stem) + canon
    return key


@lru_cache(maxsize=1)
def _compound_prefixes() -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold_sounds(k) for k, _vs in name_parts().prefixes))


@lru_cache(maxsize=65536)  # compare() asks for both keys of every pairing of parts it tries
def after_prefix(key: str) -> str | None:
    """What follows a compound prefix (Abdu-) in KEY, in any script's key; None without one.
    Chinese keys are read case-blind and past weak vowels (阿布都 AbdU, pinyin Ab.dU).

    >>> after_prefix("abdurehim"), after_prefix("AbdUr.h.m."), after_prefix("tursun")
    ('rehim', 'r.h.m.', None)
    """
    for prefix in _compound_prefixes():
        i = matched = 0
        while i < len(key) and matched < len(prefix):
            if key[i] != ".":
                if key[i].lower() != prefix[matched]:
                    break
                matched += 1
            i += 1
        if matched == len(prefix):
            return key[i:]
    return None


@lru_cache(maxsize=1)
def _distinct() -> dict[str, int]:
    """Folded name key -> the number of its group in name_parts.yaml ``distinct``."""
    return {fold(name): i for i, group in enumerate(name_parts().distinct) for name in group}


def different_names(a: str, b: str) -> bool:
    """Whether keys A and B are two names that ``distinct`` keeps apart (one root, two names);
    case-blind, so a Chinese conventional form (买买提 mEmEt) counts too.

    >>> different_names(fold("Muhammad"), fold("Mahmud")), different_names(fold("Memet"), fold("Mamat"))
    (True, False)
    >>> different_names("mEmEt", fold("Mahmud"))
    True
    """
    groups = _distinct()
    a, b = a.lower(), b.lower()
    return a != b and a in groups and groups.get(b) == groups[a]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The phonetic key of a Latin name part (ULY, English, Turkish or Russian-style).

    >>> fold("Memet") == fold("Mehmet") == fold("Muhammad")
    True
    >>> fold("Ilhamjan") == fold("İlhamcan") == fold("Ilhamzhan")
    True
    """
    return canonical(fold_sounds(text))
