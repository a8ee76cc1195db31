"""Claims about a group of people, judged as a tally with its uncertainty.

A claim is about a group when its subject names several people ("A；B；C", "A, B and C") or
describes the listed people ("喀尔赛乡全体学员", "most of the 311 people", "1,300 entries"). Named
people also become one claim each (``C10.1``, ``C10.2`` ... at ingest). Each member is judged as a
single claim; the group's verdict follows the claim's quantifier:

- all / none (全体, 所有, 任何, every, no one): contradicted by any member the records contradict,
  supported when the records support every member, else unverifiable;
- most (大多数, 绝大部分, most, majority): supported when more than half are supported even if every
  uncovered member went against the claim, contradicted when at least half are contradicted;
- some (一些, 部分, some, several): supported by any supported member, contradicted when all are.

The sentence states the tally and the share it allows: between supported/N and
(supported + not covered)/N.

>>> describe_group("喀尔赛乡全体学员")
GroupSpec(quantifier=<Quantifier.ALL: 'all'>, detainees_only=True, place='喀尔赛乡', stated=None)
>>> describe_group("most of the 311 people").stated
311
>>> split_names("Kamil Osman; Erkin Tursun")
('Kamil Osman', 'Erkin Tursun')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from veracity.claims.model import Verdict

_SEPARATORS = re.compile(r"\s*(?:[;；、]|\band\b|,|，)\s*")
_ALL = ("全体", "所有", "全部", "任何", "每一", "每个", "all ", "all of", "every", "no one", "none", "nobody")
_MOST = ("大多数", "大部分", "绝大", "多数", "most", "majority")
_SOME = ("一些", "部分", "有的", "some", "several", "many")
_GROUP_WORDS = ("学员", "人员", "居民", "村民", "名单", "条", "人", "people", "persons", "entries", "residents",
                "detainees", "trainees", "students", "individuals", "names", "listed", *_ALL, *_MOST, *_SOME)
_DETAINEE_WORDS = ("学员", "在培", "收押", "培训", "detainee", "trainee", "student", "detained", "held")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_PLACE_ZH = re.compile(r"^(?P<place>[\u4e00-\u9fff]{2,}?(?:县|乡|镇|村|市))")
_PLACE_EN = re.compile(r"\b(?:of|in|from)\s+(?P<place>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*)")


class Quantifier(Enum):
    """How much of the group a claim speaks for."""

    ALL = "all"
    MOST = "most"
    SOME = "some"


@dataclass(frozen=True)
class GroupSpec:
    """A described group: quantifier, whether it means detainees only, a place, a stated size."""

    quantifier: Quantifier
    detainees_only: bool
    place: str
    stated: int | None


@dataclass(frozen=True)
class Tally:
    """How many members the records support, contradict or do not cover."""

    supported: int
    contradicted: int
    not_covered: int

    @property
    def total(self) -> int:
        return self.supported + self.contradicted + self.not_covered


def split_names(subject: str) -> tuple[str, ...]:
    """The names of a subject listing several people (one name: a 1-tuple).

    Commas split only when every part has at least two words or is in Chinese characters
    ("Tohti, Ilham" stays one name).

    >>> split_names("阿依古丽·吐尔逊、买买提·艾买提")
    ('阿依古丽·吐尔逊', '买买提·艾买提')
    >>> split_names("Tohti, Ilham")
    ('Tohti, Ilham',)
    >>> split_names("热依拉·肉孜（70，墨玉县）")
    ('热依拉·肉孜（70，墨玉县）',)
    """
    parts = tuple(p.strip() for p in _outside_brackets(subject.strip()) if p.strip())
    if len(parts) < 2 or describe_group(subject) is not None:
        return (subject.strip(),)
    latin_single = [p for p in parts if len(p.split()) < 2 and not re.search(r"[\u4e00-\u9fff\u0600-\u06ff]", p)]
    return (subject.strip(),) if latin_single else parts


def _outside_brackets(text: str) -> list[str]:
    """TEXT split at the separators that are not inside brackets ("A (34, Hotan); B" -> two parts)."""
    parts, depth, start = [], 0, 0
    for k, char in enumerate(text):
        depth += (char in "(（[") - (char in ")）]")
        if depth == 0 and (m := _SEPARATORS.match(text, k)) and m.end() > k and k >= start:
            parts.append(text[start:k])
            start = m.end()
    return [*parts, text[start:]]


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def describe_group(subject: str) -> GroupSpec | None:
    """The group SUBJECT describes, or None when it names a person.

    >>> describe_group("Kamil Osman") is None
    True
    >>> describe_group("1,300 entries of the list").stated
    1300
    """
    lowered = f" {subject.lower()} "
    number = _NUMBER.search(subject)
    quantified = _has(lowered, _ALL + _MOST + _SOME)
    if not quantified and not (number and _has(lowered, _GROUP_WORDS)):
        return None
    quantifier = (Quantifier.MOST if _has(lowered, _MOST) else Quantifier.SOME if _has(lowered, _SOME)
                  else Quantifier.ALL)
    place = m["place"] if (m := _PLACE_ZH.match(subject.strip())) else (
        m["place"] if (m := _PLACE_EN.search(subject)) else "")
    stated = int(number[0].replace(",", "")) if number else None
    return GroupSpec(quantifier, _has(lowered, _DETAINEE_WORDS), place, stated)


def group_verdict(quantifier: Quantifier, tally: Tally) -> Verdict:
    """The group's verdict from its members' tally.

    >>> group_verdict(Quantifier.ALL, Tally(290, 10, 0))
    <Verdict.CONTRADICTED: 'contradicted'>
    >>> group_verdict(Quantifier.MOST, Tally(120, 10, 170))
    <Verdict.UNVERIFIABLE: 'unverifiable'>
    """
    n, s, c = tally.total, tally.supported, tally.contradicted
    if n == 0:
        return Verdict.NOT_FOUND
    if quantifier is Quantifier.ALL:
        return Verdict.CONTRADICTED if c else Verdict.SUPPORTED if s == n else Verdict.UNVERIFIABLE
    if quantifier is Quantifier.MOST:
        return Verdict.SUPPORTED if 2 * s > n else Verdict.CONTRADICTED if 2 * c >= n else Verdict.UNVERIFIABLE
    return Verdict.SUPPORTED if s else Verdict.CONTRADICTED if c == n else Verdict.UNVERIFIABLE


def tally_sentence(spec_words: str, tally: Tally, stated: int | None) -> str:
    """The tally in words, with the share of members it allows to agree with the claim.

    >>> tally_sentence("the 3 named people", Tally(1, 1, 1), None)[-50:]
    'do not cover 1: between 33% and 67% agree with it.'
    """
    n = tally.total
    low, high = (tally.supported / n, (tally.supported + tally.not_covered) / n) if n else (0.0, 0.0)
    size = f" ({n})" if stated is None or stated == n else f" ({n} in the records; the claim says {stated})"
    return (f"Of {spec_words}{size}, the records support the claim for {tally.supported}, contradict it for "
            f"{tally.contradicted} and do not cover {tally.not_covered}: between {low:.0%} and {high:.0%} "
            "agree with it.")
