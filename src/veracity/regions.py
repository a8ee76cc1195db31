"""GB/T 2260 administrative division codes: which codes ever existed, and place matching.

An identity number keeps the code of the place where it was first issued, and
codes change (Xinjiang's Ili, Turpan and Hami codes changed several times),
so a code counts as known when it was valid in *any* year. Its years are
never compared with a birth year: people born before a county's code existed
were issued numbers with it later. Lookups fall back to the prefecture or the
province of an unknown code, and say so. Place matching answers PASS, FAIL or
CANNOT_CHECK, with the names that decided it.

>>> lookup("653222").region.name
'墨玉县'
>>> lookup("653299").resolution
<Resolution.PREFECTURE: 'prefecture'>
>>> matches_place("653222", "新疆和田地区墨玉县喀尔赛乡").outcome
<Outcome.PASS: 'pass'>
>>> matches_place("653222", "Qaraqash County, Hotan").outcome
<Outcome.PASS: 'pass'>
>>> matches_place("653222", "新疆和田县").outcome
<Outcome.FAIL: 'fail'>
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from veracity.regions_data import Level, Region, RegionTable, ancestor, level_of, load_table

__all__ = [
    "Level", "Lookup", "Match", "Outcome", "Region", "RegionTable", "Resolution",
    "is_known", "load_table", "lookup", "matches_place", "spellings",
]


class Resolution(Enum):
    """How far :func:`lookup` had to go to find a code."""

    EXACT = "exact"  # the six-digit code was valid in some year
    PREFECTURE = "prefecture"  # unknown county code, its prefecture (PPCC00) is known
    PROVINCE = "province"  # only the province (PP0000) is known
    UNKNOWN = "unknown"  # not even the province: a finding (id.region_unknown)


class Outcome(Enum):
    """The answer of every comparison check: the record agrees, disagrees, or cannot be checked."""

    PASS = "pass"  # noqa: S105 (not a password)
    FAIL = "fail"
    CANNOT_CHECK = "cannot_check"


@dataclass(frozen=True)
class Lookup:
    """The result of looking a code up: the region found and at which level."""

    code: str
    resolution: Resolution
    region: Region | None  # the exact region, or the ancestor the lookup fell back to

    @property
    def known(self) -> bool:
        """True only when the six-digit code itself was valid in some year."""
        return self.resolution is Resolution.EXACT


def lookup(code: str, table: RegionTable | None = None) -> Lookup:
    """Find CODE in any year, else its prefecture, else its province.

    >>> lookup("652101").region.name   # Turpan city under the old prefecture code (1984-2015)
    '吐鲁番市'
    >>> lookup("659999").resolution
    <Resolution.PROVINCE: 'province'>
    >>> lookup("x").resolution
    <Resolution.UNKNOWN: 'unknown'>
    """
    regions = (table or load_table()).regions
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return Lookup(code, Resolution.UNKNOWN, None)
    for resolution, candidate in (
        (Resolution.EXACT, code),
        (Resolution.PREFECTURE, ancestor(code, Level.PREFECTURE)),
        (Resolution.PROVINCE, ancestor(code, Level.PROVINCE)),
    ):
        if candidate in regions:
            return Lookup(code, resolution, regions[candidate])
    return Lookup(code, Resolution.UNKNOWN, None)


def is_known(code: str, table: RegionTable | None = None) -> bool:
    """True when CODE was a valid GB/T 2260 code in any year since 1980.

    >>> is_known("653222"), is_known("652221"), is_known("653299")
    (True, True, False)
    """
    return lookup(code, table).known


def spellings(code: str, table: RegionTable | None = None) -> tuple[str, ...]:
    """Every name of CODE: its Chinese names (oldest first), then Latin and Uyghur spellings.

    >>> spellings("653222")
    ('墨玉县', 'Qaraqash', 'Karakax', 'Karakash', 'Moyu', 'Mòyù', 'قاراقاش')
    """
    region = (table or load_table()).regions.get(code)
    if region is None:
        return ()
    latin = region.latin.spellings() if region.latin else ()
    return tuple(dict.fromkeys((*(s.name for s in region.spans), *latin)))


# ---- place matching -------------------------------------------------------------------------

# Placeholder names that stand for "the districts of" a city, not a place.
_PLACEHOLDERS = re.compile(r"^(市辖区|县|市区|省直辖.*|自治区直辖.*|.*直辖县级行政单位|.*直辖县级行政区划)$")
_ADMIN_SUFFIX = re.compile(r"(特别行政区|特別行政區|自治区|自治州|自治县|自治旗|地区|省|市|县|区|盟|旗)$")
# Ethnonyms inside autonomous names (塔什库尔干塔吉克自治县 -> 塔什库尔干), stripped after the suffix.
_ETHNONYMS = re.compile(
    r"(?:(?:蒙古|维吾尔|哈萨克|柯尔克孜|塔吉克|锡伯|鄂伦春|达斡尔|鄂温克|土家|布依|朝鲜|哈尼|傈僳|拉祜|东乡|纳西|"
    r"景颇|仫佬|布朗|撒拉|毛南|仡佬|阿昌|普米|保安|裕固|独龙|赫哲|门巴|珞巴|基诺)族?"
    r"|(?:回|藏|苗|彝|壮|满|侗|瑶|白|傣|黎|佤|畲|水|土|羌|怒|京|各)族)+$"
)
_MIN_SHORT = 2  # a short form of one character ("和" of 和县) would match almost any address


def short_name(name: str) -> str:
    """A Chinese place name without its administrative suffix and ethnonyms ('' if too short).

    >>> short_name("塔什库尔干塔吉克自治县"), short_name("和田地区"), short_name("新疆维吾尔自治区")
    ('塔什库尔干', '和田', '新疆')
    """
    stem = _ETHNONYMS.sub("", _ADMIN_SUFFIX.sub("", name))
    return stem if len(stem) >= _MIN_SHORT else ""


def _latin_key(text: str) -> str:
    """Case-folded, accent-free text with every run of non-letters turned into one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " " + " ".join(re.findall(r"[^\W\d_]+", bare)) + " "


@dataclass(frozen=True)
class _Gazetteer:
    han: dict[str, list[tuple[str, frozenset[str], bool]]]  # first char -> (name, codes, is_short)
    words: dict[str, frozenset[str]]  # " qaraqash " (a _latin_key) -> codes
    keys: dict[str, frozenset[str]]  # code -> short names of all its spans (for lineage agreement)


@functools.cache
def _gazetteer(table: RegionTable) -> _Gazetteer:
    han: dict[tuple[str, bool], set[str]] = {}
    words: dict[str, set[str]] = {}
    keys: dict[str, frozenset[str]] = {}
    for region in table:
        names = [s.name for s in region.spans if not _PLACEHOLDERS.match(s.name)]
        shorts = {short_name(n) for n in names} - {""}
        keys[region.code] = frozenset(shorts | set(names))
        for name in names:
            han.setdefault((name, False), set()).add(region.code)
        for short in shorts:
            han.setdefault((short, True), set()).add(region.code)
        for spelling in region.latin.spellings() if region.latin else ():
            words.setdefault(_latin_key(spelling), set()).add(region.code)
    by_char: dict[str, list[tuple[str, frozenset[str], bool]]] = {}
    for (name, is_short), codes in sorted(han.items(), key=lambda item: -len(item[0][0])):
        by_char.setdefault(name[0], []).append((name, frozenset(codes), is_short))
    return _Gazetteer(by_char, {w: frozenset(c) for w, c in words.items()}, keys)


@dataclass(frozen=True)
class _Mention:
    text: str
    codes: frozenset[str]
    supports_only: bool  # a short Han form: evidence for a place, too weak to contradict one


def _mentions(address: str, gaz: _Gazetteer) -> list[_Mention]:
    """Places named in ADDRESS: longest Chinese name at each position, then whole Latin/Uyghur words."""
    text = unicodedata.normalize("NFKC", address)
    found: list[_Mention] = []
    covered_to = 0
    for i, char in enumerate(text):
        for name, codes, is_short in gaz.han.get(char, ()):
            if text.startswith(name, i) and i + len(name) > covered_to:
                found.append(_Mention(name, codes, is_short))
                covered_to = i + len(name)
                break
    key = _latin_key(text)
    found.extend(_Mention(w.strip(), codes, False) for w, codes in gaz.words.items() if w in key)
    return found


def _agreement(code: str, target: str, depth: Level, gaz: _Gazetteer) -> int:
    """How many levels, from the province down, CODE and TARGET name the same place (by name, not code,
    since a place keeps its names when its code changes). Placeholder ancestors agree with anything."""
    agreed = 0
    for level in Level:
        if level > min(level_of(code), depth):
            break
        mine, theirs = gaz.keys.get(ancestor(code, level)), gaz.keys.get(ancestor(target, level))
        if mine and theirs and not mine & theirs:
            break
        agreed = int(level)
    return agreed


@dataclass(frozen=True)
class Match:
    """Whether an address agrees with a code, at which level, and the names that decided it."""

    outcome: Outcome
    level: Level | None
    reason: str


def _judge(mentions: list[_Mention], target: str, depth: Level, gaz: _Gazetteer) -> Match:
    support, support_name, contradict, contradict_name = 0, "", 0, ""
    for mention in mentions:
        # an ambiguous name ("Hotan": city, county, prefecture) is read in its most favourable sense
        agreed = [(_agreement(c, target, depth, gaz), min(level_of(c), depth)) for c in mention.codes]
        supported = [a for a, needed in agreed if a >= needed]
        if supported and max(supported) > support:
            support, support_name = max(supported), mention.text
        elif not supported and not mention.supports_only and max(agreed)[0] + 1 > contradict:
            contradict, contradict_name = max(agreed)[0] + 1, mention.text
    if contradict > support:
        return Match(Outcome.FAIL, Level(contradict), f"address names {contradict_name!r}, another place")
    if support:
        return Match(Outcome.PASS, Level(support), f"address names {support_name!r}")
    return Match(Outcome.CANNOT_CHECK, None, "address names no known place")


def matches_place(code: str, address: str, table: RegionTable | None = None) -> Match:
    """Does ADDRESS name the place of region CODE (Chinese, pinyin, ULY, English or Uyghur names)?

    PASS at the deepest level the address agrees with; FAIL when it names another place deeper
    than anything it agrees with; CANNOT_CHECK when the code is unknown or no place is named.

    >>> matches_place("653222", "Moyu, Hetian").level
    <Level.COUNTY: 3>
    >>> matches_place("653222", "喀什地区").outcome
    <Outcome.FAIL: 'fail'>
    >>> matches_place("999999", "墨玉县").reason
    'region code 999999 unknown in every year'
    """
    table = table or load_table()
    found = lookup(code, table)
    if found.region is None:
        return Match(Outcome.CANNOT_CHECK, None, f"region code {code} unknown in every year")
    if not isinstance(address, str) or not address.strip():
        return Match(Outcome.CANNOT_CHECK, None, "no address")
    gaz = _gazetteer(table)
    return _judge(_mentions(address, gaz), found.region.code, found.region.level, gaz)
