"""Names the case holds, found in free text in any script by how they sound (:mod:`veracity.names`).

The name index (:class:`veracity.report.redact.NameIndex`) finds the spellings it can derive; a person
the case holds only in Chinese may be written in free text in Uyghur Latin, pinyin, an English-style
spelling or Arabic script that no table derives. Free text is read as runs of name-like words (Latin
words with a capital, Arabic-script words, short hanzi runs, with spaces or a middle dot between them);
each two or three words of a run are compared (:func:`veracity.names.compare`) with the held names
that share a blocking key with them (:func:`veracity.names.keys`; the :data:`MAX_CANDIDATES` sharing
the most), given name and patronymic in either order; a hyphenated word or a short hanzi run alone too.
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
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from veracity.names import SAME_PERSON_THRESHOLD, compare, keys

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_GAP = re.compile(r"[ \t\u00a0\u3000·•‧・∙]*")
_PARTS = re.compile(r"[\s·•‧・∙.\-_]+")
_JOINED = re.compile(r"['’\-]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ARABIC = re.compile(r"[\u0620-\u064a\u066e-\u06d5\u06ee-\u06ff]")
MAX_HAN = 8  # a longer run of hanzi is a sentence, not a name part
MIN_LONE = 4  # letters of a lone Latin or Arabic-script word compared with given names (two hanzi)
MAX_CANDIDATES = 400  # held names compared with one window of words, those sharing the most blocking keys first
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

    Built lazily: the blocking keys of the names are read the first time a text holds a name-like word.
    """

    def __init__(self, names: Mapping[str, str]) -> None:
        self._names = names
        self._by_key: dict[str, list[str]] | None = None
        self._given: dict[str, set[str]] = {}

    def _build(self) -> dict[str, list[str]]:
        by_key: dict[str, list[str]] = {}
        for name in self._names:
            parts = [p for p in _PARTS.split(name) if p]
            if len(parts) < 2:
                continue
            for k in {k for p in parts for k in _part_keys(p)}:
                by_key.setdefault(k, []).append(name)
            for k in _part_keys(parts[0]):
                self._given.setdefault(k, set()).add(parts[0])
        return by_key

    @lru_cache(maxsize=65536)  # noqa: B019 - one Mentions per case index, kept for the process
    def _holder(self, words: str) -> tuple[float, str | None]:
        """The score and person key of the held name WORDS sounds like best (None below the threshold)."""
        if self._by_key is None:
            self._by_key = self._build()
        shared = Counter(n for k in set(keys(words)) for n in self._by_key.get(k, ()))
        candidates = [n for n, _ in shared.most_common(MAX_CANDIDATES)]
        score, name = max(((compare(words, n).score, n) for n in candidates), default=(0.0, ""))
        return (score, self._names[name]) if score >= SAME_PERSON_THRESHOLD else (0.0, None)

    def _best(self, run: list[tuple[int, int, str]], i: int) -> tuple[float, str | None, int, int]:
        """The best-sounding window of RUN at word I (up to RUN words) or the two after it:
        (score, person key or None, start, words)."""
        windows = [(i, n) for n in range(min(RUN, len(run) - i), 1, -1)] + [(i + 1, 2)] * (i + 2 < len(run))
        if _JOINED.search(run[i][2]) or _HAN.fullmatch(run[i][2]):
            windows.append((i, 1))
        hits = [(*self._holder(" ".join(w for _, _, w in run[s:s + n])), s, n) for s, n in windows]
        return max(hits, key=lambda hit: hit[0], default=(0.0, None, i, 1))

    @lru_cache(maxsize=65536)  # noqa: B019 - as above
    def _given_name(self, word: str) -> bool:
        if self._by_key is None:
            self._by_key = self._build()
        candidates = set().union(*(self._given.get(k, set()) for k in keys(word)))
        return any(compare(word, given).score >= SAME_PERSON_THRESHOLD for given in candidates)

    def find(self, text: str) -> list[tuple[int, int, str | None]]:
        """Spans (start, end, person key) of the held names TEXT mentions; the key is None for a lone given name."""
        spans: list[tuple[int, int, str | None]] = []
        for run in _runs(text):
            i = 0
            while i < len(run):
                _, key, start, n = self._best(run, i)
                if key is not None and start == i:
                    spans.append((run[i][0], run[i + n - 1][1], key))
                    i += n
                    continue
                if _long_enough(run[i][2]) and self._given_name(run[i][2]):
                    spans.append((run[i][0], run[i][1], None))
                i += 1
        return spans

    def named(self, text: str) -> list[tuple[str, str | None]]:
        """The mentions :meth:`find` finds, as (text, person key)."""
        return [(text[s:e], key) for s, e, key in self.find(text)]


@lru_cache(maxsize=65536)
def _part_keys(part: str) -> tuple[str, ...]:
    return tuple(keys(part))


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of name-like words of TEXT, each word with its span, only spaces or a middle dot between them."""
    runs: list[list[tuple[int, int, str]]] = []
    last_end = -1
    for match in _WORD.finditer(text):
        word = match.group(0)
        if not name_like(word):
            last_end = -1
            continue
        if runs and last_end >= 0 and _GAP.fullmatch(text, last_end, match.start()):
            runs[-1].append((match.start(), match.end(), word))
        else:
            runs.append([(match.start(), match.end(), word)])
        last_end = match.end()
    return runs
