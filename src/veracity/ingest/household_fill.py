"""Household columns written once per household: a member's blank household number and address are the head's.

A household register (户籍) lists each household as a block, the head (户主) first; clerks write 户号 and
家庭住址 on the head's row only and leave them blank on the rows of the wife, the sons and daughters below
(or merge the cells down, which ``merges`` fills already). Read literally, those members belong to no
household: the family checks could not pair them with their parents. After a table is read, a row whose
relation (与户主关系) names a member other than the head and whose household is blank takes the household of
the nearest row above that has one; then a member's blank address fields take those of its household's head.
Rows without a relation, heads and rows that hold their own values are left as written; the verbatim cells
never change.
"""

from __future__ import annotations

from veracity.case import Case
from veracity.checks.family import load_relations

PLACE_FIELDS = ("address", "street", "locality", "postcode", "state")  # where the household lives
_ROW = '"row"'


def _blank(column: str) -> str:
    return f"coalesce(trim({column}), '') = ''"


def _member(column: str) -> str:
    """SQL: COLUMN (a relation) names a household member other than the head; the head labels are ``?``."""
    return f"NOT {_blank(column)} AND NOT list_contains(?, lower(trim({column})))"


_FILL_HOUSEHOLD = f"""
UPDATE records SET household = above.household
FROM (SELECT record_id, last_value(nullif(trim(household), '') IGNORE NULLS)
             OVER (ORDER BY "row" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS household
      FROM records WHERE source_id = ? AND sheet = ?) AS above
WHERE records.record_id = above.record_id AND above.household IS NOT NULL
  AND {_blank("records.household")} AND {_member("records.relation")}"""

_FILL_PLACE = f"""
UPDATE records SET {", ".join(f"{f} = CASE WHEN {_blank('records.' + f)} THEN head.{f} ELSE records.{f} END"
                              for f in PLACE_FIELDS)}
FROM (SELECT household, {", ".join(f"arg_min({f}, {_ROW}) AS {f}" for f in PLACE_FIELDS)}
      FROM records WHERE source_id = ? AND sheet = ? AND NOT {_blank("household")}
        AND list_contains(?, lower(trim(relation)))
      GROUP BY household) AS head
WHERE records.source_id = ? AND records.sheet = ? AND records.household = head.household
  AND {_member("records.relation")} AND ({" OR ".join(_blank("records." + f) for f in PLACE_FIELDS)})"""


def head_labels() -> list[str]:
    """The relation labels that name the head of a household (case-folded).

    >>> "户主" in head_labels() and "妻子" not in head_labels()
    True
    """
    return [r.label for r in load_relations() if r.role == "head"]


def fill_household_members(case: Case, source_id: int, sheet: str) -> None:
    """Give the member rows of one table (SOURCE_ID, SHEET) the household and address written on the rows
    above them; the caller's transaction makes it part of the ``add``."""
    heads = head_labels()
    case.con.execute(_FILL_HOUSEHOLD, [source_id, sheet, heads])
    case.con.execute(_FILL_PLACE, [source_id, sheet, heads, source_id, sheet, heads])
