"""Loading the name tables kept as data in ``veracity/data/names`` (each file names its source).

>>> read_tsv("uyghur_letters.tsv")[0]
('ا', 'a', 'а', 'vowel')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_PACKAGE = "veracity.data.names"


def _text(filename: str) -> str:
    return resources.files("veracity").joinpath("data", "names", filename).read_text(encoding="utf-8")


@cache
def read_tsv(filename: str) -> tuple[tuple[str, ...], ...]:
    """The data rows of a TSV table: comment lines (#) and the header row are skipped.

    >>> read_tsv("hanzi_sequences.tsv")[0]
    ('买买提', 'memet')
    """
    rows: list[tuple[str, ...]] = []
    header_seen = False
    for line in _text(filename).splitlines():
        if not line or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append(tuple(line.split("\t")))
    return tuple(rows)


@dataclass(frozen=True)
class NamePartTable:
    """The name-part families of ``name_parts.yaml``, as ULY spellings (folded by the caller)."""

    variants: tuple[tuple[str, tuple[str, ...]], ...]
    prefixes: tuple[tuple[str, tuple[str, ...]], ...]
    suffixes: tuple[tuple[str, tuple[str, ...]], ...]
    titles: tuple[str, ...]
    patronymic_suffixes: tuple[str, ...]
    distinct: tuple[tuple[str, ...], ...]


def _families(raw: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(raw, dict):
        raise ValueError("name_parts.yaml: a family section must be a mapping")
    return tuple((str(k), tuple(str(v) for v in vs)) for k, vs in raw.items())


@cache
def name_parts() -> NamePartTable:
    """The name-part table, checked when it loads.

    >>> "haji" in name_parts().titles
    True
    """
    raw = yaml.safe_load(_text("name_parts.yaml"))
    if not isinstance(raw, dict):
        raise ValueError("name_parts.yaml: expected a mapping at the top level")
    return NamePartTable(
        variants=_families(raw["variants"]),
        prefixes=_families(raw["prefixes"]),
        suffixes=_families(raw["suffixes"]),
        titles=tuple(str(t) for t in raw["titles"]),
        patronymic_suffixes=tuple(str(s) for s in raw["patronymic_suffixes"]),
        distinct=tuple(tuple(str(n) for n in group) for group in raw["distinct"]),
    )
