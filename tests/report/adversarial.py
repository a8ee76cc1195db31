"""Held names written every way an adversarial scan tries: each part in every script and spelling the names module
and the sample's name table give it (hanzi, pinyin, Uyghur Latin with and without its accents, English and Turkish
spellings, Arabic script), then in either order, with a comma, re-cased, with a title or a possessive, a compound
split by a space or a hyphen (and a name held split written whole), Arabic script with a zero-width non-joiner or a
kashida, hanzi with another middle dot (``Â·``, ``•``, ``.``, a space or none).

Each :class:`Form` keeps the name's letters as written (``core``): what redaction must not leave whole."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

from veracity.names import compare
from veracity.names.uyghur_script import arabic_to_uly, uly_to_arabic
from veracity.report.mentions import ORDINARY, SHORT_WORDS
from veracity.report.redact import visible
from veracity.report.spellings import PARTS, compress, part_spellings
from veracity.sample.name_parts import load_given_names, strip_diacritics
from veracity.script import Script, detect

ZWNJ, KASHIDA = "\u200c", "\u0640"
HANZI_DOTS = ("·", "Â·", "•", ".", " ", "・", "．", "")
_WALL = re.compile(r"P-[A-Z2-7]{10}|\[name\]")


@dataclass(frozen=True)
class Form:
    """One way free text writes a held name: the whole phrase, and the name's own letters in it."""

    held: str
    written: str
    core: str


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Each spelling of a given name in the sample's table (any script, as written or lower case): all its spellings."""
    out: dict[str, tuple[str, ...]] = {}
    for n in load_given_names():
        spellings = (n.zh, n.uly, strip_diacritics(n.uly), n.arabic, *n.latin_variants)
        for s in spellings:
            out.setdefault(s.lower(), tuple(dict.fromkeys(spellings)))
    return out


def _spellings(part: str) -> dict[Script, list[str]]:
    """PART's spellings by script: as held, the names module's transliterations, the sample table's spellings that
    :func:`veracity.names.compare` takes for the same name (it reads ``Abdughopur`` and ``阿不都吾甫尔`` apart)."""
    found = [part, *(s for s in _table().get(part.lower(), ()) if compare(s, part).same_person)]
    script = detect(part)
    if script is Script.HAN:
        found += ["".join(lazy_pinyin(part)).title(), *(s.title() for s in part_spellings(part))]
    elif script is Script.LATIN:
        with contextlib.suppress(KeyError, ValueError):
            found.append(uly_to_arabic(part))
    elif script is Script.ARABIC:
        found.append(arabic_to_uly(part).title())
    by_script: dict[Script, list[str]] = {}
    for s in dict.fromkeys(found):
        by_script.setdefault(detect(s), []).append(s)
    return by_script


def renderings(name: str) -> dict[Script, list[tuple[str, ...]]]:
    """NAME's parts in each script every part can be written in, one tuple per spelling choice."""
    parts = [_spellings(p) for p in PARTS.split(name) if p]
    out: dict[Script, list[tuple[str, ...]]] = {}
    for script in (Script.HAN, Script.LATIN, Script.ARABIC):
        if all(script in p for p in parts):
            most = max(len(p[script]) for p in parts)
            out[script] = list(dict.fromkeys(tuple(p[script][min(k, len(p[script]) - 1)] for p in parts)
                                             for k in range(most)))
    return out


def split_part(part: str) -> tuple[str, str] | None:
    """PART cut in two where a compound's parts may meet: after its head of two to four letters (the longest ending
    before a consonant) for a Latin part of seven letters or more, in the middle for hanzi of four or more; None for a
    shorter part, or when a piece would be a frequent word (``Wusi man``).

    >>> split_part("Abdurehim"), split_part("Nurmemet"), split_part("阿不都热合木"), split_part("Ali")
    (('Abdu', 'rehim'), ('Nur', 'memet'), ('阿不都', '热合木'), None)
    """
    if detect(part) is Script.HAN:
        return (part[:len(part) // 2], part[len(part) // 2:]) if len(part) >= 4 else None
    if len(part) < 7:
        return None
    k = next((k for k in (4, 3, 2) if part[k].lower() not in "aeiouéöü" and part[k - 1] != part[k]), 4)
    if {part[:k].lower(), part[k:].lower()} & (ORDINARY | SHORT_WORDS):
        return None  # redaction never joins a frequent word to a neighbour (Wusi man, Abli met: a known limit)
    return part[:k], part[k:]


def _split_forms(parts: tuple[str, ...], script: Script) -> Iterator[tuple[str, ...]]:
    """PARTS with one compound split: by a space or a hyphen (Latin: the second piece capitalised or not)."""
    for k, part in enumerate(parts):
        pieces = split_part(part if script is not Script.ARABIC else arabic_to_uly(part))
        if pieces is None:
            continue
        a, b = pieces
        if script is Script.ARABIC:
            with contextlib.suppress(KeyError, ValueError):
                yield (*parts[:k], f"{uly_to_arabic(a)} {uly_to_arabic(b)}", *parts[k + 1:])
            continue
        joins = (" ",) if script is Script.HAN else (" ", "-", "- ")
        for join in joins:
            for second in {b, b.title()}:
                yield (*parts[:k], a + join + second, *parts[k + 1:])


def _joined_forms(parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """A name held in three parts or more with its first two, a compound given name, written as one (Abdu Rehim
    Qasim: Abdurehim Qasim)."""
    if len(parts) >= 3:
        yield (parts[0] + parts[1].lower(), *parts[2:])


def _latin(held: str, parts: tuple[str, ...]) -> Iterator[Form]:
    for variant in (parts, *_split_forms(parts, Script.LATIN), *_joined_forms(parts)):
        for order in (variant, variant[::-1]):
            name = " ".join(order)
            yield from (Form(held, w, name) for w in (name, name.lower(), name.upper(), f"Mr. {name}",
                                                       f"Haji {name}", f"{name}'s wife", f"{name}’s son"))
            yield Form(held, f"{order[-1]}, {' '.join(order[:-1])}", name)


def _arabic(held: str, parts: tuple[str, ...]) -> Iterator[Form]:
    for variant in (parts, *_split_forms(parts, Script.ARABIC), *_joined_forms(parts)):
        for order in (variant, variant[::-1]):
            name = " ".join(order)
            yield Form(held, name, name)
            yield Form(held, ZWNJ.join(order), name)
            first = order[0]
            yield Form(held, " ".join((first[:2] + ZWNJ + first[2:], *order[1:])), name)
            yield Form(held, " ".join((first[:2] + KASHIDA + first[2:], *order[1:])), name)


def _hanzi(held: str, parts: tuple[str, ...]) -> Iterator[Form]:
    for variant in (parts, *_split_forms(parts, Script.HAN)):
        for order in (variant, variant[::-1]):
            for dot in HANZI_DOTS:
                name = dot.join(order)
                yield from (Form(held, w, name) for w in (name, f"{name}先生", f"{name}的妻子"))


def forms(held: str) -> list[Form]:
    """Every written form of the held name HELD, each phrase once."""
    writers = {Script.HAN: _hanzi, Script.LATIN: _latin, Script.ARABIC: _arabic}
    found = (form for script, spelt in renderings(held).items() for parts in spelt
             for form in writers[script](held, parts))
    return list({form.written: form for form in found}.values())


def walled(text: str) -> str:
    """TEXT as names are compared (:func:`compress` of its visible letters, line breaks as JSON writes them and commas
    set aside); a pseudonym or a mark is a wall (its random letters joined to the next word could spell a name)."""
    text = _WALL.sub("|", visible(unicodedata.normalize("NFKC", text)))
    return compress(text.replace("\\n", " ").replace(",", " "))


@lru_cache(maxsize=4096)
def whole_names(held: str) -> frozenset[str]:
    """HELD in every script and spelling, its parts in either order, as :func:`walled` compares them."""
    out: set[str] = set()
    for spelt in renderings(held).values():
        for parts in spelt:
            out |= {walled(" ".join(parts)), walled(" ".join(parts[::-1]))}
    return frozenset(out)


def survivors(text: str, form: Form, *, flat: bool = False) -> list[str]:
    """The whole names of FORM's holder (and FORM's own core) that TEXT (already :func:`walled` when FLAT) still
    holds."""
    text = text if flat else walled(text)
    return sorted(name for name in whole_names(form.held) | {walled(form.core)} if name and name in text)


def numbers_written(id18: str) -> list[str]:
    """An 18-digit identity number written as free text may write it.

    >>> numbers_written("653222198503121235")[1]
    '653222 19850312 1235'
    """
    full = "".join(chr(0xFF10 + int(c)) for c in id18)
    arabic_indic = "".join(chr(0x0660 + int(c)) for c in id18)
    short = id18[:6] + id18[8:17]
    return [id18, f"{id18[:6]} {id18[6:14]} {id18[14:]}", f"{id18[:6]}-{id18[6:14]}-{id18[14:]}",
            "  ".join(id18[k:k + 4] for k in range(0, 18, 4)), " ".join(id18), full, arabic_indic, short,
            f"{id18[:6]}.{id18[6:14]}.{id18[14:]}", f"ID:{id18}"]


def phrases(held: Sequence[str]) -> list[Form]:
    """Every form of every name of HELD."""
    return [form for name in held for form in forms(name)]
