"""Which canonical field each column holds, and each record's fields derived from its row.

A column gets its field, in this order of strength: a ``--map`` override; an
exact header alias (``data/header_roles.yaml``, Chinese, English or Uyghur);
a header that contains an alias; the content of the sample rows (identity
numbers, 男/女, dates, names by script). A column of identity numbers is
``id_number`` whatever its header says. Each field goes to one column, the
strongest and then the leftmost; the others stay only in the verbatim cells,
with the reason in the plan. Name columns follow their script: the first
name column is ``name``, a further one ``name_zh``, ``name_latin`` or
``name_arabic`` by the script of its values.

>>> plan = assign_fields(("序号", "姓名", "身份证号"), [(1, "买买提·吐尔逊", "11010519491231002X")], {})
>>> [(c.label, c.field, c.reason.value) for c in plan.columns]
[('序号', None, 'ignored'), ('姓名', 'name', 'alias'), ('身份证号', 'id_number', 'alias')]
>>> plan.build((1, "买买提·吐尔逊", "11010519491231002x")).values["name_zh"]
'买买提·吐尔逊'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from operator import itemgetter
from typing import NamedTuple

from veracity.errors import InputError, UsageError
from veracity.fields import FIELDS, NAME_FIELDS, Kind
from veracity.idnumber import compact
from veracity.ingest.header import LabelMatch, load_roles
from veracity.ingest.table import Cell, Row
from veracity.ingest.values import (
    AGE_UNPARSED,
    DATE_UNPARSED,
    SEX_UNPARSED,
    ValueCheck,
    ValueProblem,
    cell_text,
    convert_distinct,
    date_iso,
    looks_like_date,
    looks_like_id,
    name_script,
    normalise_label,
    parse_age,
    parse_date,
    parse_sex,
)
from veracity.script import Script, detect

SCRIPT_FIELDS = {Script.HAN: "name_zh", Script.LATIN: "name_latin", Script.ARABIC: "name_arabic"}


# ---------------------------------------------------------------- the plan


class Reason(Enum):
    """Why a column holds its field (or none), strongest first."""

    OVERRIDE = "override"  # --map 列5=id_number
    ALIAS = "alias"  # header 身份证号 is an alias of id_number
    ALIAS_CONTAINS = "alias_contains"  # header 身份证号码（户主） contains one
    CONTENT = "content"  # 19 of 20 sample values are identity numbers
    NAME_SCRIPT = "name_script"  # a second name column, its values in Arabic script
    IGNORED = "ignored"  # header 序号: known not to be a field
    DUPLICATE = "duplicate"  # the field already comes from a stronger column
    UNKNOWN = "unknown"  # nothing recognised


_RANK = {r: i for i, r in enumerate(Reason)}


@dataclass(frozen=True)
class ColumnRole:
    """One column: its header label, its field (None: kept only in the cells) and the reason."""

    index: int
    label: str
    field: str | None
    reason: Reason
    detail: str
    language: str = ""  # zh, en or ug when an alias matched

    def explain(self) -> str:
        """One line for the audit log and ``add`` output.

        >>> ColumnRole(4, "列5", "id_number", Reason.CONTENT, "20 of 20 are identity numbers").explain()
        'column 5 "列5" -> id_number (content: 20 of 20 are identity numbers)'
        """
        target = self.field or "(cells only)"
        return f'column {self.index + 1} "{self.label}" -> {target} ({self.reason.value}: {self.detail})'


class RecordFields(NamedTuple):
    """A record's canonical fields (every field of ``FIELDS``, None when absent) and unreadable cells."""

    values: dict[str, str | int | None]
    problems: tuple[ValueProblem, ...]


class RecordColumns(NamedTuple):
    """The fields of a batch of rows, column by column: a list over the rows for each field some
    column holds (and for the name fields when names are read); the unreadable cells as
    (row index, problem), in row order and then column order."""

    values: dict[str, list[str | int | None]]
    problems: list[tuple[int, ValueProblem]]


@dataclass(frozen=True)
class ColumnPlan:
    """Every column's role; ``build`` derives a record's fields from its row."""

    columns: tuple[ColumnRole, ...]

    def column_of(self, field: str) -> ColumnRole | None:
        """The column that holds FIELD, if one does."""
        return next((c for c in self.columns if c.field == field), None)

    @property
    def assigned(self) -> tuple[str, ...]:
        """The fields some column holds, in column order."""
        return tuple(c.field for c in self.columns if c.field)

    def field_of(self, index: int) -> str | None:
        """The field column INDEX holds, or None."""
        return self.columns[index].field if index < len(self.columns) else None

    def reason_of(self, index: int) -> str:
        """Why column INDEX holds its field, as one line."""
        return self.columns[index].explain() if index < len(self.columns) else "beyond the header"

    @cached_property
    def _builder(self) -> _RecordBuilder:
        return _RecordBuilder(self)

    def build(self, row: Row) -> RecordFields:
        """The fields of one data row and its unreadable cells (``build_many`` of that one row)."""
        columns, problems = self._builder.build_many((row,))
        values = dict.fromkeys(FIELDS) | {f: v[0] for f, v in columns.items()}
        return RecordFields(values, tuple(p for _, p in problems))

    def build_many(self, rows: Sequence[Row]) -> RecordColumns:
        """The fields of a batch of data rows, column by column; converters are prepared once per plan."""
        return self._builder.build_many(rows)


def require_fields(plan: ColumnPlan, *, headerless: bool, source: str = "", place: str = "") -> None:
    """Raise InputError when no column was recognised: such a table gives records with no fields.

    >>> require_fields(ColumnPlan(()), headerless=True, source="a.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    veracity.errors.InputError: a.csv: no header row found and no column recognised by its content ...
    """
    if plan.assigned:
        return
    what = "no header row found and no column recognised by its content" if headerless else (
        "no column header recognised")
    hint = "use --map 'COLUMN=FIELD' (columns: " + ", ".join(c.label for c in plan.columns) + ")"
    raise InputError(f"{what} (identity numbers, names, sex, dates); {hint}", source=source, place=place)


# ---------------------------------------------------------------- assigning fields

# A column is sniffed as holding something when at least this share of its non-empty sample
# values does (3 in 4: a register with a few blank or malformed identity numbers still counts).
_MOSTLY = 0.75


def assign_fields(
    columns: Sequence[str], sample_rows: Sequence[Row], overrides: Mapping[str, str]
) -> ColumnPlan:
    """The plan for a table: each column's field and reason. Bad ``--map`` items raise UsageError.

    >>> plan = assign_fields(("x", "sex"), [("11010519491231002X", "男")], {"x": "other_id"})
    >>> [(c.field, c.reason.value) for c in plan.columns]
    [('other_id', 'override'), ('sex', 'alias')]
    """
    forced = _resolve_overrides(columns, overrides)
    roles = load_roles()
    candidates = [
        forced.get(i) or _candidate(i, label, _sample(sample_rows, i), roles.match(label))
        for i, label in enumerate(columns)
    ]
    return ColumnPlan(_settle(candidates, sample_rows))


def _sample(rows: Sequence[Row], index: int) -> list[Cell]:
    cells = (row[index] for row in rows if index < len(row))
    return [c for c in cells if c is not None and not (isinstance(c, str) and not c.strip())]


def _share(values: Sequence[Cell], test: Callable[[Cell], bool]) -> tuple[int, bool]:
    hits = sum(1 for v in values if test(v))
    return hits, bool(values) and hits >= _MOSTLY * len(values)


def _candidate(index: int, label: str, values: list[Cell], match: LabelMatch | None) -> ColumnRole:
    """What one column would hold on its own, before fields are shared out."""
    ids, mostly_ids = _share(values, looks_like_id)
    said = match.alias.field if match else None
    if mostly_ids and said != "id_number":
        header = f"; header suggested {said}" if said else ""
        return ColumnRole(index, label, "id_number", Reason.CONTENT,
                          f"{ids} of {len(values)} values are identity numbers{header}")
    if said == "id_number" and match is not None and not match.exact and values and not mostly_ids:
        # "testimony_id", "case id": a header that merely contains "id" holds some other identifier
        # unless its values are identity numbers (checked above)
        return ColumnRole(index, label, "other_id", Reason.ALIAS_CONTAINS, f"header contains "
                          f"{match.alias.language} alias {match.alias.text!r} but only {ids} of {len(values)} "
                          "values are identity numbers", match.alias.language)
    if match is not None:
        reason = Reason.IGNORED if said is None else Reason.ALIAS if match.exact else Reason.ALIAS_CONTAINS
        how = "is" if match.exact else "contains"
        detail = f"header {how} {match.alias.language} alias {match.alias.text!r}"
        return ColumnRole(index, label, said, reason, detail, match.alias.language)
    for field, test, what in _SNIFFERS:
        hits, mostly = _share(values, test)
        if mostly:
            detail = f"{hits} of {len(values)} values are {what}"
            return ColumnRole(index, label, field, Reason.CONTENT, detail)
    if _name_column_script(values) is not None:
        return ColumnRole(index, label, "name", Reason.CONTENT, f"the {len(values)} values look like names")
    return ColumnRole(index, label, None, Reason.UNKNOWN, "header not recognised, content not either")


_SNIFFERS: tuple[tuple[str, Callable[[Cell], bool], str], ...] = (
    ("sex", lambda c: parse_sex(c) is not None, "男/女 or M/F"),
    ("birth_date", looks_like_date, "dates"),
)


def _resolve_overrides(columns: Sequence[str], overrides: Mapping[str, str]) -> dict[int, ColumnRole]:
    """``--map`` items as roles by column index; an unknown field or column raises UsageError."""
    keys = [normalise_label(c) for c in columns]
    forced: dict[int, ColumnRole] = {}
    for label, field in overrides.items():
        item = f"--map {label}={field}"
        if field not in FIELDS:
            raise UsageError(f"{item}: unknown field {field!r}; valid fields: {', '.join(FIELDS)}")
        key = normalise_label(label)
        index = next((i for i, k in enumerate(keys) if key and k == key), None)
        if index is None:
            raise UsageError(f"{item}: no column {label!r}; columns: {', '.join(columns)}")
        if index in forced or any(r.field == field for r in forced.values()):
            raise UsageError(f"{item}: column {columns[index]!r} or field {field} is mapped twice")
        forced[index] = ColumnRole(index, columns[index], field, Reason.OVERRIDE, item)
    return forced


def _settle(candidates: list[ColumnRole], rows: Sequence[Row]) -> tuple[ColumnRole, ...]:
    """Give each field to its strongest column (then the leftmost); name columns go by script."""
    order = sorted(candidates, key=lambda c: (_RANK[c.reason], c.index))
    holder: dict[str, ColumnRole] = {}
    settled: dict[int, ColumnRole] = {}
    for c in order:
        role = c
        if c.field is not None and c.field in holder and c.field == "name":
            role = _second_name(c, rows, holder)
        if role.field is not None and role.field in holder:
            first = holder[role.field]
            role = ColumnRole(c.index, c.label, None, Reason.DUPLICATE,
                              f"{role.field} already comes from column {first.index + 1} {first.label!r}"
                              f" ({c.reason.value}: {c.detail})", c.language)
        if role.field is not None:
            holder[role.field] = role
        settled[c.index] = role
    return tuple(settled[i] for i in range(len(candidates)))


def _second_name(c: ColumnRole, rows: Sequence[Row], holder: Mapping[str, ColumnRole]) -> ColumnRole:
    """A further name column becomes the script field of its values, when that script is not the
    first name column's and its field is free."""
    script = _column_script(_sample(rows, c.index))
    field = SCRIPT_FIELDS.get(script)
    if field is None or field in holder or script is _column_script(_sample(rows, holder["name"].index)):
        return c
    detail = f"a further name column, values in {script.value} script ({c.reason.value}: {c.detail})"
    return ColumnRole(c.index, c.label, field, Reason.NAME_SCRIPT, detail, c.language)


def _column_script(values: Sequence[Cell]) -> Script:
    counts = Counter(detect(v) for v in values if isinstance(v, str))
    return counts.most_common(1)[0][0] if counts else Script.NONE


def _name_column_script(values: Sequence[Cell]) -> Script | None:
    """The script of a column of distinct personal names, else None (ethnicity repeats; free text is long)."""
    scripts = [name_script(v) for v in values]
    counts = Counter(s for s in scripts if s is not None)
    if not counts:
        return None
    script, hits = counts.most_common(1)[0]
    distinct = len(set(map(str, values))) * 2 >= len(values) or len(values) < 4
    return script if hits >= _MOSTLY * len(values) and distinct else None


# ---------------------------------------------------------------- a record's fields from its row


def _text(cell: Cell) -> str | None:
    return (cell.strip() if type(cell) is str else cell_text(cell)) or None


def _id_number(cell: Cell) -> str | None:
    """Compacted identity number; an all-digit cell (the usual case) skips the normalisation."""
    if type(cell) is str:
        s = cell.strip()
        return s if s.isdigit() and s.isascii() else compact(s) or None
    return cell_text(cell) or None


_Convert = Callable[[Cell], "str | int | None"]
_CONVERTERS: dict[Kind, tuple[_Convert, ValueCheck | None]] = {
    Kind.TEXT: (_text, None),
    Kind.NAME: (_text, None),
    Kind.IDNUMBER: (_id_number, None),
    Kind.SEX: (parse_sex, SEX_UNPARSED),
    Kind.DATE: (date_iso, DATE_UNPARSED),
    Kind.INTEGER: (parse_age, AGE_UNPARSED),
}


def _why(check: ValueCheck, cell: Cell) -> str:
    """The reason a cell was not read, for the finding (the failure path only)."""
    if check is DATE_UNPARSED:
        return parse_date(cell).reason
    return "not male or female" if check is SEX_UNPARSED else "not whole years from 0 to 130"



class _Step(NamedTuple):
    column: int
    field: str
    convert: _Convert
    check: ValueCheck | None
    label: str


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


def _unless_empty(convert: _Convert) -> _Convert:
    """CONVERT, with an empty cell (None or "") giving None unconverted: such a cell has no value.

    >>> _unless_empty(parse_sex)(""), _unless_empty(parse_sex)("女")
    (None, 'F')
    """
    return lambda cell: None if cell is None or cell == "" else convert(cell)


def _column(rows: Sequence[Row], index: int, narrowest: int) -> list[Cell]:
    """Cell INDEX of each row, None past a row's end (NARROWEST: the shortest row's width).

    >>> _column([("a", "b"), ("c",)], 1, 1)
    ['b', None]
    """
    if index < narrowest:
        return list(map(itemgetter(index), rows))
    return [r[index] if index < len(r) else None for r in rows]


class _RecordBuilder:
    """Converters prepared once from a plan; ``build_many`` converts a batch column by column,
    each converter called once per distinct cell of the batch."""

    def __init__(self, plan: ColumnPlan) -> None:
        self._steps = tuple(
            _Step(c.index, c.field, _unless_empty(convert), check, c.label)
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
            cells = _column(rows, step.column, narrowest)
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
            if text:
                found.append((i, ValueProblem(check.id, step.field, step.label, text, _why(check, cell))))
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
