"""What the case holds: which tables exist, with which columns, and which stages have run.

The report renders every section from this real state: a section whose stage
has not run says so rather than showing an empty or invented figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from veracity import audit
from veracity.case import Case


@dataclass(frozen=True)
class CaseState:
    """Tables (with their columns) and the audit actions recorded, read once per report."""

    tables: dict[str, frozenset[str]]
    actions: frozenset[str]

    def has(self, table: str, *columns: str) -> bool:
        """Whether TABLE exists with every one of COLUMNS.

        >>> CaseState({"links": frozenset({"level"})}, frozenset()).has("links", "level")
        True
        >>> CaseState({}, frozenset()).has("persons")
        False
        """
        found = self.tables.get(table)
        return found is not None and all(c in found for c in columns)

    def ran(self, action: str) -> bool:
        """Whether the audit log records ACTION (e.g. ``check``, ``link``, ``judge``)."""
        return action in self.actions


def stage_ran(case: Case, state: CaseState, action: str, table: str) -> bool:
    """Whether a stage has run: its audit action is recorded, or its table holds rows."""
    if state.ran(action):
        return True
    return state.has(table) and bool(case.scalar(f'SELECT count(*) FROM (SELECT 1 FROM "{table}" LIMIT 1)'))


def read_state(case: Case) -> CaseState:
    """The tables of the case's main schema and the actions of its audit log."""
    rows = case.con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'main'").fetchall()
    tables: dict[str, set[str]] = {}
    for table, column in rows:
        tables.setdefault(str(table), set()).add(str(column))
    actions = {entry.action for entry in map(audit.parse_line, audit.read_lines(case.path)) if entry}
    return CaseState({t: frozenset(c) for t, c in tables.items()}, frozenset(actions))
