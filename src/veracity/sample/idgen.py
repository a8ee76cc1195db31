"""Synthetic GB 11643 identity numbers: region, birth date, sequence, check character.

The sequence's last digit is odd for men and even for women; the check
character comes from :func:`veracity.idnumber.check_character`. Numbers are
drawn at random, so none is knowingly a real person's.

>>> make_id("653222", dt.date(1985, 3, 12), 123)
'653222198503121234'
>>> old_form("653222198503121234")
'653222850312123'
"""

from __future__ import annotations

import datetime as dt
import random

from veracity.idnumber import check_character


def make_id(region: str, birth: dt.date, seq: int) -> str:
    """The 18-character number for REGION, BIRTH and the 3-digit sequence SEQ."""
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_character(body)


def with_body(body: str) -> str:
    """An 18-character number from any 17-character body, its check character made right.

    >>> with_body("65322219880230123")
    '653222198802301235'
    """
    return body + check_character(body)


def old_form(id18: str) -> str:
    """The pre-1999 15-digit form: region, two-digit year, month, day, sequence; no check character."""
    return id18[:6] + id18[8:17]


def draw_sequence(rng: random.Random, sex: str) -> int:
    """A 3-digit sequence whose last digit is odd for ``M`` and even for ``F``.

    >>> draw_sequence(random.Random(3), "F") % 2
    0
    """
    seq = rng.randrange(1, 600)
    if (seq % 2 == 1) != (sex == "M"):
        seq += 1
    return seq


def flip_sex_digit(id18: str) -> str:
    """The number with its sex digit moved to the other parity (check character recomputed).

    >>> flip_sex_digit("653222198503121234")[16]
    '4'
    """
    digit = int(id18[16])
    other = digit + 1 if digit < 9 else digit - 1
    return with_body(id18[:16] + str(other))


def wrong_check(id18: str) -> str:
    """The number with a check character that does not fit its body.

    >>> wrong_check("653222198503121234")
    '653222198503121235'
    """
    chars = "0123456789X"
    return id18[:17] + chars[(chars.index(id18[17]) + 1) % len(chars)]
