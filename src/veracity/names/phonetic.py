"""How alike two phonetic keys sound: a weighted edit distance over the key alphabet.

Costs are low where spellings of one Uyghur sound differ (vowels, h, l/r in Chinese,
k/g/h, b/p, d/t, s/sh) and 1 for a different consonant. Each cost is justified by a pair.

>>> similarity("memet", "mamat") > 0.85
True
>>> similarity("abduk.L.m.", "abdukerim") > 0.85   # 阿不都克里木 ~ Abdukerim
True
>>> similarity("tursun", "kerim") < 0.4
True
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("aeiouAEIOU")  # capitals: a Chinese transcription's approximate vowels
APPROXIMATE_VOWEL = 0.3  # 博 bo ~ bars, 特 te ~ ti: any vowel for an approximate one
WEAK = "."  # a vowel a Chinese transcription adds after a final consonant

# Cost of dropping or adding one key letter.
_INDEL: dict[str, float] = {
    WEAK: 0.05,  # 木 m(u) at the end of 阿不都克里木 ~ Abdukerim
    "h": 0.4,  # Mehmet ~ Memet; 衣拉木江 ~ Ilhamjan
    "y": 0.4,  # Ayup ~ Aup (keyboard), pinyin yi ~ i
    "w": 0.5,  # Abduweli ~ Abduèli
    "r": 0.5,  # 堯樂博斯 ~ Yolbars: Chinese drops a final r
    "l": 0.5,  # 迪妮格尔 ~ Dilnigar
    "x": 0.5,
    "L": 0.5,
    "n": 0.7,  # 依明 ~ Imir: Chinese closes a syllable with n
}
_VOWEL_INDEL = 0.35  # Abdulkerim ~ Abdulkerime; Chinese adds vowels
_CONSONANT_INDEL = 1.0

# Cost of writing one key letter for another (symmetric); anything missing costs 1.
_PAIRS: dict[tuple[str, str], float] = {
    ("a", "e"): 0.15,  # Memet ~ Mamat, Rebiya ~ Rabiya
    ("e", "i"): 0.2,  # Téyip ~ Tiyip
    ("o", "u"): 0.15,  # Yolbars ~ Yulbars, Shöhret ~ Shuhret
    ("a", "i"): 0.4,
    ("a", "o"): 0.55,  # Memet !~ Mehmut
    ("a", "u"): 0.55,
    ("e", "o"): 0.55,
    ("e", "u"): 0.55,
    ("i", "o"): 0.55,
    ("i", "u"): 0.45,
    ("i", "y"): 0.2,  # Sabri ~ Sabry
    ("u", "w"): 0.2,  # 麦斯武德 ~ Mesut
    ("L", "l"): 0.05,  # 力 l(i) ~ li
    ("L", "r"): 0.05,  # 里 l(i) ~ ri in 阿不都克里木 ~ Abdukerim
    ("l", "r"): 0.45,
    ("k", "g"): 0.3,  # Turkic voicing alternation, as b/p and d/t: Tursunbeg ~ Tursunbek
    ("k", "h"): 0.4,  # 雪克来提 ~ Shöhret; Makhdum ~ Maqdum
    ("g", "h"): 0.45,
    ("h", "x"): 0.1,  # ULY x ~ English h: Mexsum ~ Mahsum
    ("k", "x"): 0.35,  # Mexsum ~ Makhsum ~ Maqsum
    ("g", "x"): 0.45,
    ("S", "x"): 0.3,  # pinyin x is sh: Xiralijan ~ Shirelijan, Taxpolat ~ Tashpolat
    ("s", "x"): 0.5,
    ("b", "p"): 0.3,  # Ayub ~ Ayup
    ("p", "w"): 0.5,
    ("b", "w"): 0.3,  # Yolbars ~ Yolwas: Turkic b/w alternation
    ("d", "t"): 0.3,  # Mehmed ~ Mehmet
    ("s", "S"): 0.3,  # 斯 s(i) ~ 什 sh(i)
    ("s", "z"): 0.4,
    ("S", "C"): 0.4,
    ("C", "J"): 0.3,  # Chinese j ~ ULY ch
    ("J", "z"): 0.5,
    ("J", "S"): 0.5,
    ("J", "y"): 0.6,
    ("m", "n"): 0.6,
    ("n", "L"): 0.7,
}
_SUB: dict[tuple[str, str], float] = {**_PAIRS, **{(b, a): c for (a, b), c in _PAIRS.items()}}

# Lower costs when one key is a Chinese reading (hanzi or pinyin: capital vowels, L, weak
# vowels), for what Putonghua cannot write; the other costs stay as above.
_CHINESE_INDEL: dict[str, float] = {
    "r": 0.25,  # no syllable-final r in Putonghua, so a coda r is 尔 or left out: 库车 ~ Kuchar, 沙雅 ~ Shayar
    "w": 0.25,  # pinyin wu is [u]: 吾 writes Uyghur wu as u, 沙吾提 ~ Sawut
}
_CHINESE_PAIRS: dict[tuple[str, str], float] = {
    ("s", "S"): 0.1,  # Uyghur sa/se are written with 沙 sha, 山 shan: 沙迪克 ~ Sadiq, 沙吾提 ~ Sawut
    ("k", "h"): 0.25,  # no uvular q in Putonghua, written h as often as k: 哈斯木 ~ Qasim
}
_CHINESE_SUB = {**_SUB, **_CHINESE_PAIRS, **{(b, a): c for (a, b), c in _CHINESE_PAIRS.items()}}
_CHINESE_MARKS = frozenset("AEIOUL" + WEAK)


def is_chinese_reading(key: str) -> bool:
    """Whether KEY is the reading of a Chinese transcription or its pinyin.

    >>> is_chinese_reading("yOL.bOs."), is_chinese_reading("yolbars")
    (True, False)
    """
    return not _CHINESE_MARKS.isdisjoint(key)


def indel_cost(ch: str, chinese: bool = False) -> float:
    """The cost of dropping CH; CHINESE when the other key is a Chinese reading.

    >>> indel_cost("a"), indel_cost("k"), indel_cost("."), indel_cost("r", chinese=True)
    (0.35, 1.0, 0.05, 0.25)
    """
    if chinese and ch in _CHINESE_INDEL:
        return _CHINESE_INDEL[ch]
    if ch in _INDEL:
        return _INDEL[ch]
    return _VOWEL_INDEL if ch in VOWELS else _CONSONANT_INDEL


def sub_cost(a: str, b: str, chinese: bool = False) -> float:
    """The cost of writing B where A was meant; CHINESE when either key is a Chinese reading.

    >>> sub_cost(".", "e"), sub_cost("L", "r"), sub_cost("t", "m"), sub_cost("s", "S", chinese=True)
    (0.1, 0.05, 1.0, 0.1)
    """
    if a == b:
        return 0.0
    if a == WEAK or b == WEAK:
        return 0.1 if (a in VOWELS or b in VOWELS) else 1.0
    if (a.isupper() or b.isupper()) and a in VOWELS and b in VOWELS:
        lower = _SUB.get((a.lower(), b.lower()), 0.0 if a.lower() == b.lower() else 1.0)
        return min(lower, APPROXIMATE_VOWEL)
    table = _CHINESE_SUB if chinese else _SUB
    return table.get((a, b), table.get((a.lower(), b.lower()), 1.0))


_indel_cached = lru_cache(maxsize=65536)(indel_cost)  # distance() asks for each cell of its table: cached per letter
_sub_cached = lru_cache(maxsize=65536)(sub_cost)


@lru_cache(maxsize=65536)  # compare() weighs each part of every pairing it tries
def weight(key: str) -> float:
    """The total cost of dropping every letter of KEY: its length as the distance sees it.

    >>> weight("ab.")
    1.4
    """
    return round(sum(indel_cost(c) for c in key), 6)


def distance(a: str, b: str) -> float:
    """Weighted edit distance between two keys, with the Chinese costs when either key is a
    Chinese reading.

    >>> distance("abduk.L.m.", "abdukerim")
    0.3
    >>> distance("kUC.", "kuCar") < distance("kuCa", "kuCar")  # 库车 ~ Kuchar
    True
    """
    if a == b:
        return 0.0  # every letter against itself costs nothing (and no cost is negative)
    chinese = is_chinese_reading(a) or is_chinese_reading(b)
    ins_b = [_indel_cached(cb, chinese) for cb in b]
    prev = [0.0]
    for cost in ins_b:
        prev.append(prev[-1] + cost)
    for ca in a:
        del_a = _indel_cached(ca, chinese)
        left = prev[0] + del_a
        row = [left]
        for j, cb in enumerate(b, start=1):  # min(up, left + insert, diagonal + substitute), written out: hot loop
            up, across = prev[j] + del_a, left + ins_b[j - 1]
            diagonal = prev[j - 1] + _sub_cached(ca, cb, chinese)
            left = up if up <= across else across
            left = diagonal if diagonal < left else left
            row.append(left)
        prev = row
    return round(prev[-1], 6)


@lru_cache(maxsize=262144)
def similarity(a: str, b: str) -> float:
    """1 - distance / the heavier key's weight, in [0, 1]; 0 when either key is empty.

    >>> similarity("abas", "abas")
    1.0
    """
    if not a or not b:
        return 0.0
    scale = max(weight(a), weight(b))
    return max(0.0, 1.0 - distance(a, b) / scale)
