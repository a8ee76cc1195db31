"""How the report and the exports show people: as the case holds them, or redacted for publication.

Every value that names or identifies a person passes through a :class:`View`;
with no redactor it is the identity, so one code path serves both outputs.

>>> View(None).id_number(" 653222198503121234 ")
'653222198503121234'
>>> View(None).redacted
False
"""

from __future__ import annotations

from dataclasses import dataclass

from veracity.idnumber import compact
from veracity.report.redact import Redactor, reduce_address, reduce_date, reduce_id


@dataclass(frozen=True)
class View:
    """The redactor in force, or None for the unredacted (internal) view."""

    redactor: Redactor | None

    @property
    def redacted(self) -> bool:
        return self.redactor is not None

    def person(self, id_number: str | None, name: str | None) -> str:
        """The name as held, or the person's pseudonym."""
        if self.redactor is None:
            return name or ""
        return self.redactor.person(id_number, name) if (id_number or name) else ""

    def id_number(self, value: str | None) -> str:
        """The number normalised, or reduced to region and birth year."""
        if not value:
            return ""
        return compact(value) if self.redactor is None else reduce_id(value)

    def address(self, value: str | None) -> str:
        """The address as held, or its township."""
        if not value:
            return ""
        return value if self.redactor is None else self.redactor.scrub(reduce_address(value))

    def date_of_birth(self, value: str | None) -> str:
        """The birth date as held, or its year."""
        if not value:
            return ""
        return value if self.redactor is None else reduce_date(value)

    def text(self, value: str | None) -> str:
        """Free text as held, or scrubbed of numbers and of every name the case holds."""
        if value is None:
            return ""
        return value if self.redactor is None else self.redactor.scrub(value)

    def household(self, value: str | None) -> str:
        """The household label as held, or its pseudonym."""
        if not value:
            return ""
        return value if self.redactor is None else self.redactor.pseudonyms.household(value)
