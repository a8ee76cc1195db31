"""A record's canonical fields from its row, following a column plan; batches are converted column by column.

Each field's cells go through the converter of its kind (``fields.Kind``),
called once per distinct cell of a batch; a cell of a typed field that
gives no value is a ``ValueProblem`` (the cell stays verbatim in the record).
A date over several columns (``date_columns``) is read from its parts
together. ``name`` is the primary name; a script field (``name_zh``,
``name_latin``, ``name_arabic``) left empty takes it when the script matches.

>>> from veracity.ingest.columns import assign_fields
>>> plan = assign_fields(("姓名", "出生日期 年", "出生日期 月"), [("王芳", 1975, 3)], {})
>>> fields = RecordBuilder(plan).build_many([("王芳", 1975, 3), ("李娜", 1980, 13)])
>>> fields.values["birth_date"], [p.value for _, p in fields.problems]
(['1975-03', None], ['1980/13'])
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from veracity.fields import FIELDS, NAME_FIELDS, Kind
from veracity.ingest.dates import date_from_parts, date_iso, parse_date
from veracity.ingest.table import Cell, Row
from veracity.ingest.values import (
    AGE_UNPARSED,
    DATE_UNPARSED,
    ID_UNPARSED,
    SEX_UNPARSED,
    ValueCheck,
    ValueProblem,
    cell_text,
    compact_id,
    convert_distinct,
    excel_text,
    lossy_number,
    parse_age,
    parse_sex,
    scientific_digits,
)
from veracity.script import Script, detect

if TYPE_CHECKING:
    from veracity.ingest.columns import ColumnPlan

SCRIPT_FIELDS = {Script.HAN: "name_zh", Script.LATIN: "name_latin", Script.ARABIC: "name_arabic"}


class RecordColumns(NamedTuple):
    """The fields of a batch of rows, column by column: a list over the rows for each field some
    column holds (and for the name fields when names are read); the unreadable cells as
    (row index, problem), in row order and then column order."""

    values: dict[str, list[str | int | None]]
    problems: list[tuple[int, ValueProblem]]


def _text(cell: Cell) -> str | None:
    return (cell.strip() if type(cell) is str else cell_text(cell)) or None


def _id_number(cell: Cell) -> str | None:
    """Compacted identity number; an all-digit cell (the usual case) skips the normalisation. Scientific
    notation (6.53224E+17) and a number cell of 18 digits have lost digits: no number (``ID_UNPARSED``), not one
    two people would share or whose check character would look forged."""
    if type(cell) is str:
        s = cell.strip()
        if s.isdigit() and s.isascii():
            return s
        return None if scientific_digits(s) else compact_id(s) or None
    return None if lossy_number(cell) else cell_text(cell) or None


_Convert = Callable[[Cell], "str | int | None"]
_CONVERTERS: dict[Kind, tuple[_Convert, ValueCheck | None]] = {
    Kind.TEXT: (_text, None),
    Kind.NAME: (_text, None),
    Kind.IDNUMBER: (_id_number, ID_UNPARSED),
    Kind.SEX: (parse_sex, SEX_UNPARSED),
    Kind.DATE: (date_iso, DATE_UNPARSED),
    Kind.INTEGER: (parse_age, AGE_UNPARSED),
}


def _why(check: ValueCheck, cell: Cell) -> str:
    """The reason a cell was not read, for the finding (the failure path only); "" when there is nothing to
    report (an identity-number cell of separators alone, such as "-", is no number and no problem)."""
    if check is DATE_UNPARSED:
        return parse_date(cell).reason
    if check is ID_UNPARSED:
        if lossy_number(cell):
            return "a number cell keeps 15 significant digits; the others are lost"
        digits = scientific_digits(cell_text(cell))
        return "" if digits is None else (f"Excel's scientific notation keeps {digits} significant digits; "
                                          "the others are lost")
    return "not male or female" if check is SEX_UNPARSED else "not whole years from 0 to 130"


def _excel_text_first(convert: _Convert) -> _Convert:
    """CONVERT of what an Excel text formula ="…" shows (``values.excel_text``), of the cell otherwise."""
    def read(cell: Cell) -> str | int | None:
        return convert(excel_text(cell))
    return read



class _Step(NamedTuple):
    column: int
    field: str
    convert: _Convert
    check: ValueCheck | None
    label: str
    parts: tuple[int, ...] = ()  # a date over several columns (year, month, day)


def _script_field(text: str) -> str | None:
    """The script field a name belongs in; fast paths for ASCII names and names that begin and end
    in Han or Arabic letters, ``script.detect`` otherwise.

    >>> _script_field("阿依古丽·艾买提"), _script_field("Aygul"), _script_field("ئايگۈل"), _script_field("12")
    ('name_zh', 'name_latin', 'name_arabic', None)
    """
    if text.isascii():
        return "name_latin" if text.lower() != text.upper() else None
    first, last = text[0], text[-1]
    if "\u4e00" <= first <= "\u9fff" and "\u4e00" <= last <= "\u9fff":
        return "name_zh"
    if "\u0620" <= first <= "\u06ff" and "\u0620" <= last <= "\u06ff":
        return "name_arabic"
    return SCRIPT_FIELDS.get(detect(text))


def _joined_parts(rows: Sequence[Row], parts: tuple[int, ...], narrowest: int) -> list[Cell]:
    """The date spread over columns PARTS of each row, as one ISO-ordered text ("" when all are empty).

    >>> _joined_parts([(1975, "3月", 15.0), ("", None, "")], (0, 1, 2), 3)
    ['1975-03-15', '']
    """
    texts = zip(*(_column(rows, k, narrowest) for k in parts), strict=True)
    return convert_distinct(list(texts), _part_text)  # type: ignore[arg-type]


def _part_text(parts: tuple[Cell, ...]) -> str:
    """One row's date parts as text: ISO when they make a date, else the cells joined by "/"."""
    value = date_from_parts(*parts)
    if value.iso is not None:
        return value.iso
    return "/".join(cell_text(p) for p in parts).strip("/")


def _column(rows: Sequence[Row], index: int, narrowest: int) -> list[Cell]:
    """Cell INDEX of each row, None past a row's end (NARROWEST: the shortest row's width).

    >>> _column([("a", "b"), ("c",)], 1, 1)
    ['b', None]
    """
    if index < narrowest:
        return list(map(itemgetter(index), rows))
    return [r[index] if index < len(r) else None for r in rows]


class RecordBuilder:
    """Converters prepared once from a plan; ``build_many`` converts a batch column by column,
    each converter called once per distinct cell of the batch."""

    def __init__(self, plan: ColumnPlan) -> None:
        parts = {g.columns[0]: g for g in plan.date_parts}
        orders = dict(plan.date_orders)
        self._steps = tuple(
            _Step(c.index, c.field, _excel_text_first(partial(date_iso, order=orders[c.index])
                                                      if c.index in orders else convert), check, c.label)
            if c.index not in parts else
            _Step(c.index, c.field, date_iso, DATE_UNPARSED, parts[c.index].label,
                  parts[c.index].columns)
            for c in plan.columns
            if c.field
            for convert, check in (_CONVERTERS[FIELDS[c.field].kind],)
        )
        fields = {s.field for s in self._steps}
        self._names = bool(fields & set(NAME_FIELDS))
        self._primary = tuple(s.field for s in self._steps if s.field in SCRIPT_FIELDS.values())

    def build_many(self, rows: Sequence[Row]) -> RecordColumns:
        narrowest = min(map(len, rows), default=0)
        columns: dict[str, list[str | int | None]] = {}
        problems: list[tuple[int, ValueProblem]] = []
        for step in self._steps:
            cells = _joined_parts(rows, step.parts, narrowest) if step.parts else _column(rows, step.column, narrowest)
            values = columns[step.field] = convert_distinct(cells, step.convert)
            if step.check is not None and None in values:
                problems += _problems(step, step.check, cells, values)
        if self._names:
            self._fill_names(columns, len(rows))
        problems.sort(key=itemgetter(0))  # stable: row order, then column order as in a row
        return RecordColumns(columns, problems)

    def _fill_names(self, columns: dict[str, list[str | int | None]], size: int) -> None:
        """``name`` is the primary name; a script field left empty takes it when the script matches."""
        names = columns.get("name") or [None] * size
        if None in names:
            names = [self._fallback_name(columns, i) if n is None else n for i, n in enumerate(names)]
        columns["name"] = names
        scripts: dict[str | int | None, str | None] = {
            n: _script_field(n) for n in set(names) if isinstance(n, str)}
        for field in SCRIPT_FIELDS.values():
            columns.setdefault(field, [None] * size)
        for i, name in enumerate(names):
            target = scripts.get(name)
            if target is not None and columns[target][i] is None:
                columns[target][i] = name

    def _fallback_name(self, columns: Mapping[str, list[str | int | None]], i: int) -> str | int | None:
        """A row's name when no name column holds one: a script field's, or the joined split names."""
        primary = next((columns[f][i] for f in self._primary if columns[f][i]), None)
        return primary or _joined(*(columns[f][i] if f in columns else None for f in ("given_name", "family_name")))


def _problems(step: _Step, check: ValueCheck, cells: Sequence[Cell],
              values: Sequence[object]) -> list[tuple[int, ValueProblem]]:
    """The cells of STEP's column that hold something but gave no value, as (row index, problem)."""
    found = []
    for i, value in enumerate(values):
        if value is None:
            cell = cells[i]
            text = "" if cell is None or cell == "" else cell_text(cell)
            if text and (why := _why(check, excel_text(cell))):
                found.append((i, ValueProblem(check.id, step.field, step.label, text, why)))
    return found


def _joined(given: object, family: object) -> str | None:
    """A full name from split given and family names: family first in Chinese, given first otherwise.

    >>> _joined("古丽", "阿不都"), _joined("Gulnar", "Abdu"), _joined(None, None)
    ('阿不都古丽', 'Gulnar Abdu', None)
    """
    parts = [str(p) for p in (given, family) if p]
    if not parts:
        return None
    if _script_field(parts[0]) == "name_zh":
        return "".join(reversed(parts))
    return " ".join(parts)
