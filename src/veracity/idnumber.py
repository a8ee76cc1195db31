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
