"""The exportable tables: the contract's columns, the query that yields them, and how each column is redacted.

A table whose stage has not run (no ``links``, ``verdicts`` or ``quotes`` table
yet) exports its header and no rows: the real state of the case.

>>> RECORD_COLUMNS[:9]
('source_file', 'sheet', 'row', 'role', 'name', 'id_number', 'sex', 'birth_date', 'address')
>>> LINK_COLUMNS[5:]
('level', 'status', 'sheet_a', 'sheet_b', 'rule', 'why')
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from veracity.fields import FIELDS, NAME_FIELDS
from veracity.report.state import CaseState

_RECORD_HEAD = ("source_file", "sheet", "row", "role", "name", "id_number", "sex", "birth_date", "address")
RECORD_COLUMNS = _RECORD_HEAD + tuple(f for f in FIELDS if f not in _RECORD_HEAD) + ("label",)
FINDING_COLUMNS = ("check_id", "severity", "source_file", "sheet", "row", "message", "stage")
# sheet_a/sheet_b after the contract's columns: row_a alone is ambiguous in a workbook or a document of tables
LINK_COLUMNS = ("source_file_a", "row_a", "source_file_b", "row_b", "match_probability", "level", "status",
                "sheet_a", "sheet_b", "rule", "why")  # rule: what set the level; why: when the probability does not
CLAIM_COLUMNS = ("claim_id", "verdict", "evidence", "speaker", "date", "source", "subject_name", "subject_id",
                 "assertion", "value", "quote", "source_file", "row", "sentence")  # sentence: the verdict's why
QUOTE_COLUMNS = ("source_file", "paragraph", "speaker", "quote", "persons", "assertion")

_ID_SQL = "upper(regexp_replace(r.id_number, '[\\s\\-‐‑–—_.·]', '', 'g')) AS id_number"
_KEEP = frozenset({"row", "role", "sex", "age", "detained_on", "row_a", "row_b", "match_probability", "level",
                   "status", "check_id", "severity", "stage", "paragraph", "assertion", "date", "verdict", "rule",
                   "why", "sha256", "table_no", "part", "head_row"})  # the last four: the FtM export's hash, places
_BLANK = frozenset({"other_id", "street", "postcode", *NAME_FIELDS})


class Rule(Enum):
    """How a column is redacted (a NULL cell stays NULL under every rule)."""

    KEEP = "kept as it is"
    BLANK = "blanked"
    ID = "reduced to region and birth year"
    BIRTH_YEAR = "reduced to its year"
    ADDRESS = "reduced to its township, then scrubbed"
    HOUSEHOLD = "replaced by a household pseudonym"
    PERSON = "replaced by the person's pseudonym"
    TEXT = "scrubbed of numbers and names"


_RULES = {"id_number": Rule.ID, "subject_id": Rule.ID, "birth_date": Rule.BIRTH_YEAR, "address": Rule.ADDRESS,
          "locality": Rule.ADDRESS, "household": Rule.HOUSEHOLD, "name": Rule.PERSON, "subject_name": Rule.PERSON}


def rule(column: str) -> Rule:
    """How COLUMN is redacted.

    >>> [rule(c).name for c in ("reason", "name_zh", "name", "row")]
    ['TEXT', 'BLANK', 'PERSON', 'KEEP']
    """
    if column in _KEEP:
        return Rule.KEEP
    if column in _BLANK - {"name"}:
        return Rule.BLANK
    return _RULES.get(column, Rule.TEXT)


def person_columns(column: str, columns: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """For a PERSON column: the column holding the person's id number, and the name columns read in turn
    (the first non-empty one names the person; the column itself when all are empty)."""
    if column == "name":
        return "id_number", tuple(f for f in NAME_FIELDS if f in columns)
    return "subject_id", (column,)


@dataclass(frozen=True)
class Table:
    """One exportable table: its columns, and the query that yields them (its select list, what follows
    ``FROM``, and its order)."""

    columns: tuple[str, ...]
    select: str
    source: str
    order: str = ""

    @property
    def sql(self) -> str:
        """The table's rows, in order."""
        return f"SELECT {self.select} FROM {self.source}" + (f" ORDER BY {self.order}" if self.order else "")

    @property
    def numbered(self) -> str:
        """The table's rows, unordered, each with its place in the order as ``_rn``."""
        over = f"ORDER BY {self.order}" if self.order else ""
        return f"SELECT {self.select}, row_number() OVER ({over}) AS _rn FROM {self.source}"


def _records() -> Table:
    cols = ", ".join(_ID_SQL if c == "id_number" else f'r."{c}"' for c in RECORD_COLUMNS if c != "label")
    return Table(RECORD_COLUMNS, f"{cols}, s.label", "records r JOIN sources s USING (source_id)",
                 'r.source_id, r.table_no, r."row", r.record_id')  # two records on a row: as read


def _empty(columns: tuple[str, ...]) -> Table:
    return Table(columns, ", ".join(f'NULL AS "{c}"' for c in columns), "(SELECT 1) WHERE false")


def _claims(state: CaseState) -> Table:
    judged = state.has("verdicts", "claim_id", "verdict", "evidence")
    judged = judged and state.has("verdicts", "sentence")
    verdict = "v.verdict, v.evidence" if judged else "'' AS verdict, '' AS evidence"
    sentence = "v.sentence" if judged else "'' AS sentence"
    join = " LEFT JOIN verdicts v USING (claim_id)" if judged else ""
    return Table(CLAIM_COLUMNS, f"c.claim_id, {verdict}, speaker, date, source, subject_name, subject_id, "
                 f"assertion, value, quote, c.source_file, c.\"row\", {sentence}", f"claims c{join}",
                 'c.source_file, c."row"')


def _links(state: CaseState) -> Table:
    """The links, with the rule that set each level and, where the level is not the one the probability
    reaches, why (the evidence's own words: templates without names or numbers)."""
    if not state.has("links", *LINK_COLUMNS[:-1], "evidence"):
        return _empty(LINK_COLUMNS)
    why = "coalesce(json_extract_string(evidence, '$.why'), '') AS why"
    select = ", ".join([*(f'"{c}"' for c in LINK_COLUMNS[:-1]), why])
    return Table(LINK_COLUMNS, select, "links", "source_file_a, sheet_a, row_a, source_file_b")


def _optional(state: CaseState, table: str, columns: tuple[str, ...], order: str) -> Table:
    if not state.has(table, *columns):
        return _empty(columns)
    return Table(columns, ", ".join(f'"{c}"' for c in columns), f'"{table}"', order)


def tables(state: CaseState) -> dict[str, Table]:
    """The exportable tables of a case in STATE, by ``--what`` name."""
    return {
        "records": _records(),
        "findings": Table(FINDING_COLUMNS, 'check_id, severity, source_file, sheet, "row", message, stage',
                          "findings", 'source_file, sheet, "row" NULLS LAST, check_id'),
        "links": _links(state),
        "claims": _claims(state),
        "quotes": _optional(state, "quotes", QUOTE_COLUMNS, "source_file, paragraph"),
    }
