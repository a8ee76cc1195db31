"""The GB/T 2260 reference tables as loaded from ``veracity/data/regions``.

Owns reading the two data files (their sources are named in their headers
and in docs/idnumber.md) into frozen objects; the logic that uses them lives
in :mod:`veracity.regions`. Nothing is read at import: :func:`load_table`
reads the files on first call and caches the result.

>>> table = load_table()
>>> table.regions["653222"].name
'墨玉县'
>>> table.regions["653222"].latin.uly
'Qaraqash'
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from importlib import resources

import numpy as np
from numpy.typing import NDArray

CODE_LIST = "gbt2260.tsv"
XINJIANG_NAMES = "xinjiang_names.tsv"
N_CODES = 1_000_000  # every six-digit code, as an index into a lookup array


class Level(IntEnum):
    """Depth of a code in the hierarchy: ``PP0000`` province, ``PPCC00`` prefecture, else county."""

    PROVINCE = 1
    PREFECTURE = 2
    COUNTY = 3


def level_of(code: str) -> Level:
    """The level a six-digit code denotes by its trailing zeros.

    >>> level_of("650000"), level_of("653200"), level_of("653222")
    (<Level.PROVINCE: 1>, <Level.PREFECTURE: 2>, <Level.COUNTY: 3>)
    """
    if code[2:] == "0000":
        return Level.PROVINCE
    return Level.PREFECTURE if code[4:] == "00" else Level.COUNTY


def ancestor(code: str, level: Level) -> str:
    """The code of CODE's ancestor at LEVEL (CODE itself at its own level).

    >>> ancestor("653222", Level.PREFECTURE)
    '653200'
    """
    keep = 2 * int(level)
    return code[:keep] + "0" * (6 - keep)


@dataclass(frozen=True)
class NameSpan:
    """One Chinese name a code carried, with the years it did (None = open-ended)."""

    name: str
    first_year: int | None
    last_year: int | None


@dataclass(frozen=True)
class LatinNames:
    """Non-Chinese names of a Xinjiang place (see xinjiang_names.tsv for the columns)."""

    pinyin: str
    uly: str
    english: tuple[str, ...]
    uyghur: str

    def spellings(self) -> tuple[str, ...]:
        """Every non-empty spelling, ULY first.

        >>> LatinNames("Mòyù", "Qaraqash", ("Karakax",), "قاراقاش").spellings()
        ('Qaraqash', 'Karakax', 'Mòyù', 'قاراقاش')
        """
        ordered = (self.uly, *self.english, self.pinyin, self.uyghur)
        return tuple(dict.fromkeys(s for s in ordered if s))


@dataclass(frozen=True)
class Region:
    """A code with every name it held, oldest first, and Latin names when known."""

    code: str
    spans: tuple[NameSpan, ...]
    latin: LatinNames | None = None

    @property
    def name(self) -> str:
        """The most recent Chinese name."""
        return self.spans[-1].name

    @property
    def level(self) -> Level:
        return level_of(self.code)

    def first_year(self) -> int | None:
        """First year the code was in use (None: since the earliest edition covered, 1980)."""
        firsts = [s.first_year for s in self.spans]
        return None if None in firsts else min(y for y in firsts if y is not None)

    def last_year(self) -> int | None:
        """Last year the code was in use (None: still in use)."""
        lasts = [s.last_year for s in self.spans]
        return None if None in lasts else max(y for y in lasts if y is not None)


@dataclass(frozen=True, eq=False)
class RegionTable:
    """All codes ever used, by code; compared by identity so caches can key on it."""

    regions: Mapping[str, Region]
    source: str = field(default="")

    def __iter__(self) -> Iterator[Region]:
        return iter(self.regions.values())

    @functools.cached_property
    def known_mask(self) -> NDArray[np.bool_]:
        """``mask[int(code)]`` is True when the code was valid in any year (for vectorised checks)."""
        mask = np.zeros(N_CODES, dtype=np.bool_)
        mask[np.fromiter((int(c) for c in self.regions), dtype=np.int64)] = True
        return mask


def _data_lines(name: str) -> Iterator[list[str]]:
    """Rows of a package TSV file, without its '#' header and column line."""
    text = resources.files("veracity").joinpath("data", "regions", name).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    next(lines)  # the column names
    for line in lines:
        yield line.split("\t")


def _year(text: str) -> int | None:
    return int(text) if text else None


def _read_latin() -> dict[str, LatinNames]:
    latin: dict[str, LatinNames] = {}
    for code, _zh, pinyin, uly, english, uyghur in _data_lines(XINJIANG_NAMES):
        spellings = tuple(s for s in english.split(";") if s)
        latin[code] = LatinNames(pinyin, uly, spellings, uyghur)
    return latin


@functools.cache
def load_table() -> RegionTable:
    """Read the package's code list and Xinjiang names (once; later calls share the result)."""
    spans: dict[str, list[NameSpan]] = {}
    for code, first, last, name in _data_lines(CODE_LIST):
        spans.setdefault(code, []).append(NameSpan(name, _year(first), _year(last)))
    latin = _read_latin()
    regions = {
        code: Region(code, tuple(sorted(s, key=lambda n: n.first_year or 0)), latin.get(code))
        for code, s in spans.items()
    }
    return RegionTable(regions, source=f"veracity/data/regions/{CODE_LIST}, {XINJIANG_NAMES}")
