"""Places across scripts: county, township and village named in an address or a hometown.

Counties are Xinjiang's, spelled as ``veracity.regions.spellings`` gives them (墨玉县 / Moyu /
Karakax / Qaraqash / قاراقاش); townships come from the small gazetteer ``data/link_places.tsv``
(Chinese, pinyin, ULY, English, Arabic script; its source is in its header). A village is
kept as the cross-script name key of the word before 村 or "village".

>>> g = load_gazetteer()
>>> place("墨玉县喀尔赛乡巴格其村2组", g) == place("Moyu, Qarsay township, Baghchi village", g)
True
>>> place("Qaraqash", g).county
'653222'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from veracity import regions
from veracity.names import keys

_VILLAGE = (re.compile(r"([\u3400-\u9fff]{2,8}?)村"), re.compile(r"([^\s,，;]+(?: [^\s,，;]+)?) village", re.I))
_MIN_LATIN = 4  # shorter Latin spellings (e.g. "Lop") would match inside other words


def fold(text: str) -> str:
    """Lower case without accents or apostrophes, for matching spellings.

    >>> fold("Mòyù"), fold("Ka'ersai")
    ('moyu', 'kaersai')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’ʼ`")


class Spellings:
    """Entries whose first item is a folded spelling, longest first, and one pattern of all of them:
    :meth:`find` gives the first entry whose spelling occurs in a text (a Latin spelling as a whole word).

    >>> Spellings((("karakax", "653222"), ("墨玉", "653222"))).find("karakax county")
    ('karakax', '653222')
    """

    def __init__(self, entries: tuple[tuple[str, ...], ...]) -> None:
        self.entries = entries
        self._rank: dict[str, int] = {}
        for k, entry in enumerate(entries):
            self._rank.setdefault(entry[0], k)
        latin = "|".join(re.escape(e[0]) for e in entries if e[0].isascii())
        other = "|".join(re.escape(e[0]) for e in entries if not e[0].isascii())
        # a zero-width look-ahead at every position finds overlapping spellings too; at one position
        # the alternation tries the longest spelling first, so the best-ranked entry there is found
        parts = [f"(?<![a-z])(?:{latin})(?![a-z])" if latin else "", other]
        self._pattern = re.compile("(?=(" + "|".join(p for p in parts if p) + "))") if latin or other else None

    def find(self, text: str) -> tuple[str, ...] | None:
        """The best-ranked (longest, then first listed) entry whose spelling TEXT contains."""
        if self._pattern is None:
            return None
        ranks = [self._rank[m.group(1)] for m in self._pattern.finditer(text)]
        return self.entries[min(ranks)] if ranks else None


@dataclass(frozen=True)
class Gazetteer:
    """Spellings (folded) of counties and townships, longest first, with what each names: a county
    entry is (spelling, county code), a township entry (spelling, county code, township id = its Chinese name)."""

    counties: Spellings
    townships: Spellings


def _spellings_of(names: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for name in names:
        folded = fold(name)
        if re.search(r"[\u3400-\u9fff]", name):
            out.add(folded)
            short = regions.short_name(name) or re.sub(r"(乡|镇|街道)$", "", name)
            if len(short) >= 2:
                out.add(fold(short))
        elif len(folded) >= _MIN_LATIN:
            out.add(folded)
    return out


def _townships() -> list[tuple[str, str, str]]:
    text = resources.files("veracity").joinpath("data", "link_places.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    out = []
    for county, zh, pinyin, uly, english, uyghur in rows[1:]:
        for spelling in _spellings_of((zh, pinyin, uly, *english.split(";"), uyghur)):
            out.append((spelling, county, zh))
    return out


def load_gazetteer() -> Gazetteer:
    """Xinjiang counties (from ``veracity.regions``) and the townships of ``data/link_places.tsv``."""
    table = regions.load_table()
    counties = {s: code for code in table.regions if code.startswith("65") and not code.endswith("00")
                for s in _spellings_of(regions.spellings(code, table))}
    by_length = sorted(counties.items(), key=lambda kv: -len(kv[0]))
    return Gazetteer(Spellings(tuple(by_length)), Spellings(tuple(sorted(_townships(), key=lambda t: -len(t[0])))))


@dataclass(frozen=True)
class Place:
    """County code, township id and village key found in a text (None where not found)."""

    county: str | None
    township: str | None
    village: str | None


def _village(text: str) -> str | None:
    """The name key of the village TEXT names, without the county or township written before it.

    >>> _village("墨玉县喀尔赛乡巴格其村2组") == _village("墨玉县巴格其村") == _village("Baghchi village")
    True
    """
    for pattern in _VILLAGE:
        found = pattern.search(text)
        if found:
            name = re.sub(r"^.*(县|区|市|乡|镇|街道)", "", found.group(1))
            return " ".join(keys(name)) or None
    return None


def place(text: str, gazetteer: Gazetteer) -> Place:
    """The places TEXT names (an address in Chinese, a hometown in Latin or Arabic script);
    callers cache by text, since addresses repeat."""
    folded = fold(text)
    town = gazetteer.townships.find(folded)
    county = gazetteer.counties.find(folded)
    county_code = county[1] if county else (town[1] if town else None)
    return Place(county_code, town[2] if town else None, _village(text))
