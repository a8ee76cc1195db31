"""Names the case holds, found in free text in any script by how they sound (:mod:`veracity.names`).

The name index (:class:`veracity.report.redact.NameIndex`) finds the spellings it can derive; a person
the case holds only in Chinese may be written in free text in Uyghur Latin, pinyin, an English-style
spelling or Arabic script that no table derives. Free text is read as runs of name-like words (Latin
words with a capital, Arabic-script words, short hanzi runs, with spaces, hyphens or a middle dot between them);
each two or three words of a run are compared (:func:`veracity.names.compare`) with the held names
two of whose parts two of the words sound like, given name and patronymic in either order.
A lone word is compared with the given names the case holds (a mention without the patronymic) and
becomes ``[name]``. Ordinary words rarely sound like two parts of one held name; a lone word must sound like
a whole given name, and a few common place and kinship words never count as one.

>>> m = Mentions({"阿力木·卡德尔": "id:1"})
>>> [(text, key) for text, key in m.named("Qadir Alim and Alimu Kadeer in Hotan; ئالىم قادىر")]
[('Qadir Alim', 'id:1'), ('Alimu Kadeer', 'id:1'), ('ئالىم قادىر', 'id:1')]
>>> m.named("Alim went to Xinjiang")
[('Alim', None)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import combinations

from veracity.names import SAME_PERSON_THRESHOLD, compare, keys, part_keys, similarity
from veracity.report.spellings import PARTS

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_GAP = re.compile(r"[ \t\u00a0\u3000·•‧・∙\-]*")
_DOT = re.compile(r"\s*[·•‧・∙]\s*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ARABIC = re.compile(r"[\u0620-\u064a\u066e-\u06d5\u06ee-\u06ff]")
MAX_HAN = 8  # a longer run of hanzi is a sentence, not a name part
MIN_LONE = 4  # letters of a lone Latin or Arabic-script word compared with given names (two hanzi)
RUN = 3  # most words of a run compared with a name at once
ORDINARY = frozenset(("xinjiang", "hotan", "khotan", "xoten", "qaraqash", "karakax", "moyu", "kashgar", "qeshqer",
    "urumqi", "ürümchi", "aksu", "yarkand", "yeken", "turpan", "ghulja", "county", "township", "village", "town",
    "city", "prefecture", "region", "street", "road", "district", "yéza", "nahiye", "kent", "mehelle", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "mother",
    "father", "brother", "sister", "son", "daughter", "wife", "husband", "uncle", "aunt", "grandmother",
    "grandfather", "ana", "ata", "aka", "uka", "singil", "hede", "acha", "dada", "apa"))
"""Words never taken for a lone given name."""


def name_like(word: str) -> bool:
    """Whether WORD may be part of a name: a Latin word with a capital, an Arabic-script word, a short hanzi run.

    >>> [name_like(w) for w in ("Alim", "alim", "ئالىم", "阿力木", "因宗教极端被收押培训")]
    [True, False, True, True, False]
    """
    if _HAN.fullmatch(word):
        return len(word) <= MAX_HAN
    return bool(_ARABIC.match(word)) or word[0].isupper()


def _long_enough(word: str) -> bool:
    return len(word) >= (2 if _HAN.fullmatch(word) else MIN_LONE) and word.lower() not in ORDINARY


class Mentions:
    """The names of a case (held name -> person key), found in free text by sound.

    Built lazily, the first time a text holds a name-like word: the distinct parts of the held names of two
    parts or more by blocking key, and those names by each pair of their parts. A word is read once per
    process onto the held parts it sounds like; a window of words is a candidate for the names holding a
    pair of its words' parts, and :func:`veracity.names.compare` judges it whole.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self._names = names
        self._index: tuple[dict[str, set[str]], dict[tuple[str, str], list[str]], set[str]] | None = None

    def _built(self) -> tuple[dict[str, set[str]], dict[tuple[str, str], list[str]], set[str]]:
        if self._index is None:
            parts_by_key: dict[str, set[str]] = {}
            by_pair: dict[tuple[str, str], list[str]] = {}
            given: set[str] = set()
            held: set[str] = set()
            for name in self._names:
                parts = [p for p in PARTS.split(name) if p]
                if len(parts) < 2:
                    continue
                given.add(parts[0])
                held.update(parts)
                pairs = [(min(parts), max(parts))] if len(parts) == 2 else combinations(sorted(set(parts)), 2)
                for pair in pairs:
                    by_pair.setdefault(pair, []).append(name)
            for part in held:
                for k in _loose_keys(part):
                    parts_by_key.setdefault(k, set()).add(part)
            self._index = parts_by_key, by_pair, given
        return self._index

    @lru_cache(maxsize=65536)  # noqa: B019 - one Mentions per case index, kept for the process
    def _parts(self, word: str) -> frozenset[str]:
        """The held name parts WORD sounds like (the similarity of their phonetic keys, as compare scores a part)."""
        parts_by_key = self._built()[0]
        candidates = set().union(*(parts_by_key.get(k, set()) for k in _loose_keys(word)))
        own = part_keys(word)
        return frozenset(p for p in candidates
                         if max((similarity(a, b) for a in own for b in part_keys(p)), default=0.0)
                         >= SAME_PERSON_THRESHOLD)

    @lru_cache(maxsize=65536)  # noqa: B019 - as above
    def _holder(self, words: tuple[str, ...]) -> tuple[float, str | None]:
        """The score and person key of the held name WORDS sound like best (None below the threshold)."""
        by_pair = self._built()[1]
        candidates = {name for a, b in combinations(words, 2) for pa in self._parts(a) for pb in self._parts(b)
                      for name in by_pair.get((min(pa, pb), max(pa, pb)), ())}
        score, name = max(((compare(" ".join(words), n).score, n) for n in sorted(candidates)), default=(0.0, ""))
        return (score, self._names[name]) if score >= SAME_PERSON_THRESHOLD else (0.0, None)

    def _best(self, run: list[tuple[int, int, str]], i: int) -> tuple[float, str | None, int, int]:
        """The best-sounding window of RUN at word I (up to RUN words) or the two after it:
        (score, person key or None, start, words)."""
        windows = [(i, n) for n in range(min(RUN, len(run) - i), 1, -1)] + [(i + 1, 2)] * (i + 2 < len(run))
        hits = [(*self._holder(tuple(w for _, _, w in run[s:s + n])), s, n) for s, n in windows]
        return max(hits, key=lambda hit: hit[0], default=(0.0, None, i, 1))

    def _given_name(self, word: str) -> bool:
        return _long_enough(word) and not self._parts(word).isdisjoint(self._built()[2])

    def find(self, text: str) -> list[tuple[int, int, str | None]]:
        """Spans (start, end, person key) of the held names TEXT mentions; the key is None for a lone given name."""
        spans: list[tuple[int, int, str | None]] = []
        for run in (r for whole in _runs(text) for r in _split(self._trimmed(text, whole))):
            i = 0
            while i < len(run):
                _, key, start, n = self._best(run, i)
                if key is not None and start == i:
                    spans.append((run[i][0], run[i + n - 1][1], key))
                    i += n
                    continue
                if self._given_name(run[i][2]):
                    spans.append((run[i][0], run[i][1], None))
                i += 1
        return spans

    def _trimmed(self, text: str, run: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """RUN with two hanzi runs joined by a middle dot cut to the longest held part the first ends with
        and the second starts with (与阿力木·卡德尔的兄弟: 阿力木, 卡德尔)."""
        out = list(run)
        for j in range(len(out) - 1):
            (_, end, a), (start, _, b) = out[j], out[j + 1]
            if not (_HAN.fullmatch(a) and _HAN.fullmatch(b) and _DOT.fullmatch(text, end, start)):
                continue
            cut = next((k for k in range(min(MAX_HAN, len(a)), 1, -1) if self._parts(a[-k:])), 0)
            if cut:
                out[j] = (end - cut, end, a[-cut:])
            cut = next((k for k in range(min(MAX_HAN, len(b)), 1, -1) if self._parts(b[:k])), 0)
            if cut:
                out[j + 1] = (start, start + cut, b[:cut])
        return out

    def named(self, text: str) -> list[tuple[str, str | None]]:
        """The mentions :meth:`find` finds, as (text, person key)."""
        return [(text[s:e], key) for s, e, key in self.find(text)]


@lru_cache(maxsize=262144)
def _loose_keys(part: str) -> frozenset[str]:
    """The blocking keys of PART, each also without its first consonant class (Exmet KMT ~ 艾买提 MT).

    >>> sorted(_loose_keys("Exmet")), sorted(_loose_keys("艾买提"))
    (['KMT', 'MT'], ['MT'])
    """
    return frozenset(x for k in keys(part) for x in (k, k[1:]) if len(x) >= 2)


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of name-like words (and hanzi runs) of TEXT, each word with its span, only spaces, hyphens or a
    middle dot between them."""
    runs: list[list[tuple[int, int, str]]] = []
    last_end = -1
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not (name_like(word) or _HAN.fullmatch(word)):
            last_end = -1
            continue
        if runs and last_end >= 0 and _GAP.fullmatch(text, last_end, match.start()):
            runs[-1].append((match.start(), match.end(), word))
        else:
            runs.append([(match.start(), match.end(), word)])
        last_end = match.end()
    return runs


def _split(run: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """RUN cut at its words that are not name-like (hanzi runs too long for a name part).

    >>> [[w for _, _, w in r] for r in _split([(0, 3, "阿力木"), (4, 14, "因宗教极端被收押培训"), (15, 18, "卡德尔")])]
    [['阿力木'], ['卡德尔']]
    """
    out: list[list[tuple[int, int, str]]] = [[]]
    for word in run:
        if name_like(word[2]):
            out[-1].append(word)
        elif out[-1]:
            out.append([])
    return [r for r in out if r]
