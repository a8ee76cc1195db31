"""PRC resident identity numbers (GB 11643-1999 and the older 15-digit form).

>>> compact(" 11010５19491231002x ")
'11010519491231002X'
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-‐‑–—_.·]+")


def compact(value: str) -> str:
    """The normalised form: NFKC (full-width digits become ASCII), no spaces or hyphens, upper-case X."""
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
