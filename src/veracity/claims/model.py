"""What a claim asserts and what a judgement can say of it.

>>> Assertion.parse("Never_Detained")
<Assertion.NEVER_DETAINED: 'never_detained'>
>>> Assertion.parse("vanished") is None
True
"""

from __future__ import annotations

from enum import Enum

CLAIM_COLUMNS = ("claim_id", "speaker", "date", "source", "subject_name", "subject_id", "assertion", "value",
                 "quote")


class Assertion(Enum):
    """The kinds of statement a claims file may hold (DESIGN.md)."""

    NEVER_DETAINED = "never_detained"      # "X never attended a training centre"
    DETAINED = "detained"                  # "X completed vocational training"
    DETAINED_FOR = "detained_for"          # value: a reason category
    NOT_DETAINED_FOR = "not_detained_for"  # value: a reason category
    RELEASED = "released"                  # value: a date or decision

    @classmethod
    def parse(cls, text: str) -> Assertion | None:
        """The assertion named by TEXT (case and surrounding space ignored), or None."""
        try:
            return cls(text.strip().lower())
        except ValueError:
            return None


class Verdict(Enum):
    """What the records say of a claim."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    NOT_FOUND = "not_found"
    UNVERIFIABLE = "unverifiable"
