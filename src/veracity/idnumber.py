"""PRC resident identity numbers (GB 11643-1999 and the older 15-digit form), one at a time.

An 18-character number is ``RRRRRR YYYYMMDD SSS C``: the GB/T 2260 code of the
place of first issue, the birth date, a sequence number (odd for men, even
for women) and an ISO 7064 MOD 11-2 check character (0-9 or X). The 15-digit
form used before 1999 is ``RRRRRR YYMMDD SSS`` (born 19YY) with no check
character; it is valid when its date and region are. Full-width digits,
lower-case x, spaces and hyphens are normalised first (:func:`compact`).

Every problem has a stable check id, shared with the error raised for it.
The region check accepts a code valid in *any* year since 1980: a number
keeps the code of the place where it was issued, often years after birth.
Vectorised checks over millions of rows (``validate_many`` here; per-check
flags, masks and decoded fields) are in :mod:`veracity.idnumber_many`.

>>> compact(" 11010５19491231002x ")
'11010519491231002X'
>>> validate("11010519491231002X").valid
True
>>> validate("110105194912310021").problems
['id.checksum']
>>> validate("650121491231002").valid   # 15-digit form
True
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import numpy as np
from numpy.typing import NDArray

from veracity.errors import InputError
from veracity.regions import Lookup, Outcome, RegionTable, Resolution, lookup

__all__ = [
    "IdCheck", "IdNumberError", "InvalidBirthDate", "InvalidChecksum", "InvalidFormat", "Outcome",
    "UnknownRegion", "birth_date", "check_character", "compact", "is_valid", "matches_birth_date",
    "matches_sex", "region_code", "require_valid", "sex", "to_18", "validate",
    "validate_many",
]


class IdNumberError(InputError):
    """An identity number fails a check; ``check_id`` is the id of the finding it becomes."""

    check_id: ClassVar[str] = "id"


class InvalidFormat(IdNumberError):
    """Not 17 digits and a check character, nor 15 digits, once normalised."""

    check_id = "id.format"


class InvalidChecksum(IdNumberError):
    """The ISO 7064 MOD 11-2 check character does not match the first 17 digits."""

    check_id = "id.checksum"


class InvalidBirthDate(IdNumberError):
    """The birth date is impossible (30 February, month 13, before 1850) or in the future."""

    check_id = "id.birthdate_invalid"


class UnknownRegion(IdNumberError):
    """The six-digit region code was not a GB/T 2260 code in any year."""

    check_id = "id.region_unknown"


ERRORS: tuple[type[IdNumberError], ...] = (InvalidFormat, InvalidChecksum, InvalidBirthDate, UnknownRegion)
FORMAT, CHECKSUM, BIRTHDATE_INVALID, REGION_UNKNOWN = (e.check_id for e in ERRORS)

MIN_BIRTH_YEAR = 1850  # earlier dates are impossible for anyone alive when cards were issued (1984 on)
MAX_INPUT_LENGTH = 64  # longer cells are not identity numbers, whatever they contain

_SEPARATORS = re.compile(r"[\s\-‐‑–—_.·\x00]+")
_FORM_18 = re.compile(r"[0-9]{17}[0-9X]")
_FORM_15 = re.compile(r"[0-9]{15}")


def compact(value: str) -> str:
    """The normalised form: NFKC (full-width digits become ASCII), no spaces or hyphens, upper-case X.

    >>> compact("１１０１０５-1949 1231 002x")
    '11010519491231002X'
    """
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value)).upper()


# ISO 7064 MOD 11-2: weight of position i (0-based, 17 body digits) is 2**(17-i) mod 11;
# the check value makes the weighted sum, the check character counted as 1 * value, ≡ 1 (mod 11).
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_CHECK_CHARACTERS = "10X98765432"  # indexed by (weighted sum of the 17 body digits) mod 11


def check_character(body: str) -> str:
    """The check character of the 17-digit BODY of an 18-character number.

    >>> check_character("11010519491231002")
    'X'
    """
    total = sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def check_sum_sql(body: str) -> str:
    """SQL for the weighted sum of the 17 ASCII digits of the SQL expression BODY (a digit's value is its
    character code less 48), the same text on DuckDB and Spark; the check character is its value mod 11
    in ``10X98765432``.

    >>> check_sum_sql("b").startswith("(ascii(substr(b, 1, 1)) - 48) * 7 + (ascii(substr(b, 2, 1)) - 48) * 9")
    True
    """
    return " + ".join(f"(ascii(substr({body}, {i + 1}, 1)) - 48) * {w}" for i, w in enumerate(_WEIGHTS))


def _text(value: object) -> str | None:
    """VALUE as text: str as is, ASCII bytes decoded, int written out; anything else None."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray):
        return value.decode("ascii") if value.isascii() else None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _normalised(value: object) -> str | None:
    """The compact 15- or 18-character form of VALUE, or None when it has neither shape."""
    text = _text(value)
    if text is None or len(text) > MAX_INPUT_LENGTH:
        return None
    number = compact(text)
    return number if _FORM_18.fullmatch(number) or _FORM_15.fullmatch(number) else None


def _date_of(number: str) -> datetime.date | None:
    """The birth date written in a normalised NUMBER, None when impossible."""
    if len(number) == 18:
        year, rest = int(number[6:10]), number[10:14]
    else:
        year, rest = 1900 + int(number[6:8]), number[8:12]
    if year < MIN_BIRTH_YEAR:
        return None
    try:
        return datetime.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        return None


@dataclass(frozen=True)
class IdCheck:
    """The result of :func:`validate`: the normalised number and the ids of its problems."""

    number: str  # normalised; the compacted text when the format is wrong ('' for non-text)
    problems: list[str]  # check ids, [] when valid; a format problem hides the others
    region: Lookup | None = None  # how the region code resolved (None when the format is wrong)

    @property
    def valid(self) -> bool:
        return not self.problems


def validate(s: object, today: datetime.date | None = None, table: RegionTable | None = None) -> IdCheck:
    """Check a GB 11643 number (18 or 15 characters) and name every problem found.

    TODAY (default: the current date) bounds birth dates; TABLE defaults to the packaged codes.
    Never raises: anything that is not text is an ``id.format`` problem.

    >>> validate("11010519491231002X").valid
    True
    >>> validate("110105194912310021").problems
    ['id.checksum']
    >>> validate("653222209902300012").problems   # 30 February 2099
    ['id.checksum', 'id.birthdate_invalid']
    >>> validate("999999194912310025").problems
    ['id.region_unknown']
    >>> validate(None).problems
    ['id.format']
    """
    number = _normalised(s)
    if number is None:
        text = _text(s)
        return IdCheck(compact(text) if text and len(text) <= MAX_INPUT_LENGTH else "", [FORMAT])
    problems = []
    if len(number) == 18 and check_character(number[:17]) != number[17]:
        problems.append(CHECKSUM)
    born = _date_of(number)
    if born is None or born > (today or datetime.date.today()):
        problems.append(BIRTHDATE_INVALID)
    region = lookup(number[:6], table)
    if region.resolution is not Resolution.EXACT:
        problems.append(REGION_UNKNOWN)
    return IdCheck(number, problems, region)


def is_valid(s: object, today: datetime.date | None = None) -> bool:
    """True when S passes every check; never raises.

    >>> is_valid("11010519491231002X"), is_valid("not a number")
    (True, False)
    """
    return validate(s, today).valid


def require_valid(s: object, today: datetime.date | None = None) -> str:
    """The normalised number, or raise the error of its first problem.

    >>> require_valid("110105194912310021")
    Traceback (most recent call last):
    ...
    veracity.idnumber.InvalidChecksum: 110105194912310021: check character 1, expected X
    """
    result = validate(s, today)
    if result.valid:
        return result.number
    error = {e.check_id: e for e in ERRORS}[result.problems[0]]
    details = {
        FORMAT: "not 18 characters (17 digits and 0-9 or X) nor 15 digits",
        CHECKSUM: f"check character {result.number[-1:]}, expected {check_character(result.number[:17])}",
        BIRTHDATE_INVALID: f"birth date {result.number[6:14]} impossible or in the future",
        REGION_UNKNOWN: f"region code {result.number[:6]} unknown in every year",
    }
    raise error(details[error.check_id], source=result.number)


def to_18(s: str) -> str:
    """The 18-character form: a 15-digit number gets century 19 and its check character.

    >>> to_18("650121491231002")
    '650121194912310025'
    >>> to_18("11010519491231002x")
    '11010519491231002X'
    """
    number = _normalised(s)
    if number is None:
        raise InvalidFormat("not an identity number", source=str(s)[:MAX_INPUT_LENGTH])
    if len(number) == 18:
        return number
    body = number[:6] + "19" + number[6:]
    return body + check_character(body)


def birth_date(s: str) -> datetime.date | None:
    """The birth date the number carries, None when the format or the date is impossible.

    >>> birth_date("11010519491231002X")
    datetime.date(1949, 12, 31)
    >>> birth_date("110105194902300021") is None
    True
    """
    number = _normalised(s)
    return None if number is None else _date_of(number)


def sex(s: str) -> Literal["M", "F"] | None:
    """'M' when the sequence number is odd, 'F' when even, None when the format is wrong.

    >>> sex("11010519491231002X"), sex("650121491231001")
    ('F', 'M')
    """
    number = _normalised(s)
    if number is None:
        return None
    return "M" if int(number[16 if len(number) == 18 else 14]) % 2 else "F"


def region_code(s: str) -> str | None:
    """The six-digit region code, None when the format is wrong.

    >>> region_code("65322219800101001x")
    '653222'
    """
    number = _normalised(s)
    return None if number is None else number[:6]


_SEX_WORDS = {"m": "M", "male": "M", "男": "M", "er": "M", "f": "F", "female": "F", "女": "F", "ayal": "F"}
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def matches_sex(s: str, record_sex: str) -> Outcome:
    """Compare the number's sex with a record's (M/F, 男/女, male/female; else CANNOT_CHECK).

    >>> matches_sex("11010519491231002X", "女"), matches_sex("11010519491231002X", "M")
    (<Outcome.PASS: 'pass'>, <Outcome.FAIL: 'fail'>)
    """
    theirs = _SEX_WORDS.get(record_sex.strip().casefold()) if isinstance(record_sex, str) else None
    mine = sex(s)
    if theirs is None or mine is None:
        return Outcome.CANNOT_CHECK
    return Outcome.PASS if mine == theirs else Outcome.FAIL


def matches_birth_date(s: str, record_date: str) -> Outcome:
    """Compare the number's birth date with an ISO record date, at the record's precision.

    >>> matches_birth_date("11010519491231002X", "1949-12"), matches_birth_date("11010519491231002X", "1950")
    (<Outcome.PASS: 'pass'>, <Outcome.FAIL: 'fail'>)
    >>> matches_birth_date("11010519491231002X", "31/12/1949")
    <Outcome.CANNOT_CHECK: 'cannot_check'>
    """
    born = birth_date(s)
    match = _ISO_PARTIAL.fullmatch(record_date.strip()) if isinstance(record_date, str) else None
    if born is None or match is None:
        return Outcome.CANNOT_CHECK
    parts = [int(p) for p in match.groups() if p is not None]
    return Outcome.PASS if parts == [born.year, born.month, born.day][: len(parts)] else Outcome.FAIL


def validate_many(
    values: Sequence[object] | NDArray[Any],
    today: datetime.date | None = None,
    table: RegionTable | None = None,
) -> NDArray[np.bool_]:
    """Vectorised :func:`validate(...).valid <validate>` for a sequence or NumPy array of strings.

    Same answers as the scalar path, row by row; see :mod:`veracity.idnumber_many` for per-check flags.

    >>> validate_many(["11010519491231002X", "110105194912310021", None]).tolist()
    [True, False, False]
    """
    from veracity import idnumber_many  # the vectorised module builds on this one

    return idnumber_many.validate_many(values, today, table)
