"""Relatives listed under a person: a detainee's block of rows, one relative per row, each a record of its own.

Lists like the Karakax List give each detainee a block of rows: the detainee's cells (序号, 姓名, 身份证号,
户籍地, 收押原因, 处理意见) merged down over as many rows as there are relatives, and under a group header
(家庭成员 over 关系 | 姓名 | 身份证号) one relative per row. A CSV or PDF of such a sheet leaves the detainee's
cells blank below the block's first row; a clerk may also write them out again on every row. Read one record
per row, the detainee would be repeated on every row of his block and his relatives would be no one.

A leak's table is read this way when columns under a relatives group (two header rows: 家庭成员 over 姓名; or one
row: 家属姓名, family member name) name a person (a name or an identity number) and the columns outside the
group name another. In one header row, a relation column beside the group (与本人关系, 关系; not 与户主关系)
is the relatives'. Then:

- a row whose own person (the cells of the name and number columns outside the group) is new starts a
  block and gives that person's record; a row whose person cells are empty or repeat the block's first row
  (merged or written again) continues the block and gives no record of that person;
- every row whose relative cells hold something gives the relative's record, on that row: the block's
  first row holds two records, the person's first. Relatives' fields come from the group's columns only;
- a relative's category is the group's status column (现状: 在家, 在培训, 服刑) when it has one, else 家属
  (relative), as the claims' rules read a 人员类别;
- all records of a block share its household: the table's household number (户号) when it has one, else
  ``row N``, N the data row of the block's first row; the person's record, with no relation written, gets
  relation 本人 (the one the relatives' relations refer to, the head of this family for the family checks).

Both records of a row keep the row's verbatim cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from veracity.fields import NAME_FIELDS
from veracity.ingest.columns import ColumnPlan, ColumnRole, Reason, RecordColumns, assign_fields
from veracity.ingest.header import load_roles
from veracity.ingest.table import Cell, Row
from veracity.ingest.values import ValueProblem, cell_text, is_empty, normalise_label

PERSON_FIELDS = frozenset({*NAME_FIELDS, "id_number"})
SELF = "本人"  # the relation of the person the relatives are listed under
RELATIVE = "家属"  # the category of a relative whose own status the list does not give
# Headers of a relative's status within the group (在家, 在培训, 服刑): the relative's category
STATUS_LABELS = frozenset(normalise_label(t) for t in (
    "现状", "状态", "目前状态", "现在状态", "目前状况", "现在情况", "目前情况", "情况", "status", "current status",
    "ھازىرقى ئەھۋالى"))

# Labels of a group of columns describing relatives (normalised as header labels are). "family" alone is not
# one: "family name" is a surname.
GROUP_LABELS = tuple(sorted({normalise_label(t) for t in (
    "家庭成员", "家庭主要成员", "主要家庭成员", "家庭成员情况", "家庭主要成员情况", "家属", "亲属", "直系亲属",
    "家庭情况", "社会关系", "主要社会关系", "family members", "family member", "relatives", "relative",
    "next of kin", "ئائىلە ئەزالىرى", "ئائىلە ئەزاسى", "تۇغقانلىرى", "a'ile ezaliri")}, key=len, reverse=True))


def relative_label(label: str) -> str | None:
    """What a column under a relatives group holds (its label within the group), or None for other columns.

    >>> relative_label("家庭成员 姓名"), relative_label("家属身份证号"), relative_label("Relative's name")
    ('姓名', '身份证号', 'name')
    >>> relative_label("姓名"), relative_label("家庭情况"), relative_label("Family name"), relative_label("亲属关系")
    (None, None, None, '关系')
    >>> relative_label("家庭成员 现状"), relative_label("家庭成员 工作单位")
    ('现状', None)
    """
    key = normalise_label(label)
    group = next((g for g in GROUP_LABELS if key.startswith(g) and len(key) > len(g)), None)
    if group is None:
        return None
    rest = key[len(group):]
    rest = rest[1:] if rest[0] == "s" and rest[1:] and rest.isascii() else rest  # relative's name
    match = load_roles().match(rest)
    return rest if rest in STATUS_LABELS or (match is not None and match.alias.field is not None) else None


@dataclass
class Block:
    """The block being read: its first row's person cells and the household of its records."""

    person: tuple[str, ...] = ()
    household: str | None = None


@dataclass(frozen=True)
class Relatives:
    """How one table lists relatives: the group's columns and their plan, and the columns of the person."""

    columns: tuple[int, ...]  # the group's columns, in the table
    plan: ColumnPlan  # their fields, over rows of those columns only
    person: tuple[int, ...]  # the columns outside the group holding the person's name or number
    household: int | None  # the table's household-number column, if any
    block: Block = field(default_factory=Block, compare=False)  # the block read so far

    def records(self, rows: Sequence[Row], numbers: Sequence[int], own: RecordColumns
                ) -> tuple[list[int], list[int], RecordColumns]:
        """The records of ROWS (data rows NUMBERS, whose own fields are OWN): for each record the index of
        its row, its data row, and the fields of all of them."""
        kin = self.plan.build_many([_pick(r, self.columns) for r in rows])
        names = sorted({*own.values, *kin.values, "household", "relation", "category"})
        values: dict[str, list[str | int | None]] = {n: [] for n in names}
        at: list[int] = []
        problems: list[tuple[int, ValueProblem]] = []
        own_unread, kin_unread = _by_row(own.problems), _by_row(kin.problems)
        for i, row in enumerate(rows):
            for source, unread, starts in ((own, own_unread, self._starts(row, numbers[i])),
                                           (kin, kin_unread, self._holds_kin(kin, i))):
                if not starts:
                    continue
                problems += [(len(at), p) for p in unread.get(i, ())]
                at.append(i)
                for n in names:
                    values[n].append(source.values[n][i] if n in source.values else None)
                values["household"][-1] = self.block.household
                if source is own and values["relation"][-1] is None:
                    values["relation"][-1] = SELF
                elif source is kin and values["category"][-1] is None:
                    values["category"][-1] = RELATIVE
        return at, [numbers[i] for i in at], RecordColumns(values, problems)

    def _starts(self, row: Row, number: int) -> bool:
        """Whether ROW starts a block (its person is new); the block is then ROW's."""
        person = tuple(_text(row, k) for k in self.person)
        if not any(person) or (self.block.person and all(
                not p or p == q for p, q in zip(person, self.block.person, strict=True))):
            return False
        household = _text(row, self.household) if self.household is not None else ""
        self.block.person = person
        self.block.household = household or f"row {number}"
        return True

    @staticmethod
    def _holds_kin(kin: RecordColumns, i: int) -> bool:
        return any(kin.values[n][i] is not None for n in kin.values if n in PERSON_FIELDS)


def _by_row(problems: Sequence[tuple[int, ValueProblem]]) -> dict[int, list[ValueProblem]]:
    out: dict[int, list[ValueProblem]] = {}
    for i, problem in problems:
        out.setdefault(i, []).append(problem)
    return out


def _text(row: Row, k: int) -> str:
    cell: Cell = row[k] if k < len(row) else None
    return "" if is_empty(cell) else cell_text(cell).strip()


def plan_relatives(labels: Sequence[str], sample: Sequence[Row], own: ColumnPlan
                   ) -> tuple[ColumnPlan, Relatives] | None:
    """The table's own plan without the relatives' columns, and how it lists relatives; None when it lists
    none (no group column names a person, or no column outside the group does)."""
    group = {k: rest for k, label in enumerate(labels) if (rest := relative_label(label)) is not None}
    if not group:
        return None
    beside = own.column_of("relation")
    if beside is not None and beside.index in (min(group) - 1, max(group) + 1) and not _to_head(beside.label):
        group[beside.index] = beside.label  # 家属姓名 | 与本人关系: how the relative is related
    columns = tuple(sorted(group))
    kin = assign_fields([group[k] for k in columns], [_pick(r, columns) for r in sample], {})
    kin = replace(kin, columns=tuple(_status(replace(c, label=labels[columns[c.index]]), group[columns[c.index]], kin)
                                     for c in kin.columns))
    person = tuple(c.index for c in own.columns if c.field in PERSON_FIELDS and c.index not in group)
    if not PERSON_FIELDS & set(kin.assigned) or not person:
        return None
    held = {columns[c.index]: c.field or "cell" for c in kin.columns}
    kept = tuple(c if c.index not in group else ColumnRole(
        c.index, c.label, None, Reason.IGNORED, f"a relative's {held[c.index]}, read into the relative's own record",
        c.language) for c in own.columns)
    household = own.column_of("household")
    plan = replace(own, columns=kept, date_parts=tuple(g for g in own.date_parts if not set(g.columns) & set(group)),
                   date_orders=tuple(o for o in own.date_orders if o[0] not in group))
    return plan, Relatives(columns, kin, person, household.index if household and household.index not in group
                           else None)


def _status(role: ColumnRole, label: str, kin: ColumnPlan) -> ColumnRole:
    """ROLE, or the relative's category when its LABEL within the group names a status (现状: 在家, 在培训) and no
    other column of the group holds a category."""
    if role.field is not None or normalise_label(label) not in STATUS_LABELS or kin.column_of("category"):
        return role
    return ColumnRole(role.index, role.label, "category", Reason.ALIAS, f"the relative's status ({label!r})")


def _to_head(label: str) -> bool:
    """Whether a relation header names the relation to the head of a household.

    >>> _to_head("与户主关系"), _to_head("关系"), _to_head("Relationship to head of household")
    (True, False, True)
    """
    key = normalise_label(label)
    return "户主" in key or "head" in key or "باشلىق" in key


def _pick(row: Row, columns: Sequence[int]) -> Row:
    """The cells COLUMNS of ROW (None past its end).

    >>> _pick(("a", "b", "c"), (0, 2, 5))
    ('a', 'c', None)
    """
    return tuple(row[k] if k < len(row) else None for k in columns)
