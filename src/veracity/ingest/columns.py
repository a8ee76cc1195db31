"""Which canonical field each column holds, and each record's fields derived from its row.

A column gets its field, in this order of strength: a ``--map`` override; an
exact header alias (``data/header_roles.yaml``, Chinese, English or Uyghur);
a header that contains an alias; the content of the sample rows (identity
numbers, 男/女, dates, names by script). A date column whose sample rows
write the year last and read only one way (15/03/1975: day first) reads its
ambiguous dates (03/05/2017) that way too. A column of identity numbers is
``id_number`` whatever its header says. Each field goes to one column, the
strongest and then the leftmost; the others stay only in the verbatim cells,
with the reason in the plan. Name columns follow their script: the first
name column is ``name``, a further one ``name_zh``, ``name_latin`` or
``name_arabic`` by the script of its values.

>>> plan = assign_fields(("序号", "姓名", "身份证号"), [(1, "买买提·吐尔逊", "11010519491231002X")], {})
>>> [(c.label, c.field, c.reason.value) for c in plan.columns]
[('序号', None, 'ignored'), ('姓名', 'name', 'alias'), ('身份证号', 'id_number', 'alias')]
>>> plan.build_many([(1, "买买提·吐尔逊", "11010519491231002x")]).values["name_zh"]
['买买提·吐尔逊']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cached_property

from veracity.errors import InputError, UsageError
from veracity.fields import FIELDS, Kind
from veracity.ingest.date_columns import DateParts, find_date_parts
from veracity.ingest.dates import column_order, looks_like_date
from veracity.ingest.header import LabelMatch, load_roles
from veracity.ingest.row_fields import SCRIPT_FIELDS, RecordBuilder, RecordColumns
from veracity.ingest.table import Cell, Row
from veracity.ingest.values import (
    cell_text,
    excel_text,
    is_empty,
    label_words,
    looks_like_id,
    name_script,
    normalise_label,
    written_sex,
)
from veracity.script import Script, detect

# ColumnPlan.build and build_many return these; they are defined with the converters in row_fields.
__all__ = ["NO_FIELD", "ColumnPlan", "ColumnRole", "Reason", "RecordColumns", "assign_fields",
           "require_fields"]


# ---------------------------------------------------------------- the plan


class Reason(Enum):
    """Why a column holds its field (or none), strongest first."""

    OVERRIDE = "override"  # --map 列5=id_number
    ALIAS = "alias"  # header 身份证号 is an alias of id_number
    ALIAS_CONTAINS = "alias_contains"  # header 身份证号码（户主） contains one
    DATE_PARTS = "date_parts"  # headers 出生日期 年 | 月 | 日: one date over three columns
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


@dataclass(frozen=True)
class ColumnPlan:
    """Every column's role; ``build`` derives a record's fields from its row."""

    columns: tuple[ColumnRole, ...]
    date_parts: tuple[DateParts, ...] = ()  # dates over several columns, read together
    date_orders: tuple[tuple[int, str], ...] = ()  # (column, "dmy" or "mdy"): year-last dates of the column
    # whose sample rows read only one way, so that its ambiguous ones (03/05/2017) are read that way too;
    # (column, "ym"): its spreadsheet dates all fall on a 1st, typed as months (dates.column_order)

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
    def _builder(self) -> RecordBuilder:
        return RecordBuilder(self)

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

NO_FIELD = "none"  # --map 电话=none: the column gets no field, whatever its header or content suggest

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
    matches = [roles.match(label) for label in columns]
    candidates = _witness_relation([
        forced.get(i) or _candidate(i, label, _sample(sample_rows, i), matches[i]) for i, label in enumerate(columns)
    ], matches)
    groups = [g for g in find_date_parts(columns) if not forced.keys() & set(g.columns)]
    for group in groups:
        for part, k in zip(("year", "month", "day"), group.columns, strict=False):
            field = group.field if k == group.columns[0] else None
            detail = f"the {part} of {group.field}, read from {group.label}"
            candidates[k] = ColumnRole(k, columns[k], field, Reason.DATE_PARTS, detail)
    settled = _settle(candidates, sample_rows)
    orders = tuple((c.index, order) for c in settled if c.field and FIELDS[c.field].kind is Kind.DATE
                   and (order := column_order(_sample(sample_rows, c.index))))
    return ColumnPlan(settled, tuple(g for g in groups if settled[g.columns[0]].field == g.field), orders)


def _sample(rows: Sequence[Row], index: int) -> list[Cell]:
    cells = (row[index] for row in rows if index < len(row))
    return [c for c in map(excel_text, cells) if not is_empty(c)]


def _share(values: Sequence[Cell], test: Callable[[Cell], bool]) -> tuple[int, bool]:
    hits = sum(1 for v in values if test(v))
    return hits, bool(values) and hits >= _MOSTLY * len(values)


def _candidate(index: int, label: str, values: list[Cell], match: LabelMatch | None) -> ColumnRole:
    """What one column would hold on its own, before fields are shared out."""
    ids, mostly_ids = _share(values, looks_like_id)
    said = match.alias.field if match else None
    if mostly_ids and said != "id_number" and (match is None or said is not None):  # 家长身份证号: not the person's
        header = f"; header suggested {said}" if said else ""
        return ColumnRole(index, label, "id_number", Reason.CONTENT,
                          f"{ids} of {len(values)} values are identity numbers{header}")
    if said == "id_number" and match is not None and not match.exact and values and not mostly_ids and (
            not match.alias.substring or 2 * ids < len(values)):
        # "testimony_id", "case id": a header that merely contains "id" holds some other identifier
        # unless its values are identity numbers (checked above); one containing 身份证号 names the number
        # however badly some cells are typed, unless most of them are no identity number at all
        return ColumnRole(index, label, "other_id", Reason.ALIAS_CONTAINS, f"header contains "
                          f"{match.alias.language} alias {match.alias.text!r} but only {ids} of {len(values)} "
                          "values are identity numbers", match.alias.language)
    if (match is None or said == "other_id") and _is_running_count(values):
        return ColumnRole(index, label, None, Reason.IGNORED, f"the {len(values)} values count up by one: serial "
                          "numbers of the rows, not of the people")
    if match is not None:
        reason = Reason.IGNORED if said is None else Reason.ALIAS if match.exact else Reason.ALIAS_CONTAINS
        how = "is" if match.exact else "contains"
        detail = f"header {how} {match.alias.language} alias {match.alias.text!r}"
        return ColumnRole(index, label, said, reason, detail, match.alias.language)
    for field, test, what in _SNIFFERS:
        hits, mostly = _share(values, test)
        if mostly and field == "birth_date" and _dated_event(label):
            return ColumnRole(index, label, None, Reason.UNKNOWN, f"{hits} of {len(values)} values are dates, but "
                              "the header names the date of something other than a birth")
        if mostly:
            detail = f"{hits} of {len(values)} values are {what}"
            return ColumnRole(index, label, field, Reason.CONTENT, detail)
    if _name_column_script(values) is not None:
        return ColumnRole(index, label, "name", Reason.CONTENT, f"the {len(values)} values look like names")
    return ColumnRole(index, label, None, Reason.UNKNOWN, "header not recognised, content not either")


# Headers of the column that names who gave a testimony: beside it, a bare "Relation" is how the witness is
# related to the person (brother, wife), not the person's relation to a head of household. A header that says
# "to the witness" (relation_to_witness, 与证人关系) names the person's relation and stays ``relation``.
WITNESS_HEADERS = frozenset({"witness", "witness name", "informant", "证人", "证人姓名", "报告人", "گۇۋاھچى"})


def _witness_relation(candidates: list[ColumnRole], matches: Sequence[LabelMatch | None]) -> list[ColumnRole]:
    """CANDIDATES with a ``relation`` read from its header kept in the cells only when another column names
    the witness (MATCHES: each column's header match).

    >>> plan = assign_fields(("Name", "Relation", "Witness"), [("Memet Rozi", "brother", "Witness 1")], {})
    >>> [(c.field, c.reason.value) for c in plan.columns]
    [('name', 'alias'), (None, 'ignored'), (None, 'ignored')]
    >>> assign_fields(("Name", "relation_to_witness", "witness_name"), [], {}).field_of(1)
    'relation'
    """
    witness = next((candidates[i].label for i, m in enumerate(matches)
                    if m is not None and m.alias.field is None and m.alias.text in WITNESS_HEADERS), None)
    if witness is None:
        return candidates
    return [ColumnRole(c.index, c.label, None, Reason.IGNORED, f"how the witness (column {witness!r}) is related "
                       f"to the person, not a relation to a head of household ({c.detail})", c.language)
            if c.field == "relation" and c.reason in (Reason.ALIAS, Reason.ALIAS_CONTAINS)
            and "witness" not in label_words(c.label) and "证人" not in c.label else c
            for c in candidates]


def _is_running_count(values: Sequence[Cell]) -> bool:
    """Whether whole numbers mostly count up by one (序号 or 编号 1, 2, 3...): row serials, which two
    registers share by chance and which must not link their people.

    >>> [_is_running_count(v) for v in ([1, 2, 3, 5, 6], ["7", "8"], [3, 1, 2], [1], [1, 1, 2, 2])]
    [True, True, False, False, False]
    """
    numbers = [int(cell_text(v)) for v in values if cell_text(v).isascii() and cell_text(v).isdigit()]
    if len(numbers) < 2 or len(numbers) < _MOSTLY * len(values):
        return False
    steps = sum(1 for a, b in zip(numbers, numbers[1:], strict=False) if b == a + 1)
    return steps >= _MOSTLY * (len(numbers) - 1)


_EVENT_DATE = ("时间", "日期", "年月", "date", "time", "ۋاقتى", "waqti")
_BIRTH = ("出生", "生日", "birth", "born", "تۇغۇلغان", "tughulghan")


def _dated_event(label: str) -> bool:
    """Whether LABEL, a header no alias knows, names the date of something other than a birth (入院时间, release
    date): its dates are not birth dates, however they look.

    >>> _dated_event("入院时间"), _dated_event("Release date"), _dated_event("出生时间 "), _dated_event("")
    (True, True, False, False)
    """
    text = normalise_label(label)
    return any(w in text for w in _EVENT_DATE) and not any(w in text for w in _BIRTH)


_SNIFFERS: tuple[tuple[str, Callable[[Cell], bool], str], ...] = (
    ("sex", written_sex, "男/女 or M/F"),
    ("birth_date", looks_like_date, "dates"),
)


def _resolve_overrides(columns: Sequence[str], overrides: Mapping[str, str]) -> dict[int, ColumnRole]:
    """``--map`` items as roles by column index; an unknown field or column raises UsageError."""
    keys = [normalise_label(c) for c in columns]
    forced: dict[int, ColumnRole] = {}
    for label, field in overrides.items():
        item = f"--map {label}={field}"
        if field not in FIELDS and field != NO_FIELD:
            raise UsageError(f"{item}: column {label!r}: unknown field {field!r}; valid fields: "
                             f"{', '.join(FIELDS)}, or {NO_FIELD} to keep the column in the cells only")
        key = normalise_label(label)
        index = next((i for i, k in enumerate(keys) if key and k == key), None)
        if index is None:
            raise UsageError(f"{item}: no column {label!r}; columns: {', '.join(columns)}")
        target = None if field == NO_FIELD else field
        if index in forced or any(target and r.field == target for r in forced.values()):
            raise UsageError(f"{item}: column {columns[index]!r} or field {field} is mapped twice")
        forced[index] = ColumnRole(index, columns[index], target, Reason.OVERRIDE, item)
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
