"""The reason taxonomy: free-text reasons and decisions of registers mapped to labelled categories.

The taxonomy is data (``veracity/data/reasons.yaml``, or a case's own copy), validated when it is
loaded; a malformed file is a ConfigError naming the place. A reason text is cut into clauses
(at ``；;，,、/`` and line breaks); each clause is matched against every category's patterns, the most
specific category of a family kept (a clause matching "praying" and its parent "religious practice"
counts as praying). Clauses no pattern matches are returned as ``unmatched``, never dropped.

>>> t = load_taxonomy()
>>> t.classify_reason("属于不放心人员；有亲属在国外").codes
('untrustworthy', 'relatives_abroad')
>>> t.classify_reason("80后不放心人员").codes
('born_1980s',)
>>> t.classify_reason("不按时交电费").unmatched
('不按时交电费',)
>>> t.reasons["praying"].labels.zh
'做礼拜'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from veracity.errors import ConfigError

LANGUAGES = ("en", "zh", "ug")
_Ancestors = Callable[[str], tuple[str, ...]]
_CLAUSE = re.compile(r"[；;，,、/／\n]+|以及|\band\b")


class DecisionStatus(Enum):
    """What a decision (处理意见) says of the person's freedom at the time of the list."""

    RELEASED = "released"        # 已结业: graduated, released
    RECOMMENDED = "recommended"  # 建议结业: release recommended, not recorded as done
    PLANNED = "planned"          # 结业后安排就业: a placement planned after graduation
    HELD = "held"                # 继续培训: still held


class PersonStatus(Enum):
    """What the 人员类别 (person category) column says a row is."""

    DETAINEE = "detainee"
    RELATIVE = "relative"
    WATCHED = "watched"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Labels:
    """A category's name in English, Chinese and Uyghur."""

    en: str
    zh: str
    ug: str


@dataclass(frozen=True)
class Category:
    """One category: code, labels, parent code (empty at the top), patterns folded for matching."""

    code: str
    labels: Labels
    parent: str
    patterns: tuple[str, ...]
    status: DecisionStatus | None = None


@dataclass(frozen=True)
class Classification:
    """The categories a text maps to (most specific, in text order) and the clauses nothing matched."""

    codes: tuple[str, ...]
    unmatched: tuple[str, ...]


def fold(text: str) -> str:
    """Text folded for matching: NFKC (full-width to ASCII), lower case, spaces collapsed.

    >>> fold("Ｗｈａｔｓ  App")
    'whats app'
    """
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def clauses(text: str) -> tuple[str, ...]:
    """The clauses of a reason text.

    >>> clauses("做礼拜；戴面纱, 超生")
    ('做礼拜', '戴面纱', '超生')
    """
    return tuple(c.strip() for c in _CLAUSE.split(text) if c.strip())


@dataclass(frozen=True)
class Taxonomy:
    """Reason, decision and person categories by code, in file order; ``source`` names the file."""

    reasons: Mapping[str, Category]
    decisions: Mapping[str, Category]
    persons: Mapping[str, Category]
    source: str

    def ancestors(self, code: str) -> tuple[str, ...]:
        """CODE's parents up to the top (reasons only).

        >>> load_taxonomy().ancestors("born_1980s")
        ('untrustworthy',)
        """
        out: list[str] = []
        while (code := self.reasons[code].parent) if code in self.reasons else "":
            out.append(code)
        return tuple(out)

    def is_within(self, code: str, family: str) -> bool:
        """Whether reason CODE is FAMILY or one of its descendants."""
        return code == family or family in self.ancestors(code)

    def classify_reason(self, text: str) -> Classification:
        """The reason categories TEXT names, and its clauses that match none."""
        return _classify(text, self.reasons, self.ancestors)

    def classify_decision(self, text: str) -> Classification:
        """The decision categories TEXT names (the longest pattern wins within a clause)."""
        return _classify(text, self.decisions, lambda code: (), longest=True)

    def person_status(self, category: str) -> PersonStatus:
        """What a 人员类别 value says (the longest matching pattern wins: 学员家属 is a relative).

        >>> load_taxonomy().person_status("学员家属")
        <PersonStatus.RELATIVE: 'relative'>
        """
        found = _classify(category, self.persons, lambda code: (), longest=True).codes
        return PersonStatus(found[0]) if found else PersonStatus.UNKNOWN

    def resolve_reason(self, value: str) -> str | None:
        """The reason code a claim's VALUE names: a code, a label in any language, or one category's words.

        >>> load_taxonomy().resolve_reason("violated family-planning policy")
        'family_planning'
        >>> load_taxonomy().resolve_reason("relatives_abroad")
        'relatives_abroad'
        """
        folded = fold(value)
        for cat in self.reasons.values():
            if folded == cat.code or folded in (fold(cat.labels.en), fold(cat.labels.zh), fold(cat.labels.ug)):
                return cat.code
        found = self.classify_reason(value)
        return found.codes[0] if len(found.codes) == 1 and not found.unmatched else None


def _matches(clause: str, categories: Mapping[str, Category], longest: bool) -> list[str]:
    folded = fold(clause)
    hits = [(len(p), code) for code, cat in categories.items() for p in cat.patterns if p in folded]
    if longest and hits:
        return [max(hits)[1]]
    return list(dict.fromkeys(code for _, code in hits))


def _classify(text: str, categories: Mapping[str, Category], ancestors: _Ancestors,
              longest: bool = False) -> Classification:
    codes: list[str] = []
    unmatched: list[str] = []
    for clause in clauses(text):
        found = _matches(clause, categories, longest)
        implied = {a for code in found for a in ancestors(code)}
        kept = [code for code in found if code not in implied]
        if not kept:
            unmatched.append(clause)
        codes += [code for code in kept if code not in codes]
    return Classification(tuple(codes), tuple(unmatched))


# --- loading and validation -------------------------------------------------------------------------

_SECTIONS = ("reasons", "decisions", "person_categories")


def _config(name: str, where: str, message: str) -> ConfigError:
    return ConfigError(f"{name}: {where}: {message}" if where else f"{name}: {message}")


def _labels(spec: object, name: str, where: str) -> Labels:
    if not isinstance(spec, dict) or set(spec) != set(LANGUAGES) or not all(
            isinstance(v, str) and v.strip() for v in spec.values()):
        raise _config(name, where, "expected non-empty labels in en, zh and ug")
    return Labels(spec["en"], spec["zh"], spec["ug"])


def _patterns(spec: object, name: str, where: str) -> tuple[str, ...]:
    if not isinstance(spec, dict) or not spec:
        raise _config(name, where, "expected a mapping of language to a list of patterns")
    out: list[str] = []
    for language, texts in spec.items():
        if language not in LANGUAGES:
            raise _config(name, f"{where}.{language}", f"unknown language {language!r}")
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            raise _config(name, f"{where}.{language}", "expected a list of non-empty strings")
        out += [fold(str(t)) for t in texts]
    return tuple(out)


def _category(code: object, spec: object, section: str, name: str) -> Category:
    where = f"{section}.{code}"
    if not isinstance(code, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", code):
        raise _config(name, where, "a code is lower-case letters, digits and underscores")
    allowed = {"labels", "patterns", "parent", "note"} | ({"status"} if section == "decisions" else set())
    if not isinstance(spec, dict) or set(spec) - allowed:
        raise _config(name, where, f"expected the keys {', '.join(sorted(allowed))}")
    status = None
    if section == "decisions":
        try:
            status = DecisionStatus(spec.get("status"))
        except ValueError:
            raise _config(name, f"{where}.status", "expected one of "
                          + ", ".join(s.value for s in DecisionStatus)) from None
    if section == "person_categories" and code not in {s.value for s in PersonStatus}:
        raise _config(name, where, "expected one of " + ", ".join(s.value for s in PersonStatus))
    parent = spec.get("parent", "")
    if not isinstance(parent, str):
        raise _config(name, f"{where}.parent", "expected a category code")
    return Category(code, _labels(spec.get("labels"), name, f"{where}.labels"), parent,
                    _patterns(spec.get("patterns"), name, f"{where}.patterns"), status)


def _section(doc: dict[object, object], section: str, name: str) -> dict[str, Category]:
    spec = doc.get(section)
    if not isinstance(spec, dict) or not spec:
        raise _config(name, section, "expected a non-empty mapping of code to category")
    cats = {str(code): _category(code, value, section, name) for code, value in spec.items()}
    for cat in cats.values():
        if cat.parent and cat.parent not in cats:
            raise _config(name, f"{section}.{cat.code}.parent", f"unknown category {cat.parent!r}")
    return cats


def _check_cycles(reasons: Mapping[str, Category], name: str) -> None:
    for code in reasons:
        seen = {code}
        parent = reasons[code].parent
        while parent:
            if parent in seen:
                raise _config(name, f"reasons.{code}.parent", "the parents form a cycle")
            seen.add(parent)
            parent = reasons[parent].parent


def parse_taxonomy(text: str, name: str = "reasons.yaml") -> Taxonomy:
    """Validate a taxonomy document; a malformed one raises ConfigError naming the place.

    >>> parse_taxonomy("version: 1\\nreasons: {x: {labels: {en: a}}}")
    Traceback (most recent call last):
    veracity.errors.ConfigError: reasons.yaml: reasons.x.labels: expected non-empty labels in en, zh and ug
    """
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise _config(name, "", f"not YAML ({exc.__class__.__name__})") from None
    if not isinstance(doc, dict) or doc.get("version") != 1 or set(doc) - {"version", *_SECTIONS}:
        raise _config(name, "", "expected version: 1 and the sections " + ", ".join(_SECTIONS))
    reasons = _section(doc, "reasons", name)
    _check_cycles(reasons, name)
    return Taxonomy(reasons, _section(doc, "decisions", name), _section(doc, "person_categories", name), name)


@lru_cache(maxsize=1)
def _shipped() -> Taxonomy:
    text = resources.files("veracity").joinpath("data", "reasons.yaml").read_text(encoding="utf-8")
    return parse_taxonomy(text)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy at PATH (a case's own copy), or the one shipped with veracity."""
    if path is None:
        return _shipped()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        raise ConfigError(f"{path.name}: cannot be read ({type(exc).__name__})") from None
    return parse_taxonomy(text, path.name)
