"""Search across scripts: the blocking keys of every record's names, kept in ``name_keys``, queried in SQL.

Typing "Ilham Tohti" finds 伊力哈木·土赫提 because both give the same keys
(``veracity.names.keys``). Keys are computed once per record, when records
are new, and a search is a join on the key column: no name is compared in
Python per record. A record matches when every part of the query matches one
of its keys; a query with digits also matches identity numbers by prefix.

>>> query_parts("Ilham Tohti") == query_parts("伊力哈木·土赫提")
True
>>> query_parts("???")
()
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from veracity.case import Case
from veracity.names import keys, parse

NAME_COLUMNS = ("name", "name_zh", "name_latin", "name_arabic")
_NAMES_SQL = ("SELECT record_id, name, name_zh, name_latin, name_arabic, "
              "concat_ws(' ', given_name, family_name) FROM records WHERE record_id > ? ORDER BY record_id LIMIT ?")
BATCH = 20_000


def record_keys(names: tuple[str | None, ...]) -> list[str]:
    """The keys of every name a record holds, each once.

    >>> record_keys(("阿不都热合木·吐尔逊", "Abdurehim Tursun", None))
    ['BTL', 'TLS']
    """
    found: set[str] = set()
    for name in names:
        if name:
            found.update(keys(name))
    return sorted(found)


def query_parts(query: str) -> tuple[tuple[str, ...], ...]:
    """The keys of each part of QUERY (a part matches a record holding any of them).

    >>> query_parts("Abdurehim Tursun")
    (('BTL',), ('TLS',))
    """
    parts = (tuple(keys(p.text)) for p in parse(query).parts if not p.is_initial)
    return tuple(p for p in parts if p)


def _pending(case: Case) -> int:
    upto = int(case.meta("name_keys_upto", "0"))
    return int(case.scalar("SELECT count(*) FROM records WHERE record_id > ?", [upto]))


def refresh(case: Case, *, user: str | None = None) -> int:
    """Key the records added since the last refresh (one audited change); the number keyed."""
    if not _pending(case):
        return 0
    upto = first = int(case.meta("name_keys_upto", "0"))
    done = 0
    with case.change("index-names", {"from_record": first + 1}, user=user) as change:
        while rows := case.con.execute(_NAMES_SQL, [upto, BATCH]).fetchall():
            ids = [int(r[0]) for r in rows for _ in record_keys(r[1:])]
            found = [k for r in rows for k in record_keys(r[1:])]
            batch = pa.table({"record_id": pa.array(ids, pa.int64()), "key": pa.array(found, pa.string())})
            case.con.register("veracity_key_batch", batch)
            case.con.execute("INSERT INTO name_keys SELECT record_id, key FROM veracity_key_batch")
            case.con.unregister("veracity_key_batch")
            done, upto = done + len(rows), int(rows[-1][0])
        case.con.execute("INSERT OR REPLACE INTO meta VALUES ('name_keys_upto', ?)", [str(upto)])
        change.detail.update(records=done, to_record=upto)
    return done


@dataclass(frozen=True)
class SearchSql:
    """A search as SQL over ``records r``: a ``ranked`` relation (record_id, parts, extra) to LEFT JOIN,
    a WHERE condition and an ORDER BY, each with its parameters (bound, never formatted in)."""

    ranked: str
    ranked_params: list[object]
    where: str
    where_params: list[object]
    order: str = "coalesce(rk.parts, 0) DESC, coalesce(rk.extra, 0), r.record_id"


_NO_HITS = "SELECT NULL::BIGINT AS record_id, 0 AS parts, 0 AS extra WHERE FALSE"
# Records holding a key of every part of the query; those with fewer keys the query did not ask
# for rank first ("Arzugül Eysa": 阿尔祖古丽·艾萨 before 阿尔祖古丽·哈皮孜).
_HITS = """SELECT h.record_id, h.parts,
    (SELECT count(*) FROM name_keys k2 WHERE k2.record_id = h.record_id) - h.matched AS extra
FROM (SELECT k.record_id, count(DISTINCT q.part) AS parts, count(DISTINCT k.key) AS matched
      FROM name_keys k JOIN (SELECT unnest(?::VARCHAR[]) AS key, unnest(?::INTEGER[]) AS part) q ON k.key = q.key
      GROUP BY k.record_id HAVING count(DISTINCT q.part) = ?) h"""


def search_sql(query: str) -> SearchSql:
    """The SQL that finds the records QUERY names: by name key in any script, by identity-number
    prefix when it has digits, or by the text inside a name.

    >>> search_sql("Abdurehim Tursun").ranked_params
    [['BTL', 'TLS'], [0, 1], 2]
    >>> search_sql("  ").where
    'TRUE'
    """
    text = query.strip()
    if not text:
        return SearchSql(_NO_HITS, [], "TRUE", [])
    parts = query_parts(text)
    found_keys = [k for p in parts for k in p]
    numbers = [n for n, p in enumerate(parts) for _ in p]
    ranked, ranked_params = (_HITS, [found_keys, numbers, len(parts)]) if parts else (_NO_HITS, [])
    conditions = ["rk.record_id IS NOT NULL"]
    params: list[object] = []
    compact = "".join(c for c in text if c.isalnum())
    if any(c.isdigit() for c in compact):
        conditions.append("upper(replace(r.id_number, ' ', '')) LIKE ?")
        params.append(compact.upper() + "%")
    conditions.append("(" + " OR ".join(f"contains(r.{c}, ?)" for c in NAME_COLUMNS) + ")")
    params += [text] * len(NAME_COLUMNS)
    return SearchSql(ranked, ranked_params, "(" + " OR ".join(conditions) + ")", params)
