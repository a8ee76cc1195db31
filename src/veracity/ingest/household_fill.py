"""Household columns written once per household: a member's blank household number and address are the head's.

A household register (户籍) lists each household as a block, the head (户主) first; clerks write 户号 and
家庭住址 on the head's row only and leave them blank on the rows of the wife, the sons and daughters below
(or merge the cells down, which ``merges`` fills already). Read literally, those members belong to no
household: the family checks could not pair them with their parents. After a table is read, a row whose
relation (与户主关系) names a member other than the head and whose household is blank takes the household of
the nearest row above that has one; then a member's blank address fields take those of its household's head.
Both look only within the member's block (``fill_down``): a blank spacer row between households, a total or
title line or the header of a later table stops them, so a household never reaches into the next table, where
household numbers often start again. Rows without a relation, heads and rows that hold their own values are
left as written; the verbatim cells never change.
"""

from __future__ import annotations

from veracity.case import Case
from veracity.checks.family import load_relations
from veracity.ingest.fill_down import ROW, table_blocks, values_above

PLACE_FIELDS = ("address", "street", "locality", "postcode", "state")  # where the household lives


def _blank(column: str) -> str:
    return f"coalesce(trim({column}), '') = ''"


def _member(column: str) -> str:
    """SQL: COLUMN (a relation) names a household member other than the head; the head labels are ``$heads``."""
    return f"NOT {_blank(column)} AND NOT list_contains($heads, lower(trim({column})))"


_ABOVE = values_above({"household": "nullif(trim(household), '')"})
_FILL_HOUSEHOLD = f"""
UPDATE records SET household = above.household FROM ({_ABOVE}) AS above
WHERE records.record_id = above.record_id AND above.household IS NOT NULL
  AND {_blank("records.household")} AND {_member("records.relation")}"""

_IS_HEAD = f"NOT {_blank('household')} AND list_contains($heads, lower(trim(relation)))"
_HEAD_PLACE = ", ".join(f"arg_min({f}, {ROW}) AS {f}" for f in PLACE_FIELDS)  # the first head's, as written
_HEADS = f"""
SELECT table_no, block, trim(household) AS household, {_HEAD_PLACE}
FROM ({table_blocks(f"{ROW}, household, relation, {', '.join(PLACE_FIELDS)}")}) WHERE {_IS_HEAD}
GROUP BY table_no, block, trim(household)"""
_FILL_PLACE = f"""
UPDATE records SET {", ".join(f"{f} = CASE WHEN {_blank('records.' + f)} THEN head.{f} ELSE records.{f} END"
                              for f in PLACE_FIELDS)}
FROM (SELECT member.record_id, {", ".join(f"head.{f}" for f in PLACE_FIELDS)}
      FROM ({table_blocks("record_id, household")}) AS member JOIN ({_HEADS}) AS head
        ON member.table_no = head.table_no AND member.block = head.block AND trim(member.household) = head.household
     ) AS head
WHERE records.record_id = head.record_id AND {_member("records.relation")}
  AND ({" OR ".join(_blank("records." + f) for f in PLACE_FIELDS)})"""


def head_labels() -> list[str]:
    """The relation labels that name the head of a household (case-folded).

    >>> "户主" in head_labels() and "妻子" not in head_labels()
    True
    """
    return [r.label for r in load_relations() if r.role == "head"]


def fill_household_members(case: Case, source_id: int, sheet: str) -> None:
    """Give the member rows of one table (SOURCE_ID, SHEET) the household and address written on the rows
    above them; the caller's transaction makes it part of the ``add``."""
    table = {"source_id": source_id, "sheet": sheet, "heads": head_labels()}
    case.con.execute(_FILL_HOUSEHOLD, table)
    case.con.execute(_FILL_PLACE, table)
