"""OCR misreads of identity numbers: a check-character failure that one likely misread explains.

Tesseract confuses a few glyph pairs in printed digits (8/3, 1/7, 0/D, and
0/O, 1/I, 5/S, 2/Z, 6/G by shape). When an OCR-read number fails its check
character and replacing exactly one such character makes it valid, the
failure is reported as a likely misread of that position, not as a forged
number. The evidence is never changed: the verbatim reading stays, and the
explanation says which reading would be valid.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from veracity.idnumber import birth_date, check_character, compact

CONFUSIONS: dict[str, str] = {  # what OCR read -> what the print may have said
    "8": "3", "3": "8", "1": "7", "7": "1", "0": "D", "D": "0", "O": "0", "I": "1", "L": "1",
    "S": "5", "5": "S", "Z": "2", "G": "6", "B": "8",
}


@dataclass(frozen=True)
class Misread:
    """Position (1-based) of a character that may be misread, what was read, and what would make it valid."""

    position: int
    read: str
    likely: str
    corrected: str


@dataclass(frozen=True)
class MisreadCheck:
    """The single-character OCR confusions that would make a failing number valid (one or more)."""

    number: str
    candidates: tuple[Misread, ...]

    def explain(self) -> str:
        """One sentence for a finding.

        >>> explain_misread("653222197901200186").explain()
        "check character fails, but a common OCR confusion makes it valid (position 17 '8' as '3'): \
likely a misread, not a forged number"
        """
        options = ", ".join(f"position {m.position} '{m.read}' as '{m.likely}'" for m in self.candidates)
        return (f"check character fails, but a common OCR confusion makes it valid ({options}): "
                "likely a misread, not a forged number")


def _valid(number: str) -> bool:
    """A well-formed number whose check character holds and whose birth date is a real date."""
    return (len(number) == 18 and number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")
            and check_character(number[:17]) == number[17] and _plausible(birth_date(number)))


def _plausible(born: datetime.date | None) -> bool:
    return born is not None and 1880 <= born.year <= 2100


def explain_misread(text: str) -> MisreadCheck | None:
    """The OCR confusions, one character each, that would make TEXT a valid 18-character number; None if none.

    None also when the number is valid. Several candidates may be listed: the
    check character catches a misread but cannot always tell which character it was.

    >>> [m.position for m in explain_misread("653222197901200186").candidates]
    [17]
    >>> explain_misread("65322219790120O136").candidates[0].corrected
    '653222197901200136'
    >>> explain_misread("653222197901200136") is None, explain_misread("653222197901200199") is None
    (True, True)
    """
    number = compact(text)
    if len(number) != 18 or _valid(number):
        return None
    found = []
    for k, ch in enumerate(number):
        likely = CONFUSIONS.get(ch)
        if likely is None:
            continue
        candidate = number[:k] + likely + number[k + 1 :]
        if _valid(candidate):
            found.append(Misread(k + 1, ch, likely, candidate))
    return MisreadCheck(number, tuple(found)) if found else None
