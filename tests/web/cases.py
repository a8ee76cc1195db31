"""A small synthetic case for the web tests, written straight into the tables (generated people only).

Names are built from parts in three scripts, so a search in Latin can be checked against the
Chinese record; one leaked name carries a script tag, as a hostile file might.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from veracity.case import Case, create_case, open_case
from veracity.link.levels import Level, Status
from veracity.link.links import Link
from veracity.link.store import write_links

HOSTILE = '<script>alert("x")</script>古丽'
LEAK, TESTIMONIES = "leak.xlsx", "testimonies.csv"
# (Chinese, Latin) spellings of generated names; the first is the one searched for
PEOPLE = (("阿不都热合木·吐尔逊", "Abdurehim Tursun"), ("买买提·肉孜", "Memet Rozi"),
          ("阿依古丽·库尔班", "Aygül Qurban"), ("热依拉·托合提", "Reyila Toxti"), (HOSTILE, "Gül X"))


@dataclass(frozen=True)
class WebCase:
    """Where the case is and what it holds."""

    path: Path
    leak_ids: tuple[int, ...]
    testimony_ids: tuple[int, ...]


def _source(case: Case, sid: int, name: str, role: str, n: int) -> None:
    case.con.execute(
        "INSERT INTO sources (source_id, sha256, source_file, label, role, media_type, size, added_at, encoding, "
        "n_tables, n_records) VALUES (?, ?, ?, '', ?, 'text/csv', 100, now(), 'utf-8', 1, ?)",
        [sid, f"{sid:02d}" + "cd" * 31, name, role, n])


def _record(case: Case, rid: int, sid: int, row: int, values: dict[str, object]) -> None:
    source_file, role, sheet = {1: (LEAK, "leak", "Sheet1"), 2: (TESTIMONIES, "reference", "")}[sid]
    cells = json.dumps([[k, str(v)] for k, v in values.items()], ensure_ascii=False)
    cols = ["record_id", "source_id", "source_file", "sheet", "table_no", "row", "role", "cells", *values]
    quoted = ", ".join(f'"{c}"' for c in cols)
    case.con.execute(f"INSERT INTO records ({quoted}) VALUES ({', '.join('?' * len(cols))})",
                     [rid, sid, source_file, sheet, 1, row, role, cells, *values.values()])


def build(path: Path) -> WebCase:
    """Write the case at PATH: five leak rows in one household, two testimonies in Latin."""
    with create_case(path) as case, case.change("test-fixture"):
        _source(case, 1, LEAK, "leak", len(PEOPLE))
        _source(case, 2, TESTIMONIES, "reference", 2)
        for k, (zh, _) in enumerate(PEOPLE, 1):
            _record(case, k, 1, k, {"name": zh, "sex": "M" if k % 2 else "F", "birth_date": f"19{70 + k}-0{k}-1{k}",
                                    "household": "H001", "reason": f"{PEOPLE[0][0]}在境外" if k == 1 else None,
                                    "detained_on": "2017-05-01" if k == 1 else None})
        for k, (_, latin) in enumerate(PEOPLE[:2], 1):
            _record(case, 100 + k, 2, k, {"name_latin": latin, "birth_date": f"19{70 + k}"})
        case.con.execute("INSERT INTO findings VALUES ('id.checksum', 'error', ?, 'Sheet1', 2, 2, "
                         "'wrong check character', 'check', NULL)", [LEAK])
    return WebCase(path, tuple(range(1, len(PEOPLE) + 1)), (101, 102))


def add_links(path: Path) -> None:
    """Links as linkage writes them (``veracity.link.store``): each testimony to its leak row, probable."""
    links = [Link(a=(LEAK, "Sheet1", k), b=(TESTIMONIES, "", k), record_a=k, record_b=100 + k,
                  probability=0.95 - k / 100, weight=None, level=Level.PROBABLE, status=Status.AUTO,
                  name_score=0.9, rule="model", evidence=json.dumps(
                      {"fields": [{"comparison": "name", "agreement": "same name across scripts",
                                   "bayes_factor": 300.0}], "name": "", "rule": "model"}))
             for k in (1, 2)]
    with open_case(path) as case, case.change("link", {"engine": "test"}):
        write_links(case, links)
