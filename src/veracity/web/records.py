"""Records as the review UI lists them: search across scripts with filters, a page at a time, and
one record with its original cells, its findings, its links and its household.

Library functions over a case; the routes only parse the query string and render.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from veracity.case import Case
from veracity.fields import FIELDS
from veracity.report.state import CaseState, read_state
from veracity.web import nameindex

PAGE_SIZE = 50
DISPLAY_NAME = "coalesce(nullif(r.name, ''), nullif(r.name_zh, ''), nullif(r.name_latin, ''), r.name_arabic, '')"
OTHER_NAMES = "concat_ws(' / ', nullif(r.name_latin, ''), nullif(r.name_arabic, ''))"
_ROW_SQL = (f"SELECT r.record_id, r.source_file, r.sheet, r.\"row\", r.role, {DISPLAY_NAME}, {OTHER_NAMES}, "
            "coalesce(r.id_number, ''), coalesce(r.sex, ''), coalesce(r.birth_date, ''), "
            "coalesce(r.household, ''), (SELECT count(*) FROM findings f WHERE f.record_id = r.record_id) "
            "FROM records r")


@dataclass(frozen=True)
class RecordFilter:
    """What the records page was asked for: a search text, filters and a page (1-based)."""

    q: str = ""
    role: str = ""
    source_file: str = ""
    sex: str = ""
    check_id: str = ""
    page: int = 1

    def sql(self) -> tuple[nameindex.SearchSql, str, list[object]]:
        """The search's SQL and the filters' WHERE clause on ``records r`` with its parameters.

        >>> RecordFilter(role="leak", sex="F").sql()[1:]
        ('TRUE AND r.role = ? AND r.sex = ?', ['leak', 'F'])
        """
        search = nameindex.search_sql(self.q)
        where, params = search.where, list(search.where_params)
        for column, value in (("r.role", self.role), ("r.source_file", self.source_file), ("r.sex", self.sex)):
            if value:
                where += f" AND {column} = ?"
                params.append(value)
        if self.check_id:
            where += " AND EXISTS (SELECT 1 FROM findings f WHERE f.record_id = r.record_id AND f.check_id = ?)"
            params.append(self.check_id)
        return search, where, params


@dataclass(frozen=True)
class RecordRow:
    """One record in a list: where it is, who it names, how many findings it carries."""

    record_id: int
    source_file: str
    sheet: str
    row: int
    role: str
    name: str
    other_names: str
    id_number: str
    sex: str
    birth_date: str
    household: str
    findings: int


@dataclass(frozen=True)
class RecordsPage:
    """A page of matching records, the total, and the choices the filters offer."""

    filter: RecordFilter
    rows: tuple[RecordRow, ...]
    total: int
    pages: int
    sources: tuple[str, ...]
    checks: tuple[str, ...]


def _rows(case: Case, sql: str, params: list[object]) -> tuple[RecordRow, ...]:
    return tuple(RecordRow(*row) for row in case.con.execute(sql, params).fetchall())


def search_records(case: Case, wanted: RecordFilter) -> RecordsPage:
    """The page of records WANTED asks for, best name matches first (new records are keyed first)."""
    nameindex.refresh(case)
    search, where, params = wanted.sql()
    body = f"FROM records r LEFT JOIN ({search.ranked}) rk USING (record_id) WHERE {where}"
    total = int(case.scalar(f"SELECT count(*) {body}", [*search.ranked_params, *params]))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(wanted.page, 1), pages)
    rows = _rows(case, f"{_ROW_SQL} JOIN (SELECT r.record_id, row_number() OVER (ORDER BY {search.order}) AS k "
                 f"{body} ORDER BY k LIMIT ? OFFSET ?) hit USING (record_id) ORDER BY hit.k",
                 [*search.ranked_params, *params, PAGE_SIZE, (page - 1) * PAGE_SIZE])
    sources = tuple(str(s) for (s,) in case.con.execute(
        "SELECT DISTINCT source_file FROM records ORDER BY 1").fetchall())
    checks = tuple(str(c) for (c,) in case.con.execute(
        "SELECT DISTINCT check_id FROM findings WHERE record_id IS NOT NULL ORDER BY 1").fetchall())
    return RecordsPage(RecordFilter(wanted.q, wanted.role, wanted.source_file, wanted.sex, wanted.check_id, page),
                       rows, total, pages, sources, checks)


@dataclass(frozen=True)
class FindingLine:
    """One finding on a record."""

    check_id: str
    severity: str
    message: str


@dataclass(frozen=True)
class LinkLine:
    """One link touching a record: the record on the other side, the level and status."""

    other_id: int | None
    other_source: str
    other_row: int
    other_name: str
    probability: float | None
    level: str
    status: str


@dataclass(frozen=True)
class RecordDetail:
    """One record: its place, canonical fields, original cells, findings, links and household."""

    row: RecordRow
    fields: tuple[tuple[str, str], ...]
    cells: tuple[tuple[str, str], ...]
    findings: tuple[FindingLine, ...]
    links: tuple[LinkLine, ...] | None
    household: tuple[RecordRow, ...]


def _cells(raw: object) -> tuple[tuple[str, str], ...]:
    """The original cells as (header, value) pairs, whatever shape the ingest stored them in.

    >>> _cells('[["姓名", "x"]]'), _cells('{"a": "1"}'), _cells(None)
    ((('姓名', 'x'),), (('a', '1'),), ())
    """
    data = json.loads(raw) if isinstance(raw, str) else raw
    if isinstance(data, dict):
        return tuple((str(k), "" if v is None else str(v)) for k, v in data.items())
    if isinstance(data, list):
        return tuple((str(p[0]), "" if p[1] is None else str(p[1])) for p in data
                     if isinstance(p, list | tuple) and len(p) == 2)
    return ()


def _fields(case: Case, record_id: int) -> tuple[tuple[tuple[str, str], ...], object]:
    names = list(FIELDS)
    quoted = ", ".join(f'"{n}"' for n in names)
    found = case.con.execute(f"SELECT {quoted}, cells FROM records WHERE record_id = ?", [record_id]).fetchone()
    assert found is not None
    values = tuple((n, str(v)) for n, v in zip(names, found[:-1], strict=True) if v not in (None, ""))
    return values, found[-1]


def linkage_ran(case: Case, state: CaseState | None = None) -> bool:
    """Whether ``veracity link`` has run (its tables exist, empty, before it does): links exist, or the
    audit log records a run that found none (read only then, as the log grows with every decision)."""
    return bool(case.scalar("SELECT count(*) FROM links")) or (state or read_state(case)).ran("link")


def _links(case: Case, row: RecordRow) -> tuple[LinkLine, ...] | None:
    if not linkage_ran(case):
        return None
    found = case.con.execute(
        "WITH mine AS (SELECT record_id_b AS other, match_probability AS p, level, status FROM links "
        "WHERE record_id_a = ? UNION ALL SELECT record_id_a, match_probability, level, status FROM links "
        "WHERE record_id_b = ?) "
        f"SELECT r.record_id, r.source_file, r.\"row\", {DISPLAY_NAME}, mine.p, mine.level, mine.status FROM mine "
        "JOIN records r ON r.record_id = mine.other ORDER BY mine.p DESC NULLS LAST",
        [row.record_id, row.record_id]).fetchall()
    return tuple(LinkLine(int(i), str(f), int(n), str(name or ""), p, str(lv), str(s))
                 for i, f, n, name, p, lv, s in found)


def record_detail(case: Case, record_id: int) -> RecordDetail | None:
    """Everything the record page shows for RECORD_ID, or None when there is no such record."""
    rows = _rows(case, f"{_ROW_SQL} WHERE r.record_id = ?", [record_id])
    if not rows:
        return None
    row = rows[0]
    fields, raw = _fields(case, record_id)
    findings = tuple(FindingLine(*f) for f in case.con.execute(
        "SELECT check_id, severity, message FROM findings WHERE record_id = ? "
        "OR (record_id IS NULL AND source_file = ? AND \"row\" = ?) ORDER BY check_id",
        [record_id, row.source_file, row.row]).fetchall())
    household = _rows(case, f"{_ROW_SQL} WHERE r.source_file = ? AND r.household = ? AND r.household <> '' "
                      "ORDER BY r.\"row\" LIMIT 60", [row.source_file, row.household]) if row.household else ()
    return RecordDetail(row, fields, _cells(raw), findings, _links(case, row), household)
