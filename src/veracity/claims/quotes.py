"""Quotations in an article's paragraphs: direct and reported, with speaker, persons and a suggested assertion.

Direct quotations are the words between curly, straight, corner or guillemet quotation marks (four
words or more, or six Chinese characters: shorter quoted words are scare quotes, not statements);
a quotation whose paragraph ends inside it runs on into the next paragraph that opens with a
quotation mark, as newspapers print it. The speaker is read around it: ``"…," X said``,
``"…," said X``, ``X said: "…"``, ``X told reporters: "…"``, ``according to X``, ``X说：“…”`` (when,
where and to whom between a Chinese speaker and the verb are not the speaker); a pronoun is the nearest
fitting person named before it (:mod:`veracity.claims.antecedents`), a paragraph that is only a quotation
the last speaker's. Reported speech is a sentence without quotation marks of the form ``X said (that) …``,
``X told … that …``, ``According to X, …``, ``…, X said.`` or ``X表示，…``. Suggested assertions come from
clear wordings only (``never attended``, ``has not been detained``, ``for his own good`` ...), for a person
to confirm.

>>> q = find_quotes(("“Kamil Osman never attended a training centre,” a county spokesperson said.",))[0]
>>> (q.speaker, q.quote, q.persons, q.assertion)
('a county spokesperson', 'Kamil Osman never attended a training centre', ('Kamil Osman',), 'never_detained')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from veracity.claims.antecedents import is_pronoun, nearest, subjects
from veracity.names.hanzi import name_characters

PERSONS_SEPARATOR = "; "
"""Between the persons of a quotation where they are stored as one text (the quotes table's ``persons``)."""
_OPEN_CLOSE = {"“": "”", '"': '"', "「": "」", "«": "»", "„": "“"}
_SPAN = re.compile(r"“([^”]*)”|\"([^\"]*)\"|「([^」]*)」|«([^»]*)»|„([^“]*)“")
_VERB = r"(?:said|says|told(?: [\w ]{1,30}?)?|added|explained|stated|insisted|claimed|recalled|wrote|asked|" \
        r"replied|noted|continued|denied)"
_NAME = r"(?P<spk>(?:(?:the|a|an|his|her|their|its)\s+)?[\w.'’\- ]{2,60}?)"
_AFTER_SAID_X = re.compile(rf"^[\s,，]*{_VERB}\s+{_NAME}(?P<apposition>,\s+[^,.;:“”\"]{{2,40}}?)?"
                           rf"\s*(?:[,.;:]|$|\s+(?:on|in|at|who|when)\b)")
_AFTER_X_SAID = re.compile(rf"^[\s,，]*{_NAME}\s+{_VERB}\b")
_BEFORE_X_SAID = re.compile(rf"(?:^|[.;]\s+|,\s+){_NAME}(?P<apposition>,\s+[^,“”\"]{{2,50}},)?\s+{_VERB}\b"
                            rf"[^“”\"]{{0,80}}$")
_BEFORE_ACCORDING = re.compile(r"according to\s+(?P<spk>[^,:.]{2,60})[,:]?[^“”\"]{0,80}$", re.IGNORECASE)
_AFTER_ACCORDING = re.compile(r"^[\s,，]*according to\s+(?P<spk>[^,:.;]{2,60})", re.IGNORECASE)
# what stands between a Chinese speaker and the verb: when, where, to whom (在国外接受采访时, 20日, 对记者)
_ZH_WHEN = (r"(?:在[^，。；：“”]{1,20}?(?:时|上|中|后|前|里)|在[^，。；：“”]{1,8}?(?=接受|对|向)|"
            r"接受[^，。；：“”]{0,10}?采访时?|(?:\d{1,2}月)?\d{1,2}日|今天|昨天|当天|近日|日前|此前|曾|也|还|则|均|都|又|(?:对|向)(?:本报)?记者)")
_ZH_VERB = r"(?:说|表示|称|介绍|指出|告诉记者)"
_ZH_BEFORE = re.compile(rf"(?P<spk>[^，。；：“”\s]{{1,20}}?){_ZH_WHEN}*{_ZH_VERB}[：:，,]?\s*$")
_ZH_AFTER = re.compile(rf"^[，,]?\s*(?P<spk>[^，。；：“”\s]{{1,20}}?){_ZH_WHEN}*(?:说|表示|称)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])\s*")
_LEAD = r"(?:(?:In|At|On|During) [^,]{1,30},\s+)?"     # "In the video, Memet Ablet, a farmer, says ..."
_APPOSITION = r"(?:,\s+[^,]{2,50},)?"                 # "Erkin Tursun, a teacher, said ..."
_WHEN = r"(?:\s+(?:on|in|at)\s+[\w ]{1,25}?)?"          # "... said on Friday that ..."
_REPORTED = (
    re.compile(rf"^{_LEAD}{_NAME}{_APPOSITION}\s+(?:said|says|told [\w ]{{1,30}}?|stated|claimed|insisted|denied)"
               rf"{_WHEN}\s+(?:that\s+)?(?P<q>.+)$"),
    re.compile(r"^according to\s+(?P<spk>[^,]{2,60}),\s+(?P<q>.+)$", re.IGNORECASE),
    re.compile(rf"^(?P<q>.+?),\s+{_NAME}\s+(?:said|told [\w ]{{1,30}}?|stated|claimed)\.?$"),
    re.compile(rf"^据?(?P<spk>[^，。“”]{{1,30}}?){_ZH_WHEN}*(?:表示|说|称|指出|介绍)[，,：:](?P<q>[^“”]+?)。?$"),
)
_WORD = r"[A-Z][a-zéüöğçşı]*(?:['’][A-Za-z][a-zéüöğçşı]+)?"  # Memet, Ma'mur, O'Brien; not the 's of Memet's
_PERSON = re.compile(rf"\b{_WORD}(?:\s+{_WORD}){{1,2}}\b")
_HAN_DOT = re.compile(r"(?<=[\u4e00-\u9fff])[·•・](?=[\u4e00-\u9fff])")
_HAN_BEFORE, _HAN_AFTER = re.compile(r"[\u4e00-\u9fff]+$"), re.compile(r"^[\u4e00-\u9fff]+")
_ARABIC_RUN = re.compile(r"[\u0620-\u06ff]+(?:[ \t]+[\u0620-\u06ff]+)*")
MAX_HAN_PART = 6  # a hanzi name part (阿不都热依木) is at most six characters
_NOT_PERSONS = re.compile(r"^(?:The|A|An|In|On|At|He|She|They|We|It|But|And|This|That|According|Xinjiang|China|"
                          r"Chinese|Karakax|Hotan|Moyu|January|February|March|April|May|June|July|August|"
                          r"September|October|November|December)\b")
_BODIES = frozenset(("News", "Times", "Daily", "Post", "Press", "Agency", "Radio", "Television", "Ministry",
                     "Government", "Committee", "Watch", "Council", "Party", "Bureau", "Office", "University",
                     "Institute", "Centre", "Center", "Court", "Police", "Department", "Region", "County", "Prefecture",
                     "Province", "Congress", "Nations", "Rights", "Foundation", "Project", "Network", "Service",
                     "Asia", "Europe", "America", "Street", "Road", "Village", "Township", "City", "Camp", "School"))
"""Words that make a run of capitalised words a body or a place, not a person (Radio Free Asia)."""
_ASSERTIONS = (
    ("not_detained_for", re.compile(r"\bnot (?:been )?(?:detained|held|sent|taken)\b[^.]*\b(?:for|because)\b|"
                                    r"不是因为|并非因为", re.IGNORECASE)),
    ("never_detained", re.compile(r"\bnever (?:been )?(?:attended|detained|held|sent|taken|went|set foot)|"
                                  r"\b(?:has|have|had|was|were) not been (?:detained|held|sent)|"
                                  r"\b(?:was|were|is) not detained|从未|没有被|未被", re.IGNORECASE)),
    ("detained", re.compile(r"for (?:his|her|their|your) own good", re.IGNORECASE)),
    ("detained_for", re.compile(r"\b(?:detained|held|sent|trained|taken)\b[^.]*\b(?:for|because)\b|"
                                r"因为?[^。]*(?:被|接受)(?:培训|收押)|因[^。]*培训", re.IGNORECASE)),
    ("released", re.compile(r"\bgraduated\b|\breleased\b|\breturned home\b|\bback home\b|结业|释放|回家",
                            re.IGNORECASE)),
    ("detained", re.compile(r"\bvocational (?:training|education)|"
                            r"\b(?:attended|attends|studying at) (?:a|the) (?:training|vocational)|"
                            r"培训中心学习|接受培训", re.IGNORECASE)),
)


@dataclass(frozen=True)
class Quote:
    """One quotation: where (paragraphs, 1-based), who, the words, persons named, suggested assertion."""

    paragraph: int
    end_paragraph: int
    speaker: str
    quote: str
    persons: tuple[str, ...]
    assertion: str
    kind: str          # direct or reported
    cue: str           # the pattern that named the speaker, e.g. "X said", or "" when unattributed


def suggest(text: str) -> str:
    """The assertion a quotation's wording clearly makes, or ''.

    >>> suggest("He was sent there for his own good.")
    'detained'
    >>> suggest("She has not been detained because of relatives abroad.")
    'not_detained_for'
    >>> suggest("The weather is fine.")
    ''
    """
    return next((name for name, pattern in _ASSERTIONS if pattern.search(text)), "")


def _han_part(run: str, backwards: bool) -> str:
    """The name part at the end (BACKWARDS) or start of a hanzi RUN next to a middle dot: two characters, and
    more while they are characters names are written with, up to six.

    >>> _han_part("发言人说买买提", True), _han_part("吐尔逊从未进入", False)
    ('买买提', '吐尔逊')
    """
    chars = run[::-1] if backwards else run
    n = min(2, len(chars))
    while n < min(len(chars), MAX_HAN_PART) and chars[n] in name_characters():
        n += 1
    return chars[:n][::-1] if backwards else chars[:n]


def persons_in(text: str, speaker: str = "") -> tuple[str, ...]:
    """Person names in TEXT, the speaker left out: Latin full names (two or three capitalised words), Chinese
    names with a middle dot (the parts alone, not the words next to them) and runs of two or three words in
    Arabic script (a longer run is a sentence).

    >>> persons_in("Aynur Tursun told Radio Free Asia that Kamil Osman went home.", "Aynur Tursun")
    ('Kamil Osman',)
    >>> persons_in("发言人说买买提·吐尔逊从未进入培训中心。")
    ('买买提·吐尔逊',)
    >>> persons_in("His son مەمەت تۇرسۇن and Kamil Osman are missing.")
    ('مەمەت تۇرسۇن', 'Kamil Osman')
    """
    found = [(m.start(), m[0]) for m in _PERSON.finditer(text)
             if not _NOT_PERSONS.match(m[0]) and _BODIES.isdisjoint(m[0].split())]
    for dot in _HAN_DOT.finditer(text):
        before, after = _HAN_BEFORE.search(text[:dot.start()]), _HAN_AFTER.match(text[dot.end():])
        if before and after:
            given = _han_part(before[0], True)
            found.append((dot.start() - len(given), given + dot[0] + _han_part(after[0], False)))
    found += [(m.start(), m[0]) for m in _ARABIC_RUN.finditer(text) if 2 <= len(m[0].split()) <= 3]
    return tuple(dict.fromkeys(p for _, p in sorted(found) if p not in speaker))


def _names_in_sql(column: str) -> str:
    """SQL (DuckDB, RE2) of the person names in the text COLUMN, one per row ``n``, as :func:`persons_in` reads
    them: Latin full names (not opening with an article or a possessive, no body's word), hanzi names with a
    middle dot in the characters names are written with, Arabic-script runs of two or three words."""
    name = "[" + "".join(sorted(name_characters())) + "]{0,4}"
    given, family = name + r"\p{Han}{2}", r"\p{Han}{2}" + name  # as _han_part: two characters, then name ones
    word = r"\p{Lu}\p{Ll}*(?:[''’]\p{L}\p{Ll}+)?"  # RE2 in a SQL string: '' is one quote
    found = f"{word}(?:[ -]{word}){{1,2}}|{given}[·•・]{family}|" + r"\p{Arabic}+(?: \p{Arabic}+){1,2}"
    not_names = (r"^(?:The|A|An|His|Her|Their|Its|Our|My|According|Officials)\b|\b(?:"
                 + "|".join(sorted(_BODIES)) + r")\b")
    return (f"SELECT n FROM (SELECT unnest(regexp_extract_all({column}, '{found}')) AS n FROM quotes) "
            f"WHERE NOT regexp_matches(n, '{not_names}')")


ARTICLE_NAMES_SQL = (f"SELECT unnest(string_split(persons, '{PERSONS_SEPARATOR}')) AS n FROM quotes "
                     f"WHERE persons <> '' UNION ALL {_names_in_sql('speaker')}")
"""The names a case holds through its articles (DuckDB SQL, one column ``n``): the persons of every quotation
and the names in its speaker (``Gulnar Memet``, ``热合曼·伊力哈木的哥哥``; none in ``a county spokesperson``)."""


def long_enough(text: str) -> bool:
    """Whether quoted words are a statement (4+ words or 6+ Chinese characters), not scare quotes."""
    return len(text.split()) >= 4 or len(re.findall(r"[\u4e00-\u9fff]", text)) >= 6


def _clean_speaker(text: str) -> str:
    return " ".join(text.strip(" ,，:：").split())


def _speaker(before: str, after: str) -> tuple[str, str]:
    """(speaker, cue) from the text before and after a quotation in its paragraph; a pronoun is the speaker
    with the cue ``pronoun``."""
    for pattern, cue, text in ((_AFTER_SAID_X, "said X", after), (_AFTER_X_SAID, "X said", after),
                               (_AFTER_ACCORDING, "according to X", after),
                               (_BEFORE_ACCORDING, "according to X", before), (_BEFORE_X_SAID, "X said:", before),
                               (_ZH_BEFORE, "X说", before), (_ZH_AFTER, "X说", after)):
        m = pattern.search(text)
        if m and len(m["spk"].split()) <= 8 and (len(m["spk"]) > 1 or is_pronoun(m["spk"])):
            spk = _clean_speaker(m["spk"])
            named = _clean_speaker(m.groupdict().get("apposition") or "")
            if named and persons_in(named) == (named,):
                spk = named  # "Her mother, Aygul Rozi, told reporters:" is Aygul Rozi's
            return spk, "pronoun" if is_pronoun(spk) else cue
    return "", ""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    text: str
    closed: bool


def _spans(paragraph: str) -> list[_Span]:
    out = [_Span(m.start(), m.end(), next(g for g in m.groups() if g is not None), True)
           for m in _SPAN.finditer(paragraph)]
    last = out[-1].end if out else 0
    tail = paragraph[last:]
    opened = next((k for k, ch in enumerate(tail) if ch in "“「«"), None)
    if opened is not None:
        out.append(_Span(last + opened, len(paragraph), tail[opened + 1:], False))
    return out


def _run_on(paragraphs: tuple[str, ...], k: int, words: str) -> tuple[str, int, str]:
    """A quotation left open in paragraph K continued into the next paragraphs: (words, last index, after)."""
    end = k
    while end + 1 < len(paragraphs) and paragraphs[end + 1][:1] in _OPEN_CLOSE:
        end += 1
        body = paragraphs[end][1:]
        close = next((n for n, ch in enumerate(body) if ch in "”\"」»"), None)
        if close is not None:
            return f"{words} {body[:close]}", end, body[close + 1:]
        words = f"{words} {body}"
    return words, end, ""


def _attributed(paragraphs: tuple[str, ...], reported: list[Quote]) -> list[Quote]:
    """Quotations between marks, and the REPORTED ones with their pronoun speakers resolved. A pronoun speaker
    is the nearest fitting person named before it (a speaker, or a sentence's subject); a quotation without a
    speaker in a paragraph that opens with a quotation mark, or after one attributed in the same paragraph, is
    the last speaker's."""
    out: list[Quote] = []
    last_speaker = ""
    antecedents: list[str] = []
    k = 0
    while k < len(paragraphs):
        text, skip_to, spoke_here, narrated = paragraphs[k], k, False, 0
        for said in (q for q in reported if q.paragraph == k + 1):  # a paragraph of reported speech has no marks
            if said.cue == "pronoun":
                before = antecedents + subjects(text[:max(text.find(said.quote), 0)])
                said = replace(said, speaker=nearest(said.speaker, before))
            out.append(said)
            last_speaker = said.speaker or last_speaker
            antecedents += [said.speaker] if said.speaker else []
        for span in _spans(text):
            words, end, after = span.text, k, text[span.end:]
            antecedents += subjects(text[narrated:span.start])
            narrated = span.end
            if not span.closed:
                words, end, after = _run_on(paragraphs, k, words)
                skip_to = end
            words = " ".join(words.split()).rstrip(",，")
            if not long_enough(words):
                continue
            speaker, cue = _speaker(text[:span.start], after)
            if cue == "pronoun":
                speaker = nearest(speaker, antecedents)
            elif not speaker and (spoke_here or text.strip()[:1] in _OPEN_CLOSE):
                speaker, cue = last_speaker, ("last speaker" if last_speaker else cue)
            last_speaker, spoke_here = speaker or last_speaker, spoke_here or bool(speaker)
            antecedents += [speaker] if speaker else []
            out.append(Quote(k + 1, end + 1, speaker, words, persons_in(words, speaker) or persons_in(text, speaker),
                             suggest(words), "direct", cue))
        antecedents += subjects(text[narrated:])
        k = skip_to + 1
    return out


def _reported(paragraphs: tuple[str, ...]) -> list[Quote]:
    """Reported speech in paragraphs without quotation marks; a pronoun speaker as written, cue ``pronoun``."""
    out: list[Quote] = []
    for k, text in enumerate(paragraphs, start=1):
        if any(mark in text for mark in ("“", "”", '"', "「", "«")):
            continue
        for sentence in _SENTENCE.split(text):
            for pattern in _REPORTED:
                m = pattern.match(sentence.strip())
                speaker = _clean_speaker(m["spk"]) if m else ""
                named = len(speaker) > 1 and len(speaker.split()) <= 6 or is_pronoun(speaker)  # not 据 of 据介绍
                if m and named and long_enough(m["q"]):
                    words = m["q"].strip().rstrip(".")
                    out.append(Quote(k, k, speaker, words, persons_in(words, speaker), suggest(words), "reported",
                                     "pronoun" if is_pronoun(speaker) else "reported"))
                    break
    return out


def find_quotes(paragraphs: tuple[str, ...]) -> list[Quote]:
    """Every direct and reported quotation in PARAGRAPHS, in text order."""
    return sorted(_attributed(paragraphs, _reported(paragraphs)), key=lambda q: (q.paragraph, q.kind))
