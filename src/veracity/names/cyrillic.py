"""Uyghur Cyrillic (and Russian-style Cyrillic spellings of Uyghur names) to ULY Latin.

>>> cyrillic_to_uly("Абдурешит Җелилидин")
'abduréshit jélilidin'
"""

from __future__ import annotations

from functools import lru_cache

from veracity.names.tables import read_tsv


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table = {cy: la for _ar, la, cy, _kind in read_tsv("uyghur_letters.tsv")}
    for row in read_tsv("cyrillic_extra.tsv"):
        table[row[0]] = row[1] if len(row) > 1 else ""
    return table


def cyrillic_to_uly(text: str) -> str:
    """ULY Latin for Cyrillic TEXT (lower-cased); letters outside the tables are kept.

    Uyghur Cyrillic е is ULY é; in a Russian-style spelling it is read the same way,
    which the Latin folding then treats like e.

    >>> cyrillic_to_uly("Тохти")
    'toxti'
    >>> cyrillic_to_uly("Һәсән Туроунов")
    'hesen turounow'
    """
    table = _table()
    return "".join(table.get(ch, ch) for ch in text.lower())
