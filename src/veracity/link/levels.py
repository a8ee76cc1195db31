"""Link levels and statuses, and the thresholds that turn a match probability into a level.

Thresholds are data (``data/link.yaml``), read once per run into :class:`Settings` and
passed explicitly; nothing is read at import.

>>> t = Thresholds(confirmed=0.99, probable=0.9, possible=0.5)
>>> t.level(0.995), t.level(0.93), t.level(0.6), t.level(0.2)
(<Level.CONFIRMED: 'confirmed'>, <Level.PROBABLE: 'probable'>, <Level.POSSIBLE: 'possible'>, None)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from importlib import resources

import yaml

from veracity.errors import ConfigError


class Level(Enum):
    """How sure a link (or a person's confirmation) is; the contract's ``level`` column."""

    CONFIRMED = "confirmed"
    PROBABLE = "probable"
    POSSIBLE = "possible"

    def lower(self) -> Level | None:
        """The next level down (None below possible).

        >>> Level.CONFIRMED.lower()
        <Level.PROBABLE: 'probable'>
        """
        order = list(Level)
        k = order.index(self)
        return order[k + 1] if k + 1 < len(order) else None


class Status(Enum):
    """Who decided a link: the model (auto) or a reviewer; the contract's ``status`` column."""

    AUTO = "auto"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Decision(Enum):
    """What a reviewer can record about a link."""

    ACCEPT = "accept"
    REJECT = "reject"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Thresholds:
    """Lowest match probability of each level."""

    confirmed: float
    probable: float
    possible: float

    def level(self, probability: float) -> Level | None:
        """The level PROBABILITY reaches, None below ``possible``."""
        if probability >= self.confirmed:
            return Level.CONFIRMED
        if probability >= self.probable:
            return Level.PROBABLE
        if probability >= self.possible:
            return Level.POSSIBLE
        return None


@dataclass(frozen=True)
class Settings:
    """Everything ``data/link.yaml`` declares."""

    thresholds: Thresholds
    keep_above: float
    name_floor: float
    cells: dict[str, tuple[str, ...]]
    sex_of_relation: dict[str, str]


def _folded(words: object) -> tuple[str, ...]:
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError("data/link.yaml: expected a list of words")
    return tuple(w.strip().casefold() for w in words)


def parse_settings(text: str) -> Settings:
    """Settings from the YAML TEXT; ConfigError when something is missing or out of order.

    >>> parse_settings(DEFAULT_TEXT_FOR_TESTS).thresholds.probable
    0.9
    """
    data = yaml.safe_load(text) or {}
    try:
        lv = data["levels"]
        thresholds = Thresholds(float(lv["confirmed"]), float(lv["probable"]), float(lv["possible"]))
        cells = {str(k): _folded(v) for k, v in data["cells"].items()}
        sexes = {w: str(sex) for sex, words in data["sex_of_relation"].items() for w in _folded(words)}
        settings = Settings(thresholds, float(data["keep_above"]), float(data["name_floor"]), cells, sexes)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise ConfigError(f"data/link.yaml: missing or malformed entry ({err})") from err
    if not 0 < thresholds.possible <= thresholds.probable <= thresholds.confirmed <= 1:
        raise ConfigError("data/link.yaml: levels must rise from possible to confirmed within (0, 1]")
    return settings


def load_settings() -> Settings:
    """The settings shipped in ``veracity/data/link.yaml``."""
    return parse_settings(resources.files("veracity").joinpath("data", "link.yaml").read_text("utf-8"))


DEFAULT_TEXT_FOR_TESTS = """
levels: {confirmed: 0.99, probable: 0.9, possible: 0.5}
keep_above: 0.5
name_floor: 0.6
cells: {birth_year: [birth_year]}
sex_of_relation: {M: [father], F: [mother]}
"""
