"""The value reductions of redaction written as DuckDB SQL expressions, equal to their Python forms.

Each function returns an expression over the SQL expression ``x`` (a VARCHAR). Python's rules
are kept exactly where SQL can: whitespace is Python's (``str.isspace``), not RE2's ASCII ``\\s``.
What SQL cannot do exactly — NFKC, which turns full-width digits into ASCII — is left to Python:
:data:`IS_ASCII` tells which values the SQL forms may take (NFKC leaves ASCII text unchanged).

>>> import duckdb
>>> duckdb.execute("SELECT " + id18_sql("$v"), {"v": "653222850312123"}).fetchone()[0]
'653222198503121234'
>>> duckdb.execute("SELECT " + reduce_address_sql("$v"), {"v": "墨玉县喀尔赛乡3村12号"}).fetchone()[0]
'墨玉县喀尔赛乡'
"""

from __future__ import annotations

import re

from veracity.idnumber import check_sum_sql

_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in map(chr, range(0x3001)) if c.isspace())
TOWNSHIP_ZH = "^.*?(?:街道办事处|街道|乡|镇)"
"""An address up to its township (乡, 镇, 街道), as Python and RE2 both read it."""
COUNTY_ZH = "^.*(?:县|市|区)"
"""An address up to its county or city."""
TOWNSHIP_WORDS = ("township", "town", "yeza", "yéza", "bazar", "nahiye", "xiang", "zhen", "jiedao",
                  "يېزا", "بازار", "ناھىيە")
"""Words that name a township in a Latin or Arabic-script address."""
_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
IS_ASCII = "regexp_full_match({x}, '[\\x00-\\x7F]*')"
"""A condition, with ``{x}`` to fill, true when the value is ASCII (so its NFKC form is itself)."""


def bind(value: str, name: str, body: str) -> str:
    """BODY with NAME bound to VALUE, computed once per row (DuckDB would repeat an expression written twice).

    >>> bind("1 + 1", "v", "v * v")
    'list_transform([1 + 1], lambda v: v * v)[1]'
    """
    return f"list_transform([{value}], lambda {name}: {body})[1]"


def _strip(x: str) -> str:
    return f"regexp_replace({x}, '^[{_SPACE}]+|[{_SPACE}]+$', '', 'g')"


def compress_ascii_sql(x: str) -> str:
    """``redact.compress`` of an ASCII value but for case: spaces and name separators removed."""
    return f"regexp_replace({x}, '[{_SPACE}.\\-_\\x27`]+', '', 'g')"


def compact_ascii_sql(x: str) -> str:
    """``idnumber.compact`` of an ASCII value: separators and spaces removed, upper case."""
    return f"upper(regexp_replace({x}, '[{_SPACE}\\-_.\\x00]+', '', 'g'))"


def id18_sql(x: str) -> str:
    """The 18-character form of an ASCII identity number (``redact.id_key``), NULL when not shaped like one."""
    digits = check_sum_sql("b")
    raised = bind("left(c, 6) || '19' || substr(c, 7)", "b",
                  f"b || substr('10X98765432', CAST(({digits}) % 11 AS INTEGER) + 1, 1)")
    return bind(compact_ascii_sql(x), "c", f"CASE WHEN regexp_full_match(c, '\\d{{15}}') THEN {raised} "
                f"WHEN regexp_full_match(c, '\\d{{17}}[\\dX]') THEN c END")


def reduce_id_sql(x: str) -> str:
    """``redact.reduce_id`` of an ASCII value: region and birth year, else the leading six digits, else ''."""
    return bind(compact_ascii_sql(x), "c",
                "CASE WHEN regexp_full_match(c, '\\d{15}') THEN left(c, 6) || '/19' || substr(c, 7, 2) "
                "WHEN regexp_full_match(c, '\\d{17}[\\dX]') THEN left(c, 6) || '/' || substr(c, 7, 4) "
                "WHEN regexp_matches(c, '^\\d{6}') THEN left(c, 6) ELSE '' END")


def reduce_address_sql(x: str) -> str:
    """``redact.reduce_address``: cut after the township (乡, 镇, 街道), else the county or city, else the
    comma-separated part naming a township in Latin or Arabic script; '' when none."""
    township, county = f"'{TOWNSHIP_ZH}'", f"'{COUNTY_ZH}'"
    words = "|".join(re.escape(w) for w in TOWNSHIP_WORDS)
    named = bind(f"list_transform(string_split(s, ','), lambda p: {_strip('p')})", "parts",
                 f"array_to_string(parts[1:coalesce(list_position(list_transform(parts, lambda p: "
                 f"regexp_matches(lower(p), '{words}')), true), 0)], ', ')")
    return bind(_strip(x), "s", f"CASE WHEN regexp_matches(s, {township}) THEN regexp_extract(s, {township}) "
                f"WHEN regexp_matches(s, {county}) THEN regexp_extract(s, {county}) ELSE {named} END")


def digest_sql(message: str) -> str:
    """``Pseudonyms._digest`` in SQL: HMAC-SHA256 of the text MESSAGE under the secret (whose pads are the
    columns ``ipad`` and ``opad``, 64-byte BLOBs, see :func:`pads`), the first ten characters of its base32 form."""
    mac = f"sha256(opad || unhex(sha256(ipad || encode({message}))))"
    bits = f"CAST('0x' || left({mac}, 13) AS BIGINT) >> 2"  # 52 bits read, the first 50 kept: 10 x 5 bits
    chars = " || ".join(f"substr('{_BASE32}', CAST((v >> {45 - 5 * k}) & 31 AS INTEGER) + 1, 1)" for k in range(10))
    return bind(bits, "v", chars)


def pads(secret: bytes) -> tuple[bytes, bytes]:
    """The HMAC pads (ipad, opad) of SECRET, which :func:`digest_sql` reads as columns.

    >>> [len(p) for p in pads(b"k" * 32)]
    [64, 64]
    """
    key = secret.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)
