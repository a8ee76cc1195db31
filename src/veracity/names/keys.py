"""Blocking keys for record linkage: short codes that every spelling of a name part shares.

A part's blocking key is the first three consonant classes of its phonetic key, vowels,
h, y and w dropped (Chinese transcriptions drop and add them): b/p/f/w -> B, d/t -> T,
k/g/q/x -> K, s/sh/z/x -> S, j/zh/ch -> J, l/r -> L, m -> M, n -> N. Every reading of the
part (a Latin part that is also pinyin has two) gives a key, and a reading with x a second one
as if the x were h (Toxti and Tohti, Exmet and 艾合买提 share a key). Keys are plain strings, so
linkage can block in SQL on ``list_has_any(keys_a, keys_b)``.

>>> keys("Abdurehim Tursun") == keys("阿不都热合木·吐尔逊") == keys("ئابدۇرېھىم تۇرسۇن")
True
>>> keys("Abdurehim Tursun")
['BTL', 'TLS']
"""

from __future__ import annotations

from functools import lru_cache

from veracity.names.structure import is_pinyin_syllable, parse, read_part, read_token, tokens

BLOCK_LENGTH = 3
_CLASSES = str.maketrans({
    "b": "B", "p": "B", "f": "B", "w": "B", "d": "T", "t": "T", "k": "K", "g": "K", "q": "K",
    "x": "K", "s": "S", "S": "S", "z": "S", "J": "J", "C": "J", "l": "L", "r": "L", "L": "L",
    "m": "M", "n": "N",
})
_DROPPED = frozenset("aeiouAEIOU.hyw")


def consonant_classes(phonetic: str) -> str:
    """The consonant classes of one phonetic key, all of them (a block key keeps the first three).

    >>> consonant_classes("abdukerim")
    'BTKLM'
    """
    return "".join(c for c in phonetic if c not in _DROPPED).translate(_CLASSES)


def block_key(phonetic: str) -> str:
    """The blocking key of one phonetic key.

    >>> block_key("abduk.L.m."), block_key("abdukerim")
    ('BTK', 'BTK')
    """
    return consonant_classes(phonetic)[:BLOCK_LENGTH]


@lru_cache(maxsize=262144)
def part_keys(part: str) -> tuple[str, ...]:
    """The phonetic key(s) of one name part, in any script, to compare in SQL or Python.

    >>> part_keys("Tohti"), part_keys("土赫提")
    (('tohti',), ('tUh.t.',))
    """
    read = read_part(part)
    return read.keys if read is not None else ()


def _blocks(phonetic_keys: tuple[str, ...]) -> tuple[str, ...]:
    """The blocking keys of a part's phonetic keys; one with x (Uyghur's /χ/, خ) also as if the x were h, as
    English and Chinese write it (Toxti, Tohti, 托合提; Exmet, Ehmet, 艾合买提): h is dropped, x is not.

    >>> _blocks(("toxti",)), _blocks(("tohti",)), _blocks(("exmet",))
    (('TKT', 'TT'), ('TT',), ('KMT', 'MT'))
    """
    spellings = (s for p in phonetic_keys for s in ((p, p.replace("x", "h")) if "x" in p else (p,)))
    return tuple(dict.fromkeys(k for k in map(block_key, spellings) if len(k) >= 2))


@lru_cache(maxsize=262144)
def _token_blocks(token: str) -> tuple[tuple[str, ...], bool, bool]:
    """(blocking keys, is a title, is one pinyin syllable) of one token, cached: names repeat parts."""
    part, title = read_token(token)
    if part is None:
        return (), False, False
    blocks = () if part.is_initial else _blocks(part.keys)
    return blocks, title, is_pinyin_syllable(token)


def _slow_keys(name: str) -> list[str]:
    found: set[str] = set()
    for part in parse(name).parts:
        if not part.is_initial:
            found.update(_blocks(part.keys))
    return sorted(found)


@lru_cache(maxsize=262144)
def _name_keys(name: str) -> tuple[str, ...]:
    """The blocking keys of NAME, cached whole: a register repeats full names (relatives,
    re-listed detainees, the same person in several sheets), so most calls are a lookup."""
    found: set[str] = set()
    syllables = 0
    only_titles = True
    for token in tokens(name):
        blocks, title, syllable = _token_blocks(token)
        syllables += syllable
        if not title:
            only_titles = False
            found.update(blocks)
    if syllables >= 3 or only_titles:
        return tuple(_slow_keys(name))  # spaced-out pinyin, or a name that is only a title (or empty)
    return tuple(sorted(found))


def keys(name: str) -> list[str]:
    """Blocking keys of NAME: one per reading of each part (titles and initials give none).
    An unreadable name has no keys, so it is never put in a block.

    >>> keys("Ilham Tohti") == keys("伊力哈木·土赫提")
    True
    >>> keys("???")
    []
    """
    return list(_name_keys(name))
