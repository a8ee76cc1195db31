"""Dates written over neighbouring columns: 出生日期 年 | 月 | 日, birth year | month | day.

Registers often split a date into a year, a month and a day column, under a
group header (出生日期 merged over 年, 月, 日) or with the part in each label
(出生年, 出生月, 出生日; Birth year, Birth month; Year of birth). Such columns
are found by their labels alone: two or three neighbouring columns whose
labels share a stem and end (or begin) with the parts year, month[, day] in
that order. The stem names the date field (出生日期 -> birth_date, 收押时间 ->
detained_on); the record's field is read from the parts together
(``dates.date_from_parts``) and every cell stays verbatim.

>>> [(g.field, g.columns) for g in find_date_parts(("序号", "出生日期 年", "出生日期 月", "出生日期 日"))]
[('birth_date', (1, 2, 3))]
>>> [(g.field, g.columns) for g in find_date_parts(("Birth year", "Birth month", "Name"))]
[('birth_date', (0, 1))]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from veracity.fields import FIELDS, Kind
from veracity.ingest.header import load_roles
from veracity.ingest.values import label_words

# Words naming a part of a date, as a whole word of a label: 0 year, 1 month, 2 day.
_PART_WORDS = {
    "年": 0, "年份": 0, "year": 0, "yyyy": 0, "yr": 0, "يىلى": 0, "يىل": 0, "yili": 0, "yil": 0,
    "月": 1, "月份": 1, "month": 1, "mm": 1, "mon": 1, "ئېيى": 1, "ئاي": 1, "éyi": 1, "ay": 1,
    "日": 2, "号": 2, "day": 2, "dd": 2, "كۈنى": 2, "كۈن": 2, "küni": 2, "kün": 2,
}
# Chinese parts written onto the stem in one word: 出生年, 出生月份, 收押日.
_HAN_SUFFIXES = (("年份", 0), ("月份", 1), ("年", 0), ("月", 1), ("日", 2), ("号", 2))
# What completes a stem into a date label: 出生 -> 出生日期, birth -> birth date, تۇغۇلغان -> تۇغۇلغان ۋاقتى.
_DATE_WORDS = ("", "日期", "时间", " date", " ۋاقتى")


@dataclass(frozen=True)
class DateParts:
    """Columns (year, month[, day]) that together hold FIELD; LABEL names them in messages."""

    field: str
    columns: tuple[int, ...]
    label: str


def split_part(label: str) -> tuple[str, int] | None:
    """A label's stem and the date part it names (0 year, 1 month, 2 day), or None.

    >>> split_part("出生日期 年"), split_part("出生月份"), split_part("Day of birth"), split_part("出生日期")
    (('出生日期', 0), ('出生', 1), ('birth', 2), None)
    """
    words = label_words(label)
    if not words:
        return None
    if words[-1] in _PART_WORDS:
        return " ".join(words[:-1]), _PART_WORDS[words[-1]]
    if words[0] in _PART_WORDS and len(words) > 1:
        rest = words[2:] if words[1] == "of" else words[1:]
        return " ".join(rest), _PART_WORDS[words[0]]
    last = words[-1]
    for suffix, part in _HAN_SUFFIXES:
        if last.endswith(suffix) and len(last) > len(suffix):
            return " ".join((*words[:-1], last[: -len(suffix)])), part
    return None


def find_date_parts(columns: Sequence[str]) -> list[DateParts]:
    """Every run of neighbouring columns holding year, month[, day] of one date field."""
    parts = [split_part(label) for label in columns]
    found: list[DateParts] = []
    i = 0
    while i < len(columns) - 1:
        run, first = _run(parts, i), parts[i]
        field = _date_field(first[0], columns[i]) if run and first else None
        if field is None:
            i += 1
            continue
        found.append(DateParts(field, run, " / ".join(columns[k] for k in run)))
        i += len(run)
    return found


def _run(parts: Sequence[tuple[str, int] | None], start: int) -> tuple[int, ...]:
    """Columns from START whose parts are year, month[, day] under one stem; () when not."""
    first = parts[start]
    run: list[int] = []
    for part in parts[start : start + 3]:
        if first is None or part != (first[0], len(run)):
            break
        run.append(start + len(run))
    return tuple(run) if len(run) >= 2 else ()


def _date_field(stem: str, year_label: str) -> str | None:
    """The date field a stem names (出生 -> birth_date), from the alias table."""
    roles = load_roles()
    for text in (*(stem + word for word in _DATE_WORDS if stem), year_label):
        match = roles.match(text)
        if match is not None and match.alias.field and FIELDS[match.alias.field].kind is Kind.DATE:
            return match.alias.field
    return None
