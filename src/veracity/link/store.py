"""Reading and writing the linkage tables of a case (schema v5): links, decisions, persons,
households, families. Callers hold the transaction (``case.change``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pyarrow as pa

from veracity.case import Case
from veracity.link.links import Link, Loc, link_id
from veracity.link.persons import Clusters, Edge, cluster
from veracity.link.spec import relatives_named_by_label

LINK_COLUMNS = ("source_file_a", "row_a", "source_file_b", "row_b", "match_probability", "level", "status",
                "link_id", "sheet_a", "sheet_b", "record_id_a", "record_id_b", "match_weight", "name_score",
                "rule", "evidence")

# the agreement of a link's relatives comparison, read from its evidence; NULL when the link has none (its reference
# record names no relatives): Edge.relatives_named is the count of relatives that agreement says agree
RELATIVES_AGREEMENT = ("list_filter(from_json(json_extract(evidence, '$.fields'), "
                       "'[{\"comparison\": \"VARCHAR\", \"agreement\": \"VARCHAR\"}]'), "
                       "lambda f: f.comparison = 'relatives')[1].agreement")


# a record's place among the records of its row: 0, or 1 for a relative listed on the row of its person
PART = ('(SELECT count(*) FROM records q WHERE q.source_id = r.source_id AND q.sheet = r.sheet '
        'AND q.table_no = r.table_no AND q."row" = r."row" AND q.record_id < r.record_id)')


def locators(case: Case, record_ids: Iterable[int]) -> dict[int, tuple[Loc, str, int]]:
    """Each record's (source_file, sheet, row), role and part, for the RECORD_IDS asked."""
    ids = pa.table({"record_id": pa.array(sorted(set(record_ids)), pa.int64())})
    case.con.register("link_ids_tmp", ids)
    try:
        rows = case.con.execute(f'SELECT r.record_id, r.source_file, r.sheet, r."row", r.role, {PART} FROM records r '
                                "JOIN link_ids_tmp USING (record_id)").fetchall()
    finally:
        case.con.unregister("link_ids_tmp")
    return {int(rid): ((str(f), str(s), int(row)), str(role), int(part)) for rid, f, s, row, role, part in rows}


def record_at(case: Case, loc: Loc) -> int | None:
    """The (first) record at locator LOC, None when the case holds no such row."""
    found = case.scalar('SELECT min(record_id) FROM records WHERE source_file = ? AND sheet = ? AND "row" = ?',
                        list(loc))
    return None if found is None else int(found)


def latest_decisions(case: Case) -> dict[str, tuple[str, Loc, Loc]]:
    """The latest decision on each link: (decision, locator a, locator b)."""
    rows = case.con.execute(
        "SELECT link_id, decision, source_file_a, sheet_a, row_a, source_file_b, sheet_b, row_b FROM ("
        "SELECT *, row_number() OVER (PARTITION BY link_id ORDER BY decided_at DESC, rowid DESC) AS k "
        "FROM link_decisions) WHERE k = 1").fetchall()
    return {str(r[0]): (str(r[1]), (str(r[2]), str(r[3]), int(r[4])), (str(r[5]), str(r[6]), int(r[7])))
            for r in rows}


def write_links(case: Case, links: Sequence[Link]) -> None:
    """Replace the links table with LINKS."""
    case.con.execute("DELETE FROM links")
    if not links:
        return
    columns = list(zip(*(lk.row() for lk in links), strict=True))
    table = pa.table({name: list(values) for name, values in zip(LINK_COLUMNS, columns, strict=True)})
    case.con.register("links_tmp", table)
    try:
        names = ", ".join(LINK_COLUMNS)
        case.con.execute(f"INSERT INTO links ({names}) SELECT {names} FROM links_tmp")
    finally:
        case.con.unregister("links_tmp")


def write_households(case: Case, placements: pa.Table) -> None:
    """Replace the households table with PLACEMENTS (record_id, household_id, method)."""
    case.con.execute("DELETE FROM households")
    if placements.num_rows:
        case.con.register("hh_tmp", placements)
        try:
            case.con.execute("INSERT INTO households SELECT household_id, record_id, method FROM hh_tmp")
        finally:
            case.con.unregister("hh_tmp")


def _insert(case: Case, target: str, columns: dict[str, list[object]]) -> None:
    if not next(iter(columns.values())):
        return
    case.con.register("tmp_rows", pa.table(columns))
    try:
        case.con.execute(f"INSERT INTO {target} ({', '.join(columns)}) SELECT * FROM tmp_rows")
    finally:
        case.con.unregister("tmp_rows")


VERSION_SHARE = 0.5  # of the smaller file's records found again at the same place with the same name and number

# Pairs of leak files of which one holds, at the same sheet (or the same table of the file: a workbook and a PDF
# printed from it, sheet 名单 and table 1) and row, the same name and number as the other for at least
# VERSION_SHARE of the smaller file's records: a copy, a revision or a print of one document (two documents
# listing one person at the same row for half their rows are one document).
_VERSIONS = f"""
WITH leak AS (SELECT source_file, sheet, table_no, "row", name, id_number FROM records
              WHERE role = 'leak' AND name IS NOT NULL),
sizes AS (SELECT source_file, count(*) AS n FROM leak GROUP BY source_file),
same AS (SELECT a.source_file AS fa, b.source_file AS fb, count(*) AS k FROM leak a JOIN leak b
         ON (a.sheet = b.sheet OR a.table_no = b.table_no) AND a."row" = b."row" AND a.name = b.name
         AND a.source_file < b.source_file
         AND a.id_number IS NOT DISTINCT FROM b.id_number GROUP BY a.source_file, b.source_file)
SELECT fa, fb FROM same JOIN sizes x ON x.source_file = fa JOIN sizes y ON y.source_file = fb
WHERE k >= {VERSION_SHARE} * least(x.n, y.n)"""


def versions(case: Case) -> set[frozenset[str]]:
    """The pairs of leak files that are versions of one document (a copy under another name, a revision). The
    records are joined only when the case holds two leak files or more (a review decision rebuilds persons)."""
    row = case.con.execute("SELECT count(*) FROM sources WHERE role = 'leak'").fetchone()
    if not row or row[0] < 2:
        return set()
    return {frozenset((a, b)) for a, b in case.con.execute(_VERSIONS).fetchall()}


def recompute_persons(case: Case) -> Clusters:
    """Rebuild persons, person_records and families from the links and households tables."""
    leak = [int(r) for (r,) in case.con.execute(
        "SELECT record_id FROM records WHERE role = 'leak' ORDER BY record_id").fetchall()]
    named = relatives_named_by_label()
    copies = versions(case)
    edges = [Edge(int(a), int(b), str(lv), str(st), str(fb), None if agreed is None else named.get(agreed, 0),
                  frozenset((str(fa), str(fb))) not in copies)
             for a, b, lv, st, fa, fb, agreed in case.con.execute(
                 f"SELECT record_id_a, record_id_b, level, status, source_file_a, source_file_b, {RELATIVES_AGREEMENT} "
                 "FROM links").fetchall()]
    households = {int(r): str(h) for r, h in case.con.execute(
        "SELECT record_id, household_id FROM households").fetchall()}
    result = cluster(leak, edges, households)
    for table in ("persons", "person_records", "families"):
        case.con.execute(f"DELETE FROM {table}")
    ps = result.persons
    _insert(case, "persons", {"person_id": [p.person_id for p in ps], "record_id": [p.record_id for p in ps],
                              "level": [p.level for p in ps], "sources": [p.sources for p in ps],
                              "records": [len(p.records) for p in ps], "household_id": [p.household_id for p in ps]})
    _insert(case, "person_records", {"person_id": [p.person_id for p in ps for _ in p.records],
                                     "record_id": [r for p in ps for r in p.records]})
    fs = result.families
    _insert(case, "families", {"household_id": [f.household_id for f in fs],
                               "source_file": [f.source_file for f in fs],
                               "members_confirmed": [f.members_confirmed for f in fs],
                               "members": [f.members for f in fs]})
    return result


__all__ = ["link_id", "locators", "recompute_persons", "write_households", "write_links"]
