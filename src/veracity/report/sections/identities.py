"""Identities: persons confirmed by level and by source, families corroborated, one example's evidence.

Rendered from the linkage tables (``links``, ``persons``, ``families``) when
they exist; before ``veracity link`` has run the section says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from veracity.case import Case
from veracity.report.state import CaseState, stage_ran
from veracity.report.view import View

_LINK_COLUMNS = ("source_file_a", "row_a", "source_file_b", "row_b", "match_probability", "level")


@dataclass(frozen=True)
class Side:
    """One record of a link, as cited evidence."""

    source_file: str
    row: int
    name: str
    id_number: str
    birth_date: str
    address: str


@dataclass(frozen=True)
class LinkExample:
    """The strongest link: both records and the model's probability."""

    a: Side
    b: Side
    probability: float
    level: str


@dataclass(frozen=True)
class Identities:
    """Linkage results; ``linked`` is False when there is no links table."""

    linked: bool
    by_level: tuple[tuple[str, int], ...]
    by_source: tuple[tuple[str, str, int], ...]
    persons: tuple[tuple[str, int], ...]
    families: int | None
    example: LinkExample | None


def _side(case: Case, view: View, source_file: str, row: int) -> Side:
    found = case.con.execute(
        "SELECT id_number, coalesce(nullif(name, ''), nullif(name_zh, ''), nullif(name_latin, ''), "
        "name_arabic), "
        "birth_date, address FROM records WHERE source_file = ? AND \"row\" = ? LIMIT 1",
        [source_file, row]).fetchone()
    number, name, born, address = found or (None, None, None, None)
    return Side(view.text(source_file), row, view.person(number, name), view.id_number(number),
                view.date_of_birth(born), view.address(address))


def _example(case: Case, view: View) -> LinkExample | None:
    top = case.con.execute(
        "SELECT source_file_a, row_a, source_file_b, row_b, match_probability, level FROM links "
        "ORDER BY match_probability DESC NULLS LAST, source_file_a, row_a LIMIT 1").fetchone()
    if top is None:
        return None
    return LinkExample(_side(case, view, top[0], top[1]), _side(case, view, top[2], top[3]),
                       float(top[4] or 0.0), str(top[5]))


def _count(case: Case, state: CaseState, table: str) -> int | None:
    return int(case.scalar(f'SELECT count(*) FROM "{table}"')) if state.has(table) else None


def _persons(case: Case, state: CaseState) -> tuple[tuple[str, int], ...]:
    if not state.has("persons", "level"):
        return ()
    rows = case.con.execute("SELECT level, count(*) FROM persons GROUP BY 1 ORDER BY 1").fetchall()
    return tuple((str(level), int(n)) for level, n in rows)


def identities(case: Case, state: CaseState, view: View) -> Identities:
    """Read the linkage tables, when linkage has run."""
    if not (state.has("links", *_LINK_COLUMNS) and stage_ran(case, state, "link", "links")):
        return Identities(False, (), (), (), None, None)
    accepted = "WHERE status <> 'rejected'" if state.has("links", "status") else ""
    levels = case.con.execute(f"SELECT level, count(*) FROM links {accepted} GROUP BY 1 ORDER BY 1"
                              ).fetchall()
    sources = case.con.execute(
        f"SELECT source_file_b, level, count(*) FROM links {accepted} GROUP BY 1, 2 ORDER BY 1, 2").fetchall()
    return Identities(True, tuple((str(lv), int(n)) for lv, n in levels),
                      tuple((view.text(f), str(lv), int(n)) for f, lv, n in sources),
                      _persons(case, state), _count(case, state, "families"), _example(case, view))
