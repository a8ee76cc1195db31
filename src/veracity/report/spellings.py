"""The spellings of a name that redaction must find in free text: the name as held, and its
transliterations into the other scripts of the case (pinyin, Uyghur Latin, Uyghur Arabic).

Each spelling is compressed (no separators, lower case), so ``买买提·吐尔逊``,
``买买提吐尔逊`` and ``Maimaiti Tuerxun`` are all found. A name is split into
parts at its separators and each part is transliterated once (parts repeat far
more than names do), so a case of a million names costs a few thousand
transliterations. Uyghur Latin for Chinese parts comes from the names tables
(``hanzi_sequences.tsv``) when they hold the part.

>>> sorted(spellings("买买提·吐尔逊"))[:2]
['maimaitituerxun', 'memettursun']
>>> "买买提吐尔逊" in spellings("买买提 吐尔逊")
True
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

import duckdb
import pyarrow as pa

from veracity.script import Script, detect

_PARTS = re.compile(r"[\s·•‧・∙.\-_]+")
_DROP = re.compile(r"[\s·•‧・∙.\-_'’‘`]+")


def _compress(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text)).lower()


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
    return tuple(_compress(s) for s in out if s)


@lru_cache(maxsize=200_000)
def _part(part: str) -> tuple[str, tuple[str, ...]]:
    """PART compressed, and its spellings in the other scripts."""
    return _compress(part), part_spellings(part)


def spellings(name: str) -> frozenset[str]:
    """NAME as held and as each transliteration of all its parts, every spelling compressed."""
    text = unicodedata.normalize("NFKC", name)
    found = {_DROP.sub("", text).lower()}
    parts = [_part(p) for p in _PARTS.split(text) if p]
    for choice in range(max((len(a) for _, a in parts), default=0)):
        found.add("".join(a[choice] if choice < len(a) else (a[0] if a else held) for held, a in parts))
    found.discard("")
    return frozenset(found)


def spelling_keys(names: Sequence[str], keys: Sequence[str | None]) -> tuple[dict[str, str], list[str]]:
    """Every spelling of every name of NAMES mapped to the smallest person key of its holders, and each name
    compressed: what :func:`spellings` gives name by name, in bulk.

    KEYS[k] is the person key of NAMES[k], or None for ``name:`` and its compressed form. Python does only
    what must follow Python's rules (NFKC, lower case, the split into parts) as one pass per step, and
    transliterates each distinct part once; DuckDB puts the parts' spellings together.

    >>> terms, held = spelling_keys(["买买提·吐尔逊", "Tursun"], ["id:1", None])
    >>> terms["memettursun"], terms["maimaitituerxun"], terms["tursun"], held
    ('id:1', 'id:1', 'name:tursun', ['买买提吐尔逊', 'tursun'])
    """
    texts = [unicodedata.normalize("NFKC", n) for n in names]
    held = [_DROP.sub("", t).lower() for t in texts]
    parts = [_PARTS.split(t) for t in texts]
    distinct = sorted({p for ps in parts for p in ps if p})
    forms = [_part(p) for p in distinct]
    width = max((len(alternatives) for _, alternatives in forms), default=0)
    choices = {f"c{k}": [a[k] if k < len(a) else (a[0] if a else h) for h, a in forms] for k in range(width)}
    con = duckdb.connect()
    con.register("names", pa.table({"k": pa.array(range(len(names)), pa.int64()), "held": held,
                                    "person": pa.array(keys, pa.string()), "parts": parts}))
    con.register("forms", pa.table({"p": distinct, "w": [len(a) for _, a in forms], **choices}))
    spelt = " UNION ALL ".join(
        [f"SELECT k, string_agg(c{k}, '' ORDER BY pos) AS s FROM e GROUP BY k HAVING max(w) > {k}"
         for k in range(width)] or ["SELECT NULL AS k, NULL AS s WHERE false"])
    rows = con.execute(f"""
        WITH n AS (SELECT k, held, coalesce(person, 'name:' || held) AS person, parts FROM names),
             e AS (SELECT * FROM (SELECT k, unnest(parts) AS p, generate_subscripts(parts, 1) AS pos FROM n)
                   JOIN forms USING (p)),
             s AS (SELECT k, held AS s FROM n UNION ALL {spelt})
        SELECT s, min(person) FROM s JOIN n USING (k) WHERE s <> '' GROUP BY s""").fetchall()
    return dict(rows), held
