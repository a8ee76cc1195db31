"""Blocking keys for record linkage: short codes that every spelling of a name part shares.

A part's blocking key is the first three consonant classes of its phonetic key, vowels,
h, y and w dropped (Chinese transcriptions drop and add them): b/p/f/w -> B, d/t -> T,
k/g/q/x -> K, s/sh/z/x -> S, j/zh/ch -> J, l/r -> L, m -> M, n -> N. Every reading of the
part (a Latin part that is also pinyin has two) gives a key. Keys are plain strings, so
linkage can block in SQL on ``list_has_any(keys_a, keys_b)``.

>>> keys("Abdurehim Tursun") == keys("阿不都热合木·吐尔逊") == keys("ئابدۇرېھىم تۇرسۇن")
True
>>> keys("Abdurehim Tursun")
['BTL', 'TLS']
"""

from __future__ import annotations

from functools import lru_cache

from veracity.names.structure import parse, read_part

BLOCK_LENGTH = 3
_CLASSES = str.maketrans({
    "b": "B", "p": "B", "f": "B", "w": "B", "d": "T", "t": "T", "k": "K", "g": "K", "q": "K",
    "x": "K", "s": "S", "S": "S", "z": "S", "J": "J", "C": "J", "l": "L", "r": "L", "L": "L",
    "m": "M", "n": "N",
})
_DROPPED = frozenset("aeiouAEIOU.hyw")


def block_key(phonetic: str) -> str:
    """The blocking key of one phonetic key.

    >>> block_key("abduk.L.m."), block_key("abdukerim")
    ('BTK', 'BTK')
    """
    consonants = [c for c in phonetic if c not in _DROPPED]
    return "".join(consonants).translate(_CLASSES)[:BLOCK_LENGTH]


@lru_cache(maxsize=262144)
def part_keys(part: str) -> tuple[str, ...]:
    """The phonetic key(s) of one name part, in any script, to compare in SQL or Python.

    >>> part_keys("Tohti"), part_keys("土赫提")
    (('tohti',), ('tUh.t.',))
    """
    read = read_part(part)
    return read.keys if read is not None else ()


@lru_cache(maxsize=262144)
def _part_blocks(part: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(k for k in (block_key(p) for p in part_keys(part)) if len(k) >= 2))


def keys(name: str) -> list[str]:
    """Blocking keys of NAME: one per reading of each part (titles and initials give none).
    An unreadable name has no keys, so it is never put in a block.

    >>> keys("Ilham Tohti") == keys("伊力哈木·土赫提")
    True
    >>> keys("???")
    []
    """
    found: set[str] = set()
    for part in parse(name).parts:
        if not part.is_initial:
            found.update(_part_blocks(part.text))
    return sorted(found)
