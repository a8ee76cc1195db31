"""Whom a pronoun speaker ("he said", "她说") stands for: the nearest person before it that fits.

An article names people before it quotes them by a pronoun: as the speaker of an earlier quotation,
or as the subject of a sentence of narration ("His brother, who lives abroad, disagreed.",
"Kamil Osman's wife said ...", "他的哥哥在国外……"). Those mentions are antecedents, in text order; a
pronoun takes the nearest one whose grammatical gender and number fit it (``he``/他: a man or a
person of unknown sex; ``she``/她: a woman or unknown; ``they``/他们: several people, or one of
unknown sex). None fitting, the speaker is left empty rather than named wrongly.

>>> subjects("Officials rejected the list. His brother, who lives abroad, disagreed.")
['Officials', 'His brother']
>>> nearest("he", ["a county spokesperson", "his mother", "His brother"])
'His brother'
>>> nearest("she", ["a county spokesperson", "His brother"])
'a county spokesperson'
>>> nearest("she", ["His brother"])
''
"""

from __future__ import annotations

import re

_MEN = ("brother", "father", "son", "husband", "uncle", "nephew", "grandfather", "grandson", "man", "spokesman",
        "boy", "stepfather", "brother-in-law", "father-in-law")
_WOMEN = ("sister", "mother", "daughter", "wife", "aunt", "niece", "grandmother", "granddaughter", "woman",
          "spokeswoman", "girl", "stepmother", "sister-in-law", "mother-in-law")
_ANYONE = ("spokesperson", "official", "officer", "relative", "cousin", "neighbour", "neighbor", "friend", "resident",
           "farmer", "teacher", "witness", "lawyer", "villager", "director", "secretary", "chief", "head", "student",
           "worker", "doctor", "imam", "parent", "child", "sibling", "colleague", "representative", "governor",
           "mayor", "leader", "researcher", "activist", "journalist", "reporter", "spokesperson", "cadre", "guard",
           "detainee", "survivor", "member", "employee", "scholar", "expert", "analyst", "person", "victim")
_PLURAL = ("people", "men", "women", "children", "police", "authorities", "family", "parents", "relatives")
_ZH_MEN = ("哥哥", "弟弟", "父亲", "爸爸", "儿子", "丈夫", "叔叔", "伯伯", "舅舅", "爷爷", "外公", "孙子")
_ZH_WOMEN = ("姐姐", "妹妹", "母亲", "妈妈", "女儿", "妻子", "阿姨", "奶奶", "外婆", "孙女")
_ZH_ANYONE = ("发言人", "官员", "负责人", "主任", "书记", "邻居", "亲属", "亲戚", "村民", "居民", "干部", "律师",
              "学者", "教师", "老师", "学员", "农民")
_ZH_PLURAL = ("他们", "她们", "家人", "家属", "官员们", "村民们")
_PRONOUN_GENDER = {"he": "M", "him": "M", "他": "M", "she": "F", "her": "F", "她": "F", "they": "P", "them": "P",
                   "他们": "P", "她们": "P"}

_NOUNS = "|".join(sorted({*_MEN, *_WOMEN, *_ANYONE, *_PLURAL}, key=len, reverse=True))
_OPENER = r"(?:(?:In|At|On|During|Later|Meanwhile|But|And|However|Yet)\b[^,]{0,30},\s+|(?:But|And|Yet)\s+)?"
_EN_SUBJECT = re.compile(
    rf"{_OPENER}(?P<np>(?:(?i:the|a|an|his|her|their|its|one|another)\s+|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?['’]s\s+)"
    rf"(?:[\w-]+\s+){{0,2}}?(?i:{_NOUNS})s?"
    rf"|(?!(?:The|This|That|These|Those|There|According|In|On|At)\b)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,2}}"
    rf"(?=\s*,|\s+(?!of\b)[a-z])"
    rf"|(?:Officials|Authorities|Police|Relatives|Residents|Villagers|Neighbours|Neighbors))\b")
_ZH_SUBJECT = re.compile(r"^(?:\d{1,2}月)?(?:\d{1,2}日)?[，,]?(?P<np>[^，。；：“”\s]{0,12}?(?:"
                         + "|".join(sorted({*_ZH_MEN, *_ZH_WOMEN, *_ZH_ANYONE, *_ZH_PLURAL}, key=len, reverse=True))
                         + "))")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])")


def gender(phrase: str) -> str:
    """The grammatical gender of a person phrase: ``M``, ``F``, ``P`` (several people) or ``""`` (unknown, one).

    >>> [gender(p) for p in ("His brother", "the spokeswoman", "Officials", "Gulnar Memet", "热合曼的哥哥")]
    ['M', 'F', 'P', '', 'M']
    """
    words = phrase.lower().split()
    head = words[-1] if words else ""
    if head in _MEN or phrase.endswith(_ZH_MEN):
        return "M"
    if head in _WOMEN or phrase.endswith(_ZH_WOMEN):
        return "F"
    if head in _PLURAL or (head.endswith("s") and head[:-1] in _ANYONE) or phrase.endswith(_ZH_PLURAL):
        return "P"
    return ""


def is_pronoun(word: str) -> bool:
    """Whether WORD is a personal pronoun a speaker may be named by (he, she, they, 他, 她, 他们 ...).

    >>> is_pronoun("He"), is_pronoun("他们"), is_pronoun("Memet")
    (True, True, False)
    """
    return word.lower() in _PRONOUN_GENDER or word.lower() in ("i", "we", "it")


def fits(pronoun: str, phrase: str) -> bool:
    """Whether PRONOUN may stand for the person PHRASE names.

    >>> fits("he", "his brother"), fits("he", "his mother"), fits("they", "officials"), fits("她", "发言人")
    (True, False, True, True)
    """
    wanted, found = _PRONOUN_GENDER.get(pronoun.lower(), ""), gender(phrase)
    return not wanted or found in (wanted, "")


def subjects(narration: str) -> list[str]:
    """The persons that sentences of NARRATION (text outside quotation marks) open with, in order."""
    out: list[str] = []
    for sentence in _SENTENCES.split(narration):
        sentence = sentence.strip(" ,，")
        found = _ZH_SUBJECT.match(sentence) or _EN_SUBJECT.match(sentence)
        if found and not is_pronoun(found["np"]):
            out.append(found["np"])
    return out


def nearest(pronoun: str, antecedents: list[str]) -> str:
    """The last of ANTECEDENTS that PRONOUN fits, or '' when none does."""
    return next((a for a in reversed(antecedents) if fits(pronoun, a)), "")
