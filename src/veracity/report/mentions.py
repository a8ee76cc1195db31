"""Names the case holds, found in free text in any script by how they sound (:mod:`veracity.names`).

The name index (:class:`veracity.report.redact.NameIndex`) finds the spellings it can derive; a person
the case holds only in Chinese may be written in free text in Uyghur Latin, pinyin, an English-style
spelling or Arabic script that no table derives. Free text is read as runs of Latin or Arabic-script words
in any case, with spaces, line breaks and at most one hyphen, comma, dot or middle dot between two of them
(``Qadir, Alim``); each two or three words of a run are compared (:func:`veracity.names.compare`) with the
held names two of whose parts two of the words sound like, given name and patronymic in either order.
Hanzi have no spaces: a chain of hanzi (across spaces, line breaks and middle dots) is read at each place as two
pieces of two to eight hanzi, each sounding like a held part, compared whole in the same way (其兄阿力木卡德尔在境外).
Two words a hyphen joins (``Abdu-\\nrehim``, ``Abdu-Rehim``), or that sound like a held part only once joined
(``Abdu Rehim``), are also read as one word, and a held name of three parts is also held with two of them as one
(``Abdu Rehim Qasim`` ~ ``Qasim Abdurehim``). Two held parts around a word that is no part of the name (``Ali said
Tursun``) are two marks, never one person. A lone word with a capital
(or a lone hanzi word) is compared with the given names the case holds (a mention without the patronymic) and
becomes ``[name]``; in a text naming a held person in full, so is a lone word in any case or length that sounds like
a part of that person's names (``ali said``). Ordinary words rarely sound like two parts of one held name; a lone
word must sound like a whole given name, a few common place and kinship words never count as one, and frequent
English words of two or three letters (``are``, ``out``) never sound like a part.

>>> m = Mentions({"阿力木·卡德尔": "id:1"})
>>> [(text, key) for text, key in m.named("Qadir Alim and alimu kadeer in Hotan; ئالىم قادىر")]
[('Qadir Alim', 'id:1'), ('alimu kadeer', 'id:1'), ('ئالىم قادىر', 'id:1')]
>>> m.named("Alim went to Xinjiang; an alim is a scholar")
[('Alim', None)]
>>> m.named("据说卡德尔阿力木被带走")
[('卡德尔阿力木', 'id:1')]
>>> Mentions({"阿里·吐尔逊": "id:2"}).named("Tursun, Ali was taken; ali said so, all of them")
[('Tursun, Ali', 'id:2'), ('ali', None)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from itertools import combinations, permutations
from typing import NamedTuple

from veracity.names import SAME_PERSON_THRESHOLD, NameMatch, compare, keys, part_keys, similarity
from veracity.names.hanzi import name_characters
from veracity.names.keys import consonant_classes
from veracity.names.latin_fold import after_prefix
from veracity.report.spellings import PARTS

_HANZI = "\u3400-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[^\W\d_{_HANZI}]+(?:['’][^\W\d_{_HANZI}]+)*")
_GAP = re.compile(r"[\s\u200b\u200c]*(?:[·•‧・∙.,\-][\s\u200b\u200c]*)?")  # zero-width spaces and non-joiners too
_POSSESSIVE = re.compile(r"['’][sS]$")
_GLUE = re.compile("[-\u200c]")  # two words written joined: Abdu-Rehim
_HAN = re.compile(rf"[{_HANZI}]+")
_HAN_CHAIN = re.compile(rf"[{_HANZI}]+(?:\s*[·•‧・∙.\-]?\s*[{_HANZI}]+)*")
_ARABIC = re.compile(r"[\u0620-\u064a\u066e-\u06d5\u06ee-\u06ff]")
MAX_HAN = 8  # a longer run of hanzi is a sentence, not a name part
MIN_LONE = 4  # letters of a lone Latin or Arabic-script word compared with given names (two hanzi)
RUN = 3  # most words of a run compared with a name at once
NEAR = 0.7
"""A word this near a held part (ibrahim ~ 依布拉音 0.72) makes the names holding that part and a part another word of
the window sounds near candidates (the two similarities adding up to twice SAME_PERSON_THRESHOLD), judged whole."""
ORDINARY = frozenset(("xinjiang", "hotan", "khotan", "xoten", "qaraqash", "karakax", "moyu", "kashgar", "qeshqer",
    "urumqi", "ürümchi", "aksu", "yarkand", "yeken", "turpan", "ghulja", "county", "township", "village", "town",
    "city", "prefecture", "region", "street", "road", "district", "yéza", "nahiye", "kent", "mehelle", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "mother",
    "father", "brother", "sister", "son", "daughter", "wife", "husband", "uncle", "aunt", "grandmother",
    "grandfather", "ana", "ata", "aka", "uka", "singil", "hede", "acha", "dada", "apa"))
"""Words never taken for a lone given name."""
SHORT_WORDS = frozenset((
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of", "oh", "ok",
    "on", "or", "so", "to", "up", "us", "we", "age", "ago", "aim", "air", "all", "and", "any", "are", "ask", "ate",
    "bad", "big", "boy", "but", "buy", "can", "cut", "day", "did", "die", "due", "ear", "eat", "end", "era", "eye",
    "far", "few", "fit", "for", "get", "got", "had", "has", "her", "him", "his", "hot", "how", "ill", "its", "let",
    "lie", "low", "man", "may", "men", "met", "new", "nor", "not", "now", "odd", "off", "oil", "old", "one", "our",
    "out", "owe", "own", "pay", "per", "put", "ran", "run", "saw", "say", "see", "set", "she", "sit", "six", "son",
    "the", "too", "two", "use", "via", "war", "was", "way", "who", "why", "yes", "yet", "you", "area", "away", "easy",
    "eyes", "here", "home", "hour", "idea", "were", "what", "whom", "with", "year", "your", "house", "where", "whose"))
"""Frequent English words of two or three letters, or of one consonant besides h, w and y, never taken for a name
part: short held parts, which have no blocking key, sound like some of them (are ~ 阿里, out ~ Ot, were ~ 艾力)."""


def lone_name_like(word: str) -> bool:
    """Whether WORD alone may be a given name: a Latin word with a capital, an Arabic-script word, a short hanzi
    word, not an ordinary word, long enough (four letters, two hanzi).

    >>> [lone_name_like(w) for w in ("Alim", "alim", "ئالىم", "阿力木", "因宗教极端被收押培训", "March", "Ali")]
    [True, False, True, True, False, False, False]
    """
    if _HAN.fullmatch(word):
        return 2 <= len(word) <= MAX_HAN
    return (bool(_ARABIC.match(word)) or word[0].isupper()) and len(word) >= MIN_LONE and word.lower() not in ORDINARY


class _Held(NamedTuple):
    """The held names as :class:`Mentions` looks them up."""

    parts_by_key: dict[str, set[str]]  # each loose blocking key: the held parts that have it
    by_pair: dict[tuple[str, str], list[str]]  # each pair of parts (in order): the held names that have both
    given: set[str]  # the first parts of the held names
    parts_of: dict[str, set[str]]  # each person key: the parts of their held names
    holder: dict[str, str]  # each held name, and each of its readings as compounds: the person key
    co_parts: dict[str, set[str]]  # each held part: the parts held in one name with it
    hanzi: frozenset[str]  # the characters a name in hanzi is written with (hanzi.name_characters, the held ones)


class Mentions:
    """The names of a case (held name -> person key), found in free text by sound.

    Built lazily, the first time a text holds a name-like word: the distinct parts of the held names of two
    parts or more by blocking key, and those names by each pair of their parts. A word is read once per
    process onto the held parts it sounds like; a window of words is a candidate for the names holding a
    pair of its words' parts, and :func:`veracity.names.compare` judges it whole.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self._names = names
        self._index: _Held | None = None

    def _built(self) -> _Held:
        if self._index is None:
            by_pair: dict[tuple[str, str], list[str]] = {}
            given: set[str] = set()
            parts_of: dict[str, set[str]] = {}
            holder = {name: key for name, key in self._names.items() if len(_parts_of(name)) >= 2}
            for name, key in list(holder.items()):
                for reading in compounds(name):  # Abdu Rehim Qasim is also Abdurehim Qasim
                    holder.setdefault(reading, key)
            for name, key in holder.items():
                parts = _parts_of(name)
                given.add(parts[0])
                parts_of.setdefault(key, set()).update(parts)
                pairs = [(min(parts), max(parts))] if len(parts) == 2 else combinations(sorted(set(parts)), 2)
                for pair in pairs:
                    by_pair.setdefault(pair, []).append(name)
            co_parts: dict[str, set[str]] = {}
            for a, b in by_pair:
                co_parts.setdefault(a, set()).add(b)
                co_parts.setdefault(b, set()).add(a)
            held = set().union(*parts_of.values())
            parts_by_key: dict[str, set[str]] = {}
            for part in held:
                for k in _loose_keys(part):
                    parts_by_key.setdefault(k, set()).add(part)
            self._index = _Held(parts_by_key, by_pair, given, parts_of, holder, co_parts,
                                name_characters() | {c for p in held for c in p})
        return self._index

    @lru_cache(maxsize=65536)  # noqa: B019 - one Mentions per case index, kept for the process
    def _near(self, word: str) -> tuple[tuple[str, float], ...]:
        """The held name parts WORD sounds near (:data:`NEAR` or more: the similarity of their phonetic keys, as
        compare scores a part), with that similarity; none for a frequent short word (:data:`SHORT_WORDS`)."""
        if len(word) < 2 or word.lower() in SHORT_WORDS:
            return ()
        parts_by_key = self._built().parts_by_key
        candidates = set().union(*(parts_by_key.get(k, set()) for k in _loose_keys(word)))
        own = part_keys(word)
        scored = ((p, max((similarity(a, b) for a in own for b in part_keys(p)), default=0.0)) for p in candidates)
        return tuple((p, score) for p, score in scored if score >= NEAR)

    @lru_cache(maxsize=65536)  # noqa: B019 - as above
    def _parts(self, word: str) -> frozenset[str]:
        """The held name parts WORD sounds like (:data:`SAME_PERSON_THRESHOLD` or more)."""
        return frozenset(p for p, score in self._near(word) if score >= SAME_PERSON_THRESHOLD)

    @lru_cache(maxsize=65536)  # noqa: B019 - as above
    def _holder(self, words: tuple[str, ...]) -> tuple[float, str | None, bool]:
        """The score and person key of the held name WORDS sound like best (None below the threshold), and whether
        a word inside WORDS is no part of it (Ali said Tursun: two names, or one person's parts around a word)."""
        index = self._built()
        candidates = {name for a, b in combinations(words, 2) for pa, sa in self._near(a) for pb, sb in self._near(b)
                      if sa + sb >= 2 * SAME_PERSON_THRESHOLD
                      for name in index.by_pair.get((min(pa, pb), max(pa, pb)), ())}
        match, name = self._judged(words, candidates)
        if match is None or match.score < SAME_PERSON_THRESHOLD:  # a part whose blocking keys differ, or too far
            found = {n for a, b in permutations(words, 2) for n in self._beside(a, b)} - candidates
            match, name = self._judged(words, found)
        if match is None or match.score < SAME_PERSON_THRESHOLD:
            return 0.0, None, False
        return match.score, index.holder[name], _gapped(words, match)

    @staticmethod
    def _judged(words: tuple[str, ...], names: set[str]) -> tuple[NameMatch | None, str]:
        """The best of NAMES compared with WORDS, and that name (None and '' without names)."""
        return max(((compare(" ".join(words), n), n) for n in sorted(names)), key=lambda hit: (hit[0].score, hit[1]),
                   default=(None, ""))

    @lru_cache(maxsize=65536)  # noqa: B019 - as above
    def _beside(self, word: str, other: str) -> tuple[str, ...]:
        """The held names holding a part WORD sounds like and a part held beside it that OTHER sounds near enough,
        by the similarity of their phonetic keys, whatever their blocking keys (ayshem SM ~ 阿依先木 NM, 0.81; aysa ~
        艾沙 0.69 beside gulnur ~ 古丽努尔 0.99): the two similarities adding up to twice SAME_PERSON_THRESHOLD."""
        if len(other) < 2 or other.lower() in ORDINARY | SHORT_WORDS:
            return ()
        index, own = self._built(), part_keys(other)
        found: list[str] = []
        for part, score in self._near(word):
            floor = 2 * SAME_PERSON_THRESHOLD - score
            if score < SAME_PERSON_THRESHOLD:
                continue
            for co in index.co_parts.get(part, ()):
                if max((similarity(a, b) for a in own for b in part_keys(co)), default=0.0) >= floor:
                    found += index.by_pair.get((min(part, co), max(part, co)), ())
        return tuple(found)

    def _best(self, run: list[tuple[int, int, str]], i: int) -> tuple[float, str | None, bool, int, int]:
        """The best-sounding window of RUN at word I (up to RUN words) or the two after it, a window read whole before
        one with a word inside that is no part of the name: (score, person key or None, gapped, start, words)."""
        windows = [(i, n) for n in range(min(RUN, len(run) - i), 1, -1)] + [(i + 1, 2)] * (i + 2 < len(run))
        hits = [(*self._holder(tuple(w for _, _, w in run[s:s + n])), s, n) for s, n in windows]
        return max(hits, key=lambda hit: (hit[1] is not None and not hit[2], hit[0]), default=(0.0, None, False, i, 1))

    def _given_name(self, word: str) -> bool:
        return lone_name_like(word) and not self._parts(word).isdisjoint(self._built().given)

    def find(self, text: str, named: frozenset[str] = frozenset()) -> list[tuple[int, int, str | None]]:
        """Spans (start, end, person key) of the held names TEXT mentions; the key is None for a lone given name,
        or a part alone of a person the text names in full (here or in NAMED, the person keys found otherwise).
        Two words a hyphen joins, or that sound like a held part once joined, are also read as one (Abdu-\\nrehim)."""
        runs = [variant for run in _runs(text) for variant in (run, *self._joined(run, text))]
        spans = _kept([span for run in runs for span in self._in_run(run)])
        for chain in _HAN_CHAIN.finditer(text):
            spans += self._in_hanzi(text, chain.start(), chain.end())
        spans += self._alone(text, runs, spans, named)
        return sorted(spans, key=lambda span: span[:2])

    def _alone(self, text: str, runs: list[list[tuple[int, int, str]]], spans: list[tuple[int, int, str | None]],
               named: frozenset[str]) -> list[tuple[int, int, str | None]]:
        """The words of RUNS (of TEXT) outside SPANS that sound like a part of a held name of a person SPANS or
        NAMED name, in any case (Ali Tursun ... ali said), and the hanzi parts of those names as held (阿里说): the
        text tells whom the part stands for."""
        parts_of = self._built().parts_of
        parts = set().union(*(parts_of.get(key, ()) for key in named | {k for _, _, k in spans if k is not None}))
        words = [word for run in runs for word in run if not self._parts(word[2]).isdisjoint(parts)] if parts else []
        hanzi = [(m.start(), m.end(), m.group(0)) for part in parts if len(part) >= 2 and _HAN.fullmatch(part)
                 for m in re.finditer(re.escape(part), text)]
        found: list[tuple[int, int, str | None]] = []
        for start, end, word in words + hanzi:
            if word.lower() not in ORDINARY and not overlaps(start, end, spans + found):
                found.append((start, end, None))
        return found

    def _joined(self, run: list[tuple[int, int, str]], text: str) -> list[list[tuple[int, int, str]]]:
        """RUN of TEXT read with every two words a hyphen or a zero-width non-joiner joins as one (Abdu-\\nrehim), with
        two words that sound like a held part once joined as one (Abdu Rehim ~ 阿不都热合木), and with both; each
        reading that differs from RUN."""
        glued = _glued(run, text)
        readings = [glued, self._heard(run), self._heard(glued)]
        return [r for k, r in enumerate(readings) if r != run and r not in readings[:k]]

    def _heard(self, run: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """RUN with two words joined where they sound like a held part once joined (each word joined once)."""
        out = run[:1]
        for start, end, word in run[1:]:
            last = out[-1]
            if last in run and self._compound(last[2], word):
                out[-1] = (last[0], end, last[2] + word)
            else:
                out.append((start, end, word))
        return out

    def _compound(self, first: str, second: str) -> bool:
        """Whether two words of two letters or more, the first a compound head (:func:`compound_head`), neither an
        ordinary or a frequent short word (out of ~ Ot), sound like a held part once joined that neither sounds like
        alone (Tursun Ali is not one part)."""
        plain = ORDINARY | SHORT_WORDS
        if len(second) < 2 or not compound_head(first) or first.lower() in plain or second.lower() in plain:
            return False
        heard = self._parts(first + second)
        return bool(heard) and heard.isdisjoint(self._parts(first) | self._parts(second))

    def _in_run(self, run: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str | None]]:
        """The names in a RUN of Latin or Arabic-script words: windows of two or three words, else lone given names.
        A name read only around a word that is no part of it (Ali said Tursun) is not one person: each of its two
        words becomes a mark of its own."""
        i = 0
        while i < len(run):
            _, key, gapped, start, n = self._best(run, i)
            if key is not None and start == i and not gapped:
                yield run[i][0], run[i + n - 1][1], key
                i += n
                continue
            if key is not None and start == i:
                yield run[i + n - 1][0], run[i + n - 1][1], None
            if (key is not None and start == i) or self._given_name(run[i][2]):
                yield run[i][0], run[i][1], None
            i += 1

    def _in_hanzi(self, text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
        """The names in the hanzi chain TEXT[START:END]: in each stretch of the characters names are written with
        (separators skipped), at each place the two pieces (two to MAX_HAN hanzi each) sounding best like a held
        name; else lone hanzi words as given names."""
        spans: list[tuple[int, int, str | None]] = []
        for kept in _stretches(text, start, end, self._built().hanzi):
            flat = "".join(text[k] for k in kept)
            i = 0
            while i < len(flat) - 3:
                _, key, _, n = max(((*self._holder(pieces), len("".join(pieces))) for pieces in self._pieces(flat, i)),
                                   key=lambda hit: hit[0], default=(0.0, None, False, 1))
                if key is None:
                    i += 1
                    continue
                spans.append((kept[i], kept[i + n - 1] + 1, key))
                i += n
        for word in _HAN.finditer(text, start, end):
            if not any(s < word.end() and word.start() < e for s, e, _ in spans) and self._given_name(word.group(0)):
                spans.append((word.start(), word.end(), None))
        return spans

    def _pieces(self, flat: str, i: int) -> Iterator[tuple[str, str]]:
        """The pairs of adjacent pieces of FLAT at I, each of two to MAX_HAN hanzi sounding like a held part."""
        for k in range(2, min(MAX_HAN, len(flat) - i - 2) + 1):
            if not self._parts(flat[i:i + k]):
                continue
            for m in range(2, min(MAX_HAN, len(flat) - i - k) + 1):
                if self._parts(flat[i + k:i + k + m]):
                    yield flat[i:i + k], flat[i + k:i + k + m]

    def named(self, text: str) -> list[tuple[str, str | None]]:
        """The mentions :meth:`find` finds, as (text, person key)."""
        return [(text[s:e], key) for s, e, key in self.find(text)]


def _parts_of(name: str) -> list[str]:
    return [p for p in PARTS.split(name) if p]


def compound_head(part: str) -> bool:
    """Whether PART may be the head of a compound name part written apart: ``Abdu``/``Abdul`` in any script (the
    names tables' compound prefixes), else a short part (four letters or fewer, two hanzi or fewer: Nur, Gül, Ay,
    努尔, 古丽).

    >>> [compound_head(p) for p in ("Abdu", "阿不都", "ئابدۇ", "Nur", "古丽", "Abdurehim", "吐尔逊", "Tursun")]
    [True, True, True, True, True, False, False, False]
    """
    if len(part) <= (2 if _HAN.match(part) else 4):
        return True
    return any(len(rest) <= 1 for rest in map(after_prefix, part_keys(part)) if rest is not None)


def compounds(name: str) -> list[str]:
    """NAME's readings with a compound head and the part after it written as one, for a name of three parts or
    more: a compound given name may be held split by a space, a hyphen or a dot and written whole (Abdu Rehim
    Qasim ~ Qasim Abdurehim).

    >>> compounds("Abdu-Rehim Qasim"), compounds("Ali Tursun"), compounds("Abdurehim Tursun Qasim")
    (['AbduRehim Qasim'], [], [])
    """
    parts = _parts_of(name)
    if len(parts) < 3:
        return []
    return [" ".join([*parts[:k], parts[k] + parts[k + 1], *parts[k + 2:]]) for k in range(len(parts) - 1)
            if compound_head(parts[k])]


def _gapped(words: tuple[str, ...], match: NameMatch) -> bool:
    """Whether a word inside WORDS (not the first or last) is in none of MATCH's pairs of parts.

    >>> _gapped(("Ali", "said", "Tursun"), compare("Ali said Tursun", "阿里·吐尔逊"))
    True
    >>> _gapped(("Abdu", "Rehim", "Tursun"), compare("Abdu Rehim Tursun", "阿不都热合木·吐尔逊"))
    False
    """
    paired = [token for pair in match.pairs for token in pair.a.split()]
    return any(not any(w == t or (len(w) > 1 and w in t) for t in paired) for w in words[1:-1])


@lru_cache(maxsize=262144)
def _loose_keys(part: str) -> frozenset[str]:
    """The blocking keys of PART, each also without its first consonant class (Exmet KMT ~ 艾买提 MT) and cut to its
    first two (turghun TLK ~ 吐尔洪 TLN); a part of fewer than two consonant classes, which has no blocking key, has
    its classes marked short (Ali ~ 艾力 ~L).

    >>> sorted(_loose_keys("Exmet")), sorted(_loose_keys("艾买提"))
    (['KM', 'KMT', 'MT'], ['MT'])
    >>> sorted(_loose_keys("Ali")), sorted(_loose_keys("艾力")), sorted(_loose_keys("Ot"))
    (['~L'], ['~L'], ['~T'])
    """
    loose = {x for k in keys(part) for x in (k, k[1:], k[:2]) if len(x) >= 2}
    short = {"~" + c for c in map(consonant_classes, part_keys(part)) if len(c) < 2}
    return frozenset(loose | short)


def _stretches(text: str, start: int, end: int, chars: frozenset[str]) -> list[list[int]]:
    """The places of the hanzi of TEXT[START:END] in stretches of CHARS four or more long (what is not a hanzi
    between them skipped).

    >>> _stretches("据家属说艾尔肯·图尔迪被带走", 0, 14, frozenset("艾尔肯图迪"))
    [[4, 5, 6, 8, 9, 10]]
    """
    out: list[list[int]] = [[]]
    for k in range(start, end):
        if text[k] in chars:
            out[-1].append(k)
        elif _HAN.match(text, k) and out[-1]:
            out.append([])
    return [places for places in out if len(places) >= 4]


def overlaps(start: int, end: int, spans: list[tuple[int, int, str | None]]) -> bool:
    """Whether the span START..END shares a character with one of SPANS.

    >>> overlaps(3, 5, [(0, 4, None)]), overlaps(4, 5, [(0, 4, None)])
    (True, False)
    """
    return any(s < end and start < e for s, e, _ in spans)


def _kept(spans: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """SPANS without overlaps: a named person before a lone given name, the longer span first.

    >>> _kept([(0, 4, None), (0, 9, "id:1"), (5, 9, "id:2")])
    [(0, 9, 'id:1')]
    """
    kept: list[tuple[int, int, str | None]] = []
    for span in sorted(spans, key=lambda s: (s[2] is None, s[0] - s[1], s[0])):
        if not overlaps(span[0], span[1], kept):
            kept.append(span)
    return kept


def _glued(run: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    """RUN of TEXT with every two words a hyphen or a zero-width non-joiner joins read as one word.

    >>> text = "Abdu-\\nrehim Tur-sun"
    >>> [word for _, _, word in _glued(_runs(text)[0], text)]
    ['Abdurehim', 'Tursun']
    """
    out = run[:1]
    for start, end, word in run[1:]:
        if _GLUE.search(text, out[-1][1], start):
            out[-1] = (out[-1][0], end, out[-1][2] + word)
        else:
            out.append((start, end, word))
    return out


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of Latin or Arabic-script words of TEXT, each word with its span (a possessive 's set aside), only a gap
    (:data:`_GAP`) between two of them.

    >>> [[word for _, _, word in run] for run in _runs("Tursun Ali's wife; Eli")]
    [['Tursun', 'Ali', 'wife'], ['Eli']]
    """
    runs: list[list[tuple[int, int, str]]] = []
    last_end = -1
    for match in _WORD.finditer(text):
        end = match.end() - 2 if _POSSESSIVE.search(match.group(0)) else match.end()
        word = (match.start(), end, text[match.start():end])
        if runs and _GAP.fullmatch(text, last_end, match.start()):
            runs[-1].append(word)
        else:
            runs.append([word])
        last_end = match.end()
    return runs
