"""``date.out_of_range``: dates impossible for the document, as SQL.

A date is impossible when it is before 1880, after the document date (or,
when the source has none, after the last day of the date its title states,
else after the day of the check: ``prepare.date_bound``), or, for a detention,
before the person's recorded birth. Dates are ISO text, compared as text at
the precision recorded ("1985" is not after "1985-06-01").

>>> from veracity.engine.duckdb import DUCKDB
>>> "detained_on" in out_of_range_sql(DUCKDB)
True
"""

from __future__ import annotations

from veracity.checks.ids import EARLIEST_BIRTH
from veracity.engine.base import Dialect

ISO_DATE = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"  # 1985, 1985-03 or 1985-03-12
DATE_FIELDS = (("birth_date", "birth date"), ("detained_on", "detention date"))


def _field_sql(d: Dialect, column: str, label: str) -> str:
    value = f"r.{column}"
    early = f"{value} < '{EARLIEST_BIRTH}'"
    late = f"{value} > r.upper_date"
    conditions = [(early, d.concat(f"'The {label} '", value, f"' is before {EARLIEST_BIRTH}.'")),
                  (late, d.concat(f"'The {label} '", value, "' is after '", "r.upper_label", "' ('",
                                  "r.upper_date", "').'"))]
    if column == "detained_on":
        n = "least(length(r.detained_on), length(r.birth_date))"
        before = (f"{d.full_match('r.birth_date', ISO_DATE)} AND "
                  f"substr(r.detained_on, 1, {n}) < substr(r.birth_date, 1, {n})")
        conditions.append((before, d.concat("'The detention date '", value, "' is before the birth date '",
                                            "r.birth_date", "'.'")))
    cases = " ".join(f"WHEN {cond} THEN {message}" for cond, message in conditions)
    where = " OR ".join(f"({cond})" for cond, _ in conditions)
    return f"""SELECT r.record_id, CASE {cases} END AS message
FROM chk_records r WHERE {d.full_match(value, ISO_DATE)} AND ({where})"""


def out_of_range_sql(d: Dialect) -> str:
    """``date.out_of_range``: one finding per impossible date of a row (birth, detention)."""
    return "\nUNION ALL\n".join(_field_sql(d, column, label) for column, label in DATE_FIELDS)


RULES = {"date.out_of_range": out_of_range_sql}
