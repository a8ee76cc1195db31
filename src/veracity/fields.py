"""The canonical fields a record can carry: targets of header detection and ``--map``.

Every record keeps its original cells verbatim; these fields hold the
normalised values (``sex`` is M, F or empty; dates are ISO, ``YYYY-MM`` or
``YYYY`` when only that is known; ``id_number`` is compacted).

>>> "id_number" in FIELDS
True
>>> FIELDS["birth_date"].kind
<Kind.DATE: 'date'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a field's value is normalised."""

    TEXT = "text"
    NAME = "name"
    IDNUMBER = "idnumber"
    SEX = "sex"
    DATE = "date"
    INTEGER = "integer"


@dataclass(frozen=True)
class Field:
    """One canonical field: its name, how it is normalised, what it means."""

    name: str
    kind: Kind
    doc: str


_DECLARED = (
    Field("name", Kind.NAME, "the person's full name as written, in whatever script"),
    Field("name_zh", Kind.NAME, "the name in Chinese characters (伊力哈木·土赫提)"),
    Field("name_latin", Kind.NAME, "the name in Latin letters (Ilham Tohti)"),
    Field("name_arabic", Kind.NAME, "the name in Uyghur Arabic script (ئىلھام توختى)"),
    Field("given_name", Kind.NAME, "given name when the source splits names"),
    Field("family_name", Kind.NAME, "family name or patronymic when the source splits names"),
    Field("id_number", Kind.IDNUMBER, "resident identity number (GB 11643), compacted"),
    Field("other_id", Kind.TEXT, "any other identifier the source gives (passport, record number)"),
    Field("sex", Kind.SEX, "M, F or empty"),
    Field("ethnicity", Kind.TEXT, "ethnicity as written (维吾尔族)"),
    Field("birth_date", Kind.DATE, "date of birth, ISO; YYYY-MM or YYYY when only that is known"),
    Field("age", Kind.INTEGER, "age in years as stated by the source"),
    Field("address", Kind.TEXT, "address or place of residence as written"),
    Field("street", Kind.TEXT, "street part of a split address"),
    Field("locality", Kind.TEXT, "town, township or village of a split address"),
    Field("postcode", Kind.TEXT, "postal code"),
    Field("state", Kind.TEXT, "state, province or prefecture of a split address"),
    Field("household", Kind.TEXT, "household number (户号) or household label"),
    Field("relation", Kind.TEXT, "relation to the head of household (与户主关系)"),
    Field("category", Kind.TEXT, "category the source puts the person in (人员类别)"),
    Field("reason", Kind.TEXT, "stated reason for detention or listing (收押原因)"),
    Field("detained_on", Kind.DATE, "date of detention or of entering a facility"),
    Field("decision", Kind.TEXT, "decision or recommendation (处理意见)"),
)

FIELDS: dict[str, Field] = {f.name: f for f in _DECLARED}
NAME_FIELDS = tuple(f.name for f in _DECLARED if f.kind is Kind.NAME)
