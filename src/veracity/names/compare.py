"""Comparing two personal names across scripts, with the reasons for the score.

Each part of one name is paired with a part of the other (either order, since the given
name and the patronymic swap places between sources); each pair is scored by phonetic
similarity of their keys; the name score is the weighted mean of the pairs, held down by
the weakest pair (a shared given name alone proves little) and by parts left unpaired.

>>> compare("Abdurehim Tursun", "ئابدۇرېھىم تۇرسۇن").score >= SAME_PERSON_THRESHOLD
True
>>> compare("Abdurehim Tursun", "Abdurehim Ötkür").score < SAME_PERSON_THRESHOLD
True
>>> compare("", "x").score
0.0
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from itertools import permutations

from veracity.names.latin_fold import after_prefix, different_names
from veracity.names.phonetic import similarity, weight
from veracity.names.structure import NamePart, ParsedName, parse

SAME_PERSON_THRESHOLD = 0.75
"""At or above this score two names are taken to be one person's (Memet Tohti ~ Mamat Tohti)."""

SWAP_PENALTY = 0.04  # given name and patronymic in the other order: Tohti Ilham ~ Ilham Tohti
WEAKEST_LINK_MARGIN = 0.1  # score <= weakest pair + this: Gulshan Abbas !~ Rushan Abbas
LOSSY_LINK_MARGIN = 0.15  # the same when a Chinese reading is involved, which loses sounds:
# 特依拜 ~ Téyip is 0.63 similar and still one name; Abdukerim Rahman !~ 阿不都克里木·阿巴索夫
EXTRA_PART_FACTOR = 0.93  # each unpaired part: Arslan Mijit Hidayat ~ Arslan Hidayat
SINGLE_PART_FACTOR = 0.85  # a one-part name against a longer one: Gulnar ~ Gulnar Tursun ...
PARTIAL_CAP = 0.7  # ... at most this: a given name alone is compatible, not proof of one person. Below
# SAME_PERSON_THRESHOLD and above the linkage's name floor (0.6), so other evidence decides.
DISTINCT_CAP = 0.5  # two names of one root kept apart by name_parts.yaml: Memet !~ Mehmut (0.77 by sound)
INITIAL_MATCH = 0.9  # M. ~ Memet, 黎 ~ Lutpulla: only the first sound is known
JOINED_FACTOR = 0.95  # parts split differently: 阿布都热依木吐尔逊 ~ Abdurehim Tursun


class Method(Enum):
    """How a pair of parts was judged."""

    SAME_KEY = "same phonetic key"
    SIMILAR_KEY = "similar phonetic keys"
    INITIAL = "initial or one-syllable abbreviation"
    DISTINCT = "different names of one root"
    JOINED = "whole names compared without part boundaries"


@dataclass(frozen=True)
class PartMatch:
    """One pair of parts, the keys compared and their similarity."""

    a: str
    b: str
    key_a: str
    key_b: str
    score: float
    method: Method

    def explain(self) -> str:
        """One line: the two parts, their keys, the method and score."""
        return f"{self.a} ~ {self.b} ({self.key_a} ~ {self.key_b}): {self.method.value}, {self.score:.2f}"


@dataclass(frozen=True)
class NameMatch:
    """The result of comparing two names: a score in [0, 1] and the reasons for it."""

    a: str
    b: str
    score: float
    pairs: tuple[PartMatch, ...]
    notes: tuple[str, ...]
    partial: bool = False  # one name has a single part: the score is capped at PARTIAL_CAP

    @property
    def same_person(self) -> bool:
        """Whether the score reaches SAME_PERSON_THRESHOLD."""
        return self.score >= SAME_PERSON_THRESHOLD

    def explain(self) -> str:
        """The score, each pair of parts and each adjustment, one per line."""
        lines = [f"{self.a!r} vs {self.b!r}: {self.score:.2f}"]
        lines += ["  " + p.explain() for p in self.pairs]
        lines += ["  " + n for n in self.notes]
        return "\n".join(lines)


def _first_sound(part: NamePart) -> frozenset[str]:
    first = part.key.lstrip(".")[:1]
    first = first if first in "LSCJ" else first.lower()
    return frozenset("lr") if first == "L" else frozenset(first)


def _initial_score(a: NamePart, b: NamePart) -> float:
    """INITIAL_MATCH when the initial is the first sound of the other part (黎 l(i) ~ Lutpulla)."""
    return INITIAL_MATCH if _first_sound(a) & _first_sound(b) else 0.0


def key_similarity(a: str, b: str) -> float:
    """Similarity of two keys; two Abdu- compounds by what follows Abdu-, which names the person.

    >>> round(key_similarity("abdurehim", "abdukerim"), 2) < round(similarity("abdurehim", "abdukerim"), 2)
    True
    """
    rest_a, rest_b = after_prefix(a), after_prefix(b)
    if rest_a and rest_b:
        return similarity(rest_a, rest_b)
    return similarity(a, b)


@lru_cache(maxsize=262144)  # pure; names share parts, so linkage meets each pair of parts many times
def match_parts(a: NamePart, b: NamePart) -> PartMatch:
    """The best reading of two parts against each other.

    >>> match_parts(parse("Memet").parts[0], parse("买买提").parts[0]).method
    <Method.SAME_KEY: 'same phonetic key'>
    >>> match_parts(parse("Memet").parts[0], parse("Mahmud").parts[0]).method
    <Method.DISTINCT: 'different names of one root'>
    """
    if a.is_initial != b.is_initial and (a.is_initial or b.is_initial):
        return PartMatch(a.text, b.text, a.key, b.key, _initial_score(a, b), Method.INITIAL)
    best = max(((key_similarity(ka, kb), ka, kb) for ka in a.keys for kb in b.keys), key=lambda t: t[0])
    distinct = next(((ka, kb) for ka in a.keys for kb in b.keys if different_names(ka, kb)), None)
    if distinct is not None:  # a listed name is read as spelled, not as pinyin: Husen is hüsen
        return PartMatch(a.text, b.text, *distinct, min(best[0], DISTINCT_CAP), Method.DISTINCT)
    method = Method.SAME_KEY if best[0] >= 1.0 else Method.SIMILAR_KEY
    return PartMatch(a.text, b.text, best[1], best[2], round(best[0], 4), method)


def _lossy(m: PartMatch) -> bool:
    """Whether either key is a Chinese or pinyin reading (capital vowels, L, weak vowels)."""
    return any(c in "AEIOUL." for c in m.key_a + m.key_b)


def _pair_weight(m: PartMatch) -> float:
    return 1.0 if m.method is Method.INITIAL else max(weight(m.key_a), weight(m.key_b))


@dataclass(frozen=True)
class _Alignment:
    pairs: tuple[PartMatch, ...]
    swapped: bool
    score: float


def _align(a: tuple[NamePart, ...], b: tuple[NamePart, ...]) -> _Alignment:
    """The pairing of the shorter name's parts with the longer's that scores best."""
    flip = len(a) > len(b)
    short, long_ = (b, a) if flip else (a, b)
    cache = {(i, j): match_parts(short[i], long_[j]) for i in range(len(short)) for j in range(len(long_))}
    best: _Alignment | None = None
    for chosen in permutations(range(len(long_)), len(short)):
        pairs = tuple(cache[i, j] for i, j in enumerate(chosen))
        total = sum(_pair_weight(p) for p in pairs)
        mean = sum(p.score * _pair_weight(p) for p in pairs) / total
        weakest = min(pairs, key=lambda p: p.score)
        margin = LOSSY_LINK_MARGIN if _lossy(weakest) else WEAKEST_LINK_MARGIN
        capped = min(mean, weakest.score + margin)
        swapped = list(chosen) != sorted(chosen)
        if swapped and any(p.method is Method.INITIAL for p in pairs):
            continue  # an initial abbreviates the name in its own place: 黎·穆塔里甫 !~ Mutellip Rozi
        candidate = _Alignment(pairs, swapped, capped - (SWAP_PENALTY if swapped else 0.0))
        if best is None or candidate.score > best.score:
            best = candidate
    if best is None:  # every pairing needed an initial out of place
        pairs = tuple(cache[i, i] for i in range(len(short)))
        best = _Alignment(pairs, False, min(p.score for p in pairs))
    if flip:
        pairs = tuple(PartMatch(p.b, p.a, p.key_b, p.key_a, p.score, p.method) for p in best.pairs)
        best = _Alignment(pairs, best.swapped, best.score)
    return best


def _joined(a: ParsedName, b: ParsedName) -> PartMatch:
    key_a = "".join(p.key for p in a.parts)
    key_b = "".join(p.key for p in b.parts)
    score = similarity(key_a, key_b) * JOINED_FACTOR
    return PartMatch(a.text, b.text, key_a, key_b, round(score, 4), Method.JOINED)


def _unreadable(a: str, b: str, pa: ParsedName, pb: ParsedName) -> NameMatch:
    notes = tuple(f"{p.text!r} cannot be read: {p.problem}" for p in (pa, pb) if not p.readable)
    return NameMatch(a, b, 0.0, (), notes)


def compare(a: str, b: str) -> NameMatch:
    """Compare two names in any of Latin, Uyghur Arabic, Cyrillic or Chinese script.

    >>> m = compare("Memet Tohti", "Mamat Tohti")
    >>> m.same_person, m.pairs[0].method.value
    (True, 'same phonetic key')
    >>> compare("Ilham Tohti", "伊力哈木·土赫提").same_person
    True
    """
    pa, pb = parse(a), parse(b)
    if not (pa.readable and pb.readable):
        return _unreadable(a, b, pa, pb)
    aligned = _align(pa.parts, pb.parts)
    notes: list[str] = [f"title set aside: {t}" for t in (*pa.dropped, *pb.dropped)]
    score = aligned.score
    if aligned.swapped:
        notes.append(f"parts in the other order: -{SWAP_PENALTY}")
    extra = abs(len(pa.parts) - len(pb.parts))
    partial = bool(extra) and min(len(pa.parts), len(pb.parts)) == 1
    if partial:
        score = min(PARTIAL_CAP, score * SINGLE_PART_FACTOR)
        longest = max(len(pa.parts), len(pb.parts))
        notes.append(f"one name has a single part, the other {longest}: x{SINGLE_PART_FACTOR}, at most {PARTIAL_CAP}")
    elif extra:
        score *= EXTRA_PART_FACTOR**extra
        notes.append(f"{extra} part(s) without a counterpart: x{EXTRA_PART_FACTOR}^{extra}")
    pairs = aligned.pairs
    if len(pa.parts) != len(pb.parts):
        joined = _joined(pa, pb)
        if joined.score > score:
            score, pairs, partial = joined.score, (joined,), False
            notes = [n for n in notes if n.startswith("title")] + [f"joined parts compared: x{JOINED_FACTOR}"]
    return NameMatch(a, b, float(round(min(1.0, max(0.0, score)), 4)), pairs, tuple(notes), partial)
