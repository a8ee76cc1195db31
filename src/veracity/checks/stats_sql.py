"""The aggregate queries behind the dataset statistics: one small table per statistic, by source file.

Engines return counts only; :mod:`veracity.checks.statistics` turns them into
figures, intervals and p-values, so both engines give the same statistics.

>>> from veracity.engine.duckdb import DUCKDB
>>> "GROUP BY r.source_file" in checksum_sql()
True
"""

from __future__ import annotations

from veracity.checks.family import MIN_PARENT_GAP
from veracity.engine.base import Dialect
from veracity.fields import FIELDS

MAX_PARENT_GAP = 55  # a father 60 years older than his child is rare enough to count as implausible
# the fields compared for duplicates, as named in chk_records
DUPLICATE_FIELDS = ("id", "sex", "address", "household", *(f for f in FIELDS
                    if f not in ("id_number", "sex", "address", "household")))
NEAR_FIELDS = ("id", "name", "name_zh", "birth_date", "sex", "address")  # one of these may differ


def checksum_sql() -> str:
    """Per file: 18-digit numbers (n) and those whose check character is right (k)."""
    return """SELECT r.source_file, count(*) AS n,
       sum(CASE WHEN substr(i.id, 18, 1) = i.expected THEN 1 ELSE 0 END) AS k
FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id WHERE i.kind = 18 GROUP BY r.source_file"""


def sex_sql() -> str:
    """Per file: rows with a number and a recorded sex (n), and those that agree (k)."""
    return """SELECT r.source_file, count(*) AS n,
       sum(CASE WHEN (i.sex_digit % 2 = 1) = (r.sex = 'M') THEN 1 ELSE 0 END) AS k
FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id
WHERE i.kind > 0 AND i.sex_digit IS NOT NULL AND r.sex IN ('M', 'F') GROUP BY r.source_file"""


def birth_histogram_sql(d: Dialect) -> str:
    """Per file and full birth date (the number's when valid, else the recorded one): how many rows."""
    recorded = d.full_match("r.birth_date", "[0-9]{4}-[0-9]{2}-[0-9]{2}")
    return f"""SELECT source_file, born, count(*) AS n FROM (
  SELECT r.source_file, CASE WHEN i.date_ok THEN i.birth WHEN {recorded} THEN r.birth_date END AS born
  FROM chk_records r LEFT JOIN chk_ids i ON i.record_id = r.record_id AND i.kind > 0
) b WHERE born IS NOT NULL GROUP BY source_file, born"""


def region_sql() -> str:
    """Per file: numbers (n), with a known region code (known), with an address judged (judged)
    and whose address names the code's place (agree)."""
    return """SELECT r.source_file, count(*) AS n,
       sum(CASE WHEN g.code IS NOT NULL THEN 1 ELSE 0 END) AS known,
       sum(CASE WHEN p.outcome IS NOT NULL THEN 1 ELSE 0 END) AS judged,
       sum(CASE WHEN p.outcome = 'pass' THEN 1 ELSE 0 END) AS agree
FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id
LEFT JOIN chk_regions g ON g.code = i.region
LEFT JOIN chk_places p ON p.region = i.region AND p.address = r.address
WHERE i.kind > 0 GROUP BY r.source_file"""


def household_sql(d: Dialect) -> str:
    """Per file: parent-child pairs with both birth years and those MIN..MAX_PARENT_GAP years apart;
    head-spouse couples with both sexes and those of opposite sex."""
    gap = f"{d.try_int('substr(p.child_born, 1, 4)')} - {d.try_int('substr(p.parent_born, 1, 4)')}"
    return f"""SELECT source_file, sum(pairs) AS pairs, sum(plausible) AS plausible, sum(couples) AS couples,
       sum(opposite) AS opposite FROM (
  SELECT r.source_file, 1 AS pairs,
         CASE WHEN {gap} BETWEEN {MIN_PARENT_GAP} AND {MAX_PARENT_GAP} THEN 1 ELSE 0 END AS plausible,
         0 AS couples, 0 AS opposite
  FROM chk_pairs p JOIN chk_records r ON r.record_id = p.child_id
  WHERE p.parent_born IS NOT NULL AND p.child_born IS NOT NULL
  UNION ALL
  SELECT r.source_file, 0, 0, 1, CASE WHEN h.sex <> s.sex THEN 1 ELSE 0 END
  FROM chk_members h JOIN chk_members s
    ON h.source_id = s.source_id AND h.sheet = s.sheet AND h.household = s.household
  JOIN chk_records r ON r.record_id = h.record_id
  WHERE h.role = 'head' AND s.role = 'spouse' AND h.sex IS NOT NULL AND s.sex IS NOT NULL
) x GROUP BY source_file"""


def rows_sql() -> str:
    """Per file: records checked."""
    return "SELECT source_file, count(*) AS n FROM chk_records GROUP BY source_file"


def exact_duplicates_sql() -> str:
    """Per file: rows beyond the first of each group identical in every field."""
    keys = ", ".join(DUPLICATE_FIELDS)
    return f"""SELECT source_file, sum(c - 1) AS extra FROM (
  SELECT source_file, count(*) AS c FROM chk_records GROUP BY source_file, {keys}
) g WHERE c > 1 GROUP BY source_file"""


def near_duplicates_sql() -> str:
    """Per file: rows equal to another row in every field but one of NEAR_FIELDS, which differs."""
    parts: list[str] = []
    for field in NEAR_FIELDS:
        others = ", ".join(f for f in DUPLICATE_FIELDS if f != field)
        parts.append(f"""SELECT record_id, source_file FROM (
    SELECT record_id, source_file, min({field}) OVER w AS lo, max({field}) OVER w AS hi
    FROM chk_records WINDOW w AS (PARTITION BY source_file, {others})) g{len(parts)}
  WHERE lo <> hi""")
    union = "\n  UNION ALL\n  ".join(parts)
    return f"""SELECT source_file, count(DISTINCT record_id) AS rows_near FROM (
  {union}
) u GROUP BY source_file"""
