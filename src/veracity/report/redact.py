"""Redaction for publication: stable pseudonyms, reduced identifiers, scrubbed free text.

A pseudonym is a keyed hash (HMAC-SHA256) of a person key under a secret kept
in the case's ``meta`` table (:data:`SECRET_KEY`), made once with ``secrets``:
the same person keeps one pseudonym in the report and in every export, and
nobody without the case can test a guessed name against it. The person key is
the identity number (a 15-digit number raised to its 18-digit form) or, when a
row has none, the name with separators and case removed.

Identity numbers become region and birth year, addresses their township, birth
dates their year; free text loses every run of six or more digits and every
name the case holds, in each spelling :mod:`veracity.report.spellings` derives and, by sound, in any
other (:mod:`veracity.report.mentions`).

>>> reduce_id("653222198503121235")
'653222/1985'
>>> reduce_address("墨玉县喀尔赛乡3村12号")
'墨玉县喀尔赛乡'
>>> compress("买买提·吐尔逊") == compress("买买提 吐尔逊")
True
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import duckdb

from veracity.case import Case
from veracity.claims.quotes import ARTICLE_NAMES_SQL
from veracity.errors import UsageError
from veracity.fields import NAME_FIELDS
from veracity.idnumber import check_character, compact
from veracity.report.mentions import Mentions, overlaps
from veracity.report.spellings import SEPARATORS, compress, spelt
from veracity.report.sql_reduce import COUNTY_ZH, IS_ASCII, TOWNSHIP_WORDS, TOWNSHIP_ZH, id18_sql

SECRET_KEY = "redaction_secret"  # noqa: S105 - the name of a meta key, not a secret
"""The ``meta`` key under which a case keeps its redaction secret (64 hex digits)."""

_INVISIBLE = re.compile("[\u00ad\u0640\u061c\u180e\u200d-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_NUMBER_RUN = re.compile(r"\d(?:\s{0,2}[\-.]?\s{0,2}\d){5,}[Xx]?")
_TOWNSHIP_ZH = re.compile(TOWNSHIP_ZH)
_COUNTY_ZH = re.compile(COUNTY_ZH)
NUMBER_MARK = "[number]"
NAME_MARK = "[name]"


def id_key(value: str) -> str | None:
    """The 18-character form of an identity number, or None when VALUE is not shaped like one.

    >>> id_key("653222850312123")
    '653222198503121234'
    >>> id_key("12") is None
    True
    """
    number = compact(value)
    if len(number) == 15 and number.isdigit():
        body = number[:6] + "19" + number[6:]
        return body + check_character(body)
    if len(number) == 18 and number[:17].isdigit() and number[17] in "0123456789X":
        return number
    return None


def reduce_id(value: str) -> str:
    """An identity number reduced to region and birth year (empty when it has neither).

    >>> reduce_id("653222850312123")
    '653222/1985'
    >>> reduce_id("abc")
    ''
    """
    number = id_key(value)
    if number is not None:
        return f"{number[:6]}/{number[6:10]}"
    digits = compact(value)
    return digits[:6] if len(digits) >= 6 and digits[:6].isdigit() else ""


def reduce_address(value: str) -> str:
    """An address cut after its township (乡, 镇, 街道), else after its county or city; else empty.

    >>> reduce_address("Qaraqash County, Bostan Township, Village 3")
    'Qaraqash County, Bostan Township'
    >>> reduce_address("3村5组")
    ''
    """
    text = value.strip()
    for pattern in (_TOWNSHIP_ZH, _COUNTY_ZH):
        found = pattern.match(text)
        if found:
            return found.group(0)
    parts = [p.strip() for p in text.split(",")]
    for k, part in enumerate(parts):
        if any(word in part.lower() for word in TOWNSHIP_WORDS):
            return ", ".join(parts[: k + 1])
    return ""


def reduce_date(value: str) -> str:
    """A date reduced to its year.

    >>> reduce_date("1985-03-12")
    '1985'
    """
    return value[:4]


def visible(text: str) -> str:
    """TEXT without the characters that do not show and may sit inside a name (zero-width joiners, soft hyphens,
    direction marks, the Arabic kashida), and with a middle dot read as Latin-1 (``Â·``) as the dot. Zero-width
    spaces and non-joiners stay: they may part two words, and names are compared without them
    (:data:`~veracity.report.spellings.SEPARATORS`).

    >>> visible("ئابدۇرېـھىم\u200dتۇرسۇن") == "ئابدۇرېھىمتۇرسۇن", visible("阿里Â·吐尔逊")
    (True, '阿里·吐尔逊')
    """
    return _INVISIBLE.sub("", text).replace("Â·", "·")


def scrub_numbers(text: str) -> str:
    """TEXT with every run of six or more digits (up to two spaces, a hyphen or a dot between two of them) replaced.

    >>> scrub_numbers("ID 6532 2219 8503 121235, born 1985; 6532  2219.8503")
    'ID [number], born 1985; [number]'
    """
    return _NUMBER_RUN.sub(NUMBER_MARK, unicodedata.normalize("NFKC", text))


def redaction_secret(case: Case) -> bytes:
    """The case's redaction secret, made and recorded (an audited change) the first time it is needed."""
    stored = case.meta(SECRET_KEY)
    if not stored:
        try:
            with case.change("redaction-secret", {"meta_key": SECRET_KEY}):
                stored = secrets.token_hex(32)
                case.con.execute("INSERT INTO meta VALUES (?, ?)", [SECRET_KEY, stored])
        except duckdb.Error as err:
            raise UsageError(f"{case.path}: the case has no redaction secret yet and is open read-only; "
                             "open it writable once to create one") from err
    return bytes.fromhex(stored)


@dataclass(frozen=True)
class Pseudonyms:
    """Keyed, stable pseudonyms: ``P-`` for people, ``H-`` for households.

    >>> p = Pseudonyms(b"k" * 32)
    >>> p.person("653222198503121235") == p.person("653222198503121235")
    True
    >>> p.person("653222198503121235").startswith("P-")
    True
    """

    secret: bytes

    def _digest(self, text: str) -> str:
        mac = hmac.new(self.secret, text.encode("utf-8"), hashlib.sha256).digest()
        return base64.b32encode(mac).decode("ascii")[:10]

    def person(self, key: str) -> str:
        return "P-" + self._digest("person:" + key)

    def household(self, value: str) -> str:
        return "H-" + self._digest("household:" + compress(value))


def key_of(id18: str | None, held: str) -> str:
    """The person key of a row with the 18-character id number ID18 (None or empty when it has none) and the
    compressed name HELD: the one format of every person key.

    >>> key_of("653222198503121234", "x"), key_of(None, "买买提吐尔逊")
    ('id:653222198503121234', 'name:买买提吐尔逊')
    """
    return f"id:{id18}" if id18 else f"name:{held}"


def key_sql(id18: str, held: str) -> str:
    """:func:`key_of` in SQL, of the SQL expressions ID18 and HELD (a NULL name is the empty one).

    >>> key_sql("n", "c")
    "CASE WHEN coalesce(n, '') <> '' THEN 'id:' || n ELSE 'name:' || coalesce(c, '') END"
    """
    return f"CASE WHEN coalesce({id18}, '') <> '' THEN 'id:' || {id18} ELSE 'name:' || coalesce({held}, '') END"


def person_key(id_number: str | None, name: str | None) -> str:
    """Whom a row is about: the 18-character id when there is one, else the compressed name.

    >>> person_key("653222850312123", "x")
    'id:653222198503121234'
    >>> person_key("", "买买提·吐尔逊")
    'name:买买提吐尔逊'
    """
    return key_of(id_key(id_number or ""), compress(name or ""))


def _min_length(term: str) -> int:
    """Shortest spelling worth finding: four letters in ASCII, two in other scripts (two hanzi)."""
    return 4 if term.isascii() else 2


class NameIndex:
    """Every spelling of every name the case holds, each mapped to the person key of its holder.

    ``compressed`` keeps each name as held with its compressed form (what the name column of an
    export is looked up by); ``mentions`` finds the same names by sound, in spellings no table derives.
    """

    def __init__(self, terms: Mapping[str, str], compressed: Mapping[str, str] | None = None) -> None:
        self.terms = {t: k for t, k in terms.items() if len(t) >= _min_length(t)}
        self.compressed = dict(compressed or {})
        self.lengths = sorted({len(t) for t in self.terms}, reverse=True)
        self.mentions = Mentions({name: terms.get(held, key_of(None, held)) for name, held in self.compressed.items()})

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str | None]]) -> NameIndex:
        """The index of (name, id number) pairs: a name seen with several numbers takes the smallest."""
        return cls.from_ids((name, id_key(number or "")) for name, number in pairs)

    @classmethod
    def from_ids(cls, pairs: Iterable[tuple[str, str | None]]) -> NameIndex:
        """The index of (name, 18-character id number or None) pairs, each name spelt out once."""
        terms: dict[str, str] = {}
        compressed: dict[str, str] = {}
        for name, number in pairs:
            held, found = spelt(name)
            compressed[name] = held
            key = key_of(number, held)
            for spelling in found:
                if terms.setdefault(spelling, key) > key:
                    terms[spelling] = key
        return cls(terms, compressed)

    @classmethod
    def for_case(cls, case: Case) -> NameIndex:
        """The index of CASE's names, built once per process while the names and numbers are the same."""
        fingerprint = case.con.execute(f"SELECT count(*), sum(hash(n, i)) FROM ({PAIRS_SQL})").fetchall()
        if _BUILT.get("fingerprint") != fingerprint:
            _BUILT.clear()
            _BUILT["index"], _BUILT["fingerprint"] = cls.from_ids(zip(*name_pairs(case), strict=True)), fingerprint
        index: NameIndex = _BUILT["index"]
        return index

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Spans (start, end, person key) of names in TEXT, separators inside a name skipped."""
        kept = [(i, c) for i, c in enumerate(text) if not SEPARATORS.fullmatch(c)]
        flat = "".join(c.lower()[:1] for _, c in kept)
        spans: list[tuple[int, int, str]] = []
        i = 0
        while i < len(flat):
            hit = next(((n, self.terms[flat[i:i + n]]) for n in self.lengths
                        if i + n <= len(flat) and flat[i:i + n] in self.terms), None)
            if hit is None:
                i += 1
                continue
            spans.append((kept[i][0], kept[i + hit[0] - 1][0] + 1, hit[1]))
            i += hit[0]
        return spans

class Redactor:
    """Redaction of one case: pseudonyms, reduced values and scrubbed free text, all stable."""

    def __init__(self, pseudonyms: Pseudonyms, index: NameIndex) -> None:
        self.pseudonyms, self.index = pseudonyms, index
        self._scrub = lru_cache(maxsize=65536)(self._scrub_text)

    @classmethod
    def for_case(cls, case: Case) -> Redactor:
        """The redactor of CASE: its secret (made when missing) and the index of its names."""
        return cls(Pseudonyms(redaction_secret(case)), NameIndex.for_case(case))

    def person(self, id_number: str | None, name: str | None) -> str:
        """The pseudonym of the person with ID_NUMBER (or NAME, when there is no number)."""
        if not id_number and name:
            found = self.index.terms.get(compress(name))
            if found:
                return self.pseudonyms.person(found)
        return self.pseudonyms.person(person_key(id_number, name))

    def scrub(self, text: str | None) -> str:
        """Free text without digits runs or any spelling of any name the case holds."""
        return self._scrub(text) if text else ""

    def _scrub_text(self, text: str) -> str:
        text = scrub_numbers(visible(text))
        held = self.index.find(text)
        named = frozenset(key for _, _, key in held)
        spans: list[tuple[int, int, str | None]] = list(held)
        spans += [m for m in self.index.mentions.find(text, named)
                  if not overlaps(m[0], m[1], spans)]
        out, last = [], 0
        for start, end, key in sorted(spans, key=lambda span: span[0]):
            out += [text[last:start], NAME_MARK if key is None else self.pseudonyms.person(key)]
            last = end
        out.append(text[last:])
        return "".join(out)


_NAMES_SQL = " UNION ALL ".join(
    [f"SELECT {f} AS n, nullif(id_number, '') AS i FROM records WHERE coalesce({f}, '') <> ''" for f in NAME_FIELDS]
    + ["SELECT subject_name, nullif(subject_id, '') FROM claims WHERE subject_name <> ''",
       f"SELECT n, NULL FROM ({ARTICLE_NAMES_SQL})"])  # people named only in an article are held too
PAIRS_SQL = f"SELECT n, min(i) AS i FROM ({_NAMES_SQL}) GROUP BY n"
"""Every distinct name the case holds (records, claims, articles) with its smallest identity number as held."""
_BUILT: dict[str, Any] = {}  # the last index built in this process, and the fingerprint of its names


def name_pairs(case: Case) -> tuple[list[str], list[str | None]]:
    """Every distinct name the case holds, in records, claims and articles, and the 18-character form of its
    smallest id number (None when it has none shaped like one). ASCII numbers are read in SQL."""
    ascii_id = IS_ASCII.format(x="i")
    table = case.con.sql(f"SELECT n, CASE WHEN {ascii_id} THEN {id18_sql('i')} END AS id18, "
                         f"CASE WHEN NOT {ascii_id} THEN i END AS other FROM ({PAIRS_SQL})").to_arrow_table()
    names, numbers, others = (table.column(c).to_pylist() for c in ("n", "id18", "other"))
    return names, [id_key(o) if o is not None else n for n, o in zip(numbers, others, strict=True)]
