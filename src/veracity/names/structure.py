"""The structure of a personal name: its parts, in which script, which are titles or initials.

A Uyghur name is a given name and a patronymic (the father's given name), in either order,
written with spaces, hyphens or the Chinese separator · (also ・ ‧ •). Titles and honorifics
(Haji, Molla, -hajim, Khan) are set aside, Russian-style endings (Abbasov, Tursunova) are cut,
and a name written syllable by syllable in pinyin ("Gu Li Na Zha") is joined into one part.

>>> [p.key for p in parse("Haji Abdurehim  Tursunov").parts]
['abdurehim', 'tursun']
>>> parse("阿不都热合木·吐尔逊").parts[1].key
'tUrsUn'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from veracity.names.cyrillic import cyrillic_to_uly
from veracity.names.hanzi import hanzi_key, pinyin_key
from veracity.names.latin_fold import fold, fold_sounds
from veracity.names.pinyin import segment
from veracity.names.tables import name_parts
from veracity.names.uyghur_script import arabic_to_uly
from veracity.script import Script, detect

# Separators between name parts besides white space: hyphen, the Chinese ·, punctuation.
_SEPARATOR_CHARS = "·・‧•･．.,;:-_/()[]\"“”«»+&"
_SEPARATORS = str.maketrans(dict.fromkeys(_SEPARATOR_CHARS, " "))
_SEPARATOR_SET = frozenset(_SEPARATOR_CHARS)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
UNREADABLE = "no letters in a script veracity reads (Latin, Arabic, Cyrillic, Chinese)"
MAX_PARTS = 6  # a register name with more parts than this is cut; the cut is reported


@dataclass(frozen=True)
class NamePart:
    """One part of a name with its phonetic key(s): the first is the reading, any other an
    alternative reading (a Latin part that is also valid pinyin is read both ways)."""

    text: str
    script: Script
    keys: tuple[str, ...]
    syllables: int  # Chinese characters or pinyin syllables; 0 for other scripts

    @property
    def key(self) -> str:
        """The main phonetic key."""
        return self.keys[0]

    @property
    def is_initial(self) -> bool:
        """A single letter (M.) or a single Chinese syllable (黎 for Lutpulla)."""
        return len(self.key.replace(".", "")) <= 1 or self.syllables == 1


@dataclass(frozen=True)
class ParsedName:
    """A name split into parts; PROBLEM says why nothing could be read (empty when readable)."""

    text: str
    parts: tuple[NamePart, ...]
    dropped: tuple[str, ...]
    problem: str

    @property
    def readable(self) -> bool:
        """Whether at least one part could be read."""
        return bool(self.parts)


@lru_cache(maxsize=1)
def _titles_and_suffixes() -> tuple[frozenset[str], tuple[str, ...]]:
    table = name_parts()
    titles = frozenset(fold(t) for t in table.titles)
    suffixes = tuple(sorted({fold_sounds(s) for s in table.patronymic_suffixes}, key=len, reverse=True))
    return titles, suffixes


@lru_cache(maxsize=1)
def _attached_titles() -> tuple[str, ...]:
    """The titles that can be attached to a part (four letters or more), for one str.endswith test."""
    return tuple(t for t in _titles_and_suffixes()[0] if len(t) >= 4)


def _cut_suffix(key: str) -> str:
    """KEY without a Russian-style patronymic or surname ending (abasop -> abas)."""
    bare = key.rstrip(".")
    for suffix in _titles_and_suffixes()[1]:
        if bare.endswith(suffix) and len(bare) - len(suffix) >= 3:
            return bare[: -len(suffix)]
    return key


def _latin_keys(token: str) -> tuple[tuple[str, ...], int]:
    syllables = segment(token)
    keys = [_cut_suffix(fold(token))]
    if syllables is not None and len(syllables) >= 2:
        keys.append(_cut_suffix(pinyin_key(syllables)))
    return tuple(dict.fromkeys(keys)), len(syllables) if syllables is not None else 0


@lru_cache(maxsize=131072)
def read_part(token: str) -> NamePart | None:
    """TOKEN read as a name part, or None when it has no letters veracity can read.

    >>> read_part("ئابدۇرېھىم").key, read_part("Абдурәһим").key
    ('abdurehim', 'abdurehim')
    >>> read_part("12#") is None
    True
    """
    script = detect(token)
    if script is Script.NONE:
        return None
    han = "".join(_HAN.findall(token))
    if han:
        key = _cut_suffix(hanzi_key(han))
        return NamePart(token, Script.HAN, (key,), len(han)) if key else None
    if script is Script.LATIN:
        keys, syllables = _latin_keys(token)
        return NamePart(token, script, keys, syllables) if keys[0] else None
    key = _cut_suffix(fold(cyrillic_to_uly(arabic_to_uly(token))))
    return NamePart(token, script, (key,), 0) if key else None


def _strip_title(part: NamePart) -> NamePart | None:
    """PART without an attached title (Tursunhajim -> tursun); None when it is a title."""
    titles = _titles_and_suffixes()[0]
    if part.key in titles:
        return None
    if not part.key.endswith(_attached_titles()):
        return part
    for title in titles:
        if len(title) >= 4 and part.key.endswith(title) and len(part.key) - len(title) >= 3:
            return NamePart(part.text, part.script, (part.key[: -len(title)],), part.syllables)
    return part


@lru_cache(maxsize=131072)
def read_token(token: str) -> tuple[NamePart | None, bool]:
    """TOKEN as a name part with any attached title cut, and whether the token is a title.

    >>> read_token("Haji")[1], read_token("Tursunhajim")[0].key
    (True, 'tursun')
    """
    part = read_part(token)
    if part is None:
        return None, False
    stripped = _strip_title(part)
    return (part, True) if stripped is None else (stripped, False)


def is_pinyin_syllable(token: str) -> bool:
    """Whether TOKEN is one Latin pinyin syllable (Gu, Li, Na): such runs are one part spaced out."""
    part = read_token(token)[0]
    return part is not None and part.script is Script.LATIN and part.syllables == 1


def _join_pinyin_runs(tokens: list[str]) -> list[str]:
    """Runs of three or more one-syllable pinyin tokens are one part written spaced out."""
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if token and is_pinyin_syllable(token):
            run.append(token)
            continue
        out.extend(["".join(run)] if len(run) >= 3 else run)
        run = []
        if token:
            out.append(token)
    return out


def tokens(name: str) -> list[str]:
    """NAME split at spaces, hyphens and the Chinese separator ·.

    >>> tokens("阿不都热合木·吐尔逊 - Haji")
    ['阿不都热合木', '吐尔逊', 'Haji']
    """
    name = name.replace("·", " ")  # the usual Chinese separator; translate is slower on CJK text
    if _SEPARATOR_SET.isdisjoint(name):
        return name.split()
    return name.translate(_SEPARATORS).split()


@lru_cache(maxsize=262144)  # a pure function of NAME; linkage parses each distinct name many times
def parse(name: str) -> ParsedName:
    """NAME split into readable parts, titles set aside, or the reason none could be read.

    >>> parse("Gu Li Na Zha").parts[0].text
    'GuLiNaZha'
    >>> parse("%%%").problem
    'no letters in a script veracity reads (Latin, Arabic, Cyrillic, Chinese)'
    """
    found = _join_pinyin_runs(tokens(name))
    if not found:
        return ParsedName(name, (), (), "empty name")
    read = [(t, *read_token(t)) for t in found]
    readable = [(t, p, title) for t, p, title in read if p is not None]
    if not readable:
        return ParsedName(name, (), (), UNREADABLE)
    kept = [p for _t, p, title in readable if p is not None and not title]
    dropped = tuple(t for t, _p, title in readable if title)
    if not kept:  # a name that is only a title keeps it
        kept, dropped = [p for _t, p, _title in readable if p is not None], ()
    return ParsedName(name, tuple(kept[:MAX_PARTS]), dropped, "")
