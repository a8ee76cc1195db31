"""Row rules on resident identity numbers (GB 11643-1999 and the 15-digit form), as SQL.

Each builder is a pure function of a :class:`~veracity.engine.base.Dialect`
returning a ``SELECT record_id, message`` over the tables that
:mod:`veracity.checks.run` prepares: ``chk_records`` (the records checked),
``chk_ids`` (:func:`id_parts_sql`, the parts of each number), ``chk_regions``
(every GB/T 2260 code of any year), ``chk_places`` (address -> verdict of
:func:`veracity.regions.matches_place`) and ``chk_age_reference`` (the date
each source's ages are judged at). The check-character arithmetic here
is tested against :func:`veracity.idnumber.check_character` on generated
numbers so that the SQL and Python definitions cannot drift.

>>> from veracity.engine.duckdb import DUCKDB
>>> "10X98765432" in id_parts_sql(DUCKDB)
True
"""

from __future__ import annotations

from veracity.engine.base import Dialect
from veracity.idnumber import check_sum_sql

# ISO 7064 MOD 11-2 (idnumber.check_sum_sql): the check character is "10X98765432"[sum mod 11]:
# 11010519491231002 -> sum 222, 222 mod 11 = 2 -> "X".
CHECK_CHARACTERS = "10X98765432"

EARLIEST_BIRTH = "1880"  # no one living in a register of the 2010s was born before 1880
AGE_YOUNGER_BY = 1  # a recorded age may trail the true age by a year (age taken months before the list)
AGE_OLDER_BY = 2  # nominal age (虚岁) counts a newborn as 1 and adds a year at New Year: up to 2 more
DUPLICATE_NOTE = ("A weak signal: about a million people were issued duplicate numbers when 15-digit "
                  "numbers became 18-digit in the 2000s.")


def id_parts_sql(d: Dialect) -> str:
    """One row per checked record with a number: its kind (18, 15 or 0 for malformed) and parts.

    ``body`` is the 17-digit body (a 15-digit number gets "19" inserted after its region code),
    ``y``/``m``/``dd`` the encoded birth date, ``birth`` it as ISO text, ``date_ok`` whether it is
    a calendar date, ``sex_digit`` the 17th digit and ``expected`` the check character (18 only).
    """
    kind = (f"CASE WHEN {d.full_match('id', '[0-9]{17}[0-9X]')} THEN 18 "
            f"WHEN {d.full_match('id', '[0-9]{15}')} THEN 15 ELSE 0 END")
    # body is all digits wherever kind > 0, so a digit's value is its character code less 48
    weighted = check_sum_sql("body")
    days = ("CASE WHEN m IN (1, 3, 5, 7, 8, 10, 12) THEN 31 WHEN m IN (4, 6, 9, 11) THEN 30 "
            "WHEN (y % 4 = 0 AND y % 100 <> 0) OR y % 400 = 0 THEN 29 ELSE 28 END")
    body = ("CASE kind WHEN 18 THEN substr(id, 1, 17) "
            "WHEN 15 THEN substr(id, 1, 6) || '19' || substr(id, 7, 9) END")
    return f"""
SELECT p.*, (m BETWEEN 1 AND 12 AND dd BETWEEN 1 AND {days}) AS date_ok,
       substr(body, 7, 4) || '-' || substr(body, 11, 2) || '-' || substr(body, 13, 2) AS birth
FROM (
  SELECT b.*, substr(body, 1, 6) AS region,
         {d.try_int('substr(body, 7, 4)')} AS y, {d.try_int('substr(body, 11, 2)')} AS m,
         {d.try_int('substr(body, 13, 2)')} AS dd, {d.try_int('substr(body, 17, 1)')} AS sex_digit,
         CASE WHEN kind = 18 THEN substr('{CHECK_CHARACTERS}', (({weighted}) % 11) + 1, 1) END AS expected
  FROM (
    SELECT k.*, {body} AS body
    FROM (SELECT record_id, source_id, id, {kind} AS kind FROM chk_records WHERE id <> '') k
  ) b
) p"""


_RIGHT_FORM = "a resident identity number has 18 (17 digits and a digit or X) or, before 1999, 15 digits."


def format_sql(d: Dialect) -> str:
    """``id.format``: a number that is neither 18 nor 15 characters of the right kind; a masked one (as published
    lists print them: 653222********3034) says so, and one of the right length says which characters are wrong."""
    hidden = "length(id) - length(replace(id, '*', ''))"
    return f"""SELECT record_id, CASE
    WHEN instr(id, '*') > 0 THEN {d.concat("'The identity number is masked: '", d.text(hidden), "' of its '",
        d.text('length(id)'), "' characters are hidden by *, so it cannot be checked in full.'")}
    WHEN length(id) IN (15, 18) THEN {d.concat("'The identity number has '", d.text('length(id)'),
        "' characters but not of the right kind; " + _RIGHT_FORM + "'")}
    ELSE {d.concat("'The identity number has '", d.text('length(id)'), "' characters; " + _RIGHT_FORM + "'")}
    END AS message
FROM chk_ids WHERE kind = 0"""


def checksum_sql(d: Dialect) -> str:
    """``id.checksum``: the 18th character is not the one the first 17 digits require."""
    return f"""SELECT record_id, {d.concat("'The check character is '", "substr(id, 18, 1)",
        "'; the first 17 digits require '", "expected", "' (ISO 7064 MOD 11-2).'")} AS message
FROM chk_ids WHERE kind = 18 AND substr(id, 18, 1) <> expected"""


def birthdate_invalid_sql(d: Dialect) -> str:
    """``id.birthdate_invalid``: the encoded birth date is no date, too early, or after the document."""
    return f"""SELECT i.record_id, CASE
    WHEN NOT i.date_ok THEN {d.concat("'The birth date encoded in the number, '", "i.birth",
                                      "', is not a calendar date.'")}
    WHEN i.birth < '{EARLIEST_BIRTH}' THEN {d.concat("'The birth date encoded in the number, '", "i.birth",
                                                     f"', is before {EARLIEST_BIRTH}.'")}
    ELSE {d.concat("'The birth date encoded in the number, '", "i.birth", "', is after '", "r.upper_label", "' ('",
                   "r.upper_date", "').'")} END AS message
FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id
WHERE i.kind > 0 AND (NOT i.date_ok OR i.birth < '{EARLIEST_BIRTH}' OR i.birth > r.upper_date)"""


def region_unknown_sql(d: Dialect) -> str:
    """``id.region_unknown``: the first six digits were a division code in no year."""
    return f"""SELECT record_id, {d.concat("'The region code '", "region",
        "' (first six digits) was not a GB/T 2260 division code in any year.'")} AS message
FROM chk_ids i WHERE kind > 0 AND NOT EXISTS (SELECT 1 FROM chk_regions g WHERE g.code = i.region)"""


def birthdate_mismatch_sql(d: Dialect) -> str:
    """``id.birthdate_mismatch``: the number's birth date is not the recorded one (at its precision)."""
    return f"""SELECT i.record_id, {d.concat("'The number gives birth date '", "i.birth",
        "'; the recorded birth date is '", "r.birth_date", "'.'")} AS message
FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id
WHERE i.kind > 0 AND i.date_ok AND {d.full_match('r.birth_date', '[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?')}
  AND substr(i.birth, 1, length(r.birth_date)) <> r.birth_date"""


def age_mismatch_sql(d: Dialect) -> str:
    """``id.age_mismatch``: the recorded age does not follow from the number's birth date.

    Ages are judged at each source's reference date, ``chk_age_reference`` (its document date, else
    the year its ages imply, else the year of its latest detention:
    :mod:`veracity.checks.age_reference`), whose ``phrase`` says which. The age at that date is exact
    when it is a full date, else a range of two years; the recorded age may be ``AGE_YOUNGER_BY``
    less or ``AGE_OLDER_BY`` more.
    """
    ref_y = d.try_int("substr(a.ref_date, 1, 4)")
    before_birthday = "CASE WHEN substr(a.ref_date, 6, 5) < substr(i.birth, 6, 5) THEN 1 ELSE 0 END"
    exact = f"{ref_y} - i.y - {before_birthday}"
    low = f"CASE WHEN length(a.ref_date) = 10 THEN {exact} ELSE {ref_y} - i.y - 1 END"
    high = f"CASE WHEN length(a.ref_date) = 10 THEN {exact} ELSE {ref_y} - i.y END"
    span = d.concat(d.text("low"), "'-'", d.text("high"))
    years = f"CASE WHEN low = high THEN {d.text('low')} ELSE {span} END"
    return f"""SELECT record_id, {d.concat("'The recorded age is '", d.text('age'),
        "'; born '", "birth", "' by the number, the person was '", years, "' '", "phrase", "'.'")} AS message
FROM (SELECT i.record_id, i.birth, r.age, a.phrase, {low} AS low, {high} AS high
      FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id
      JOIN chk_age_reference a ON a.source_id = {d.text('r.source_id')}
      WHERE i.kind > 0 AND i.date_ok AND r.age IS NOT NULL) m
WHERE age < low - {AGE_YOUNGER_BY} OR age > high + {AGE_OLDER_BY}"""


def sex_mismatch_sql(d: Dialect) -> str:
    """``id.sex_mismatch``: the sex digit (odd for men, even for women) contradicts the recorded sex."""
    return f"""SELECT i.record_id, {d.concat("'The sex digit of the number is '", d.text('i.sex_digit'),
        "CASE WHEN i.sex_digit % 2 = 1 THEN ' (odd: a man)' ELSE ' (even: a woman)' END",
        "'; the recorded sex is '", "r.sex", "'.'")} AS message
FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id
WHERE i.kind > 0 AND i.sex_digit IS NOT NULL AND r.sex IN ('M', 'F')
  AND (i.sex_digit % 2 = 1) <> (r.sex = 'M')"""


def region_mismatch_sql(d: Dialect) -> str:
    """``id.region_mismatch``: the recorded address names another place than the number's region.

    ``chk_places`` holds each distinct (region, address) pair that
    :func:`veracity.regions.matches_place` failed, with the region's name and the reason,
    computed once in Python (per distinct pair, not per row) for both engines.
    """
    return f"""SELECT i.record_id, {d.concat("'The region code '", "i.region", "' ('", "p.region_name",
        "') is not the place of the recorded address: '", "p.reason", "'.'")} AS message
FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id
JOIN chk_places p ON p.region = i.region AND p.address = r.address
WHERE i.kind > 0 AND p.outcome = 'fail'"""


def duplicate_sql(d: Dialect) -> str:
    """``id.duplicate``: one number (its 17-digit body) on rows of one source file with different names;
    each such row. Across files the same number under two spellings (阿不都 / 阿布都) is usually one
    person written twice: that is for linkage to weigh, not a sign the register is forged."""
    person = "NULLIF(lower(trim(coalesce(r.name, r.name_zh, r.name_latin, r.name_arabic, ''))), '')"
    first_row = d.text("r.row_no")
    # the file, and its sheet or table when it has one: a row number alone is ambiguous in a workbook
    place = "CASE WHEN coalesce(r.sheet, '') = '' THEN r.source_file ELSE r.source_file || ', ' || r.sheet END"
    return f"""SELECT record_id, {d.concat("'This identity number is on '", d.text('n'),
        "' rows under different names (the first: '", "first_place", "', row '", "first_row", "'). '",
        d.literal(DUPLICATE_NOTE))} AS message
FROM (
  SELECT i.record_id, {person} AS who,
         count(*) OVER w AS n, min({person}) OVER w AS lo, max({person}) OVER w AS hi,
         first_value({place}) OVER wo AS first_place, first_value({first_row}) OVER wo AS first_row
  FROM chk_ids i JOIN chk_records r ON r.record_id = i.record_id
  WHERE i.kind > 0
  WINDOW w AS (PARTITION BY r.source_file, i.body),
         wo AS (PARTITION BY r.source_file, i.body ORDER BY r.table_no, r.row_no, r.record_id)
) g
WHERE lo <> hi"""


RULES = {
    "id.format": format_sql,
    "id.checksum": checksum_sql,
    "id.birthdate_invalid": birthdate_invalid_sql,
    "id.region_unknown": region_unknown_sql,
    "id.birthdate_mismatch": birthdate_mismatch_sql,
    "id.age_mismatch": age_mismatch_sql,
    "id.sex_mismatch": sex_mismatch_sql,
    "id.region_mismatch": region_mismatch_sql,
    "id.duplicate": duplicate_sql,
}
