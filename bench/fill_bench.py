"""Ditto and household fills (``ingest.ditto``, ``ingest.household_fill``) against the same fills of a git revision.

A generated household register (CSV: 户号 and address on the head's row only, 同上 in the category of the
members, a blank row after every third household) is added once; then, best of three, each version fills
its records freshly inserted in one transaction (as ``add`` runs the fills): ditto marks in household, address
and category, then the household members. The revision's modules are read with ``git show``.

    PYTHONPATH=src .venv/bin/python bench/fill_bench.py [--rows 200000] [--against REV]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import tempfile
import time
import types
from pathlib import Path

from veracity.case import Case, create_case
from veracity.ingest import ditto, household_fill
from veracity.ingest.pipeline import AddRequest, add_files

FIELDS = ("household", "address", "category")
_VERBATIM = {"household": "nullif(cells->1->>1, '')", "address": "nullif(cells->5->>1, '')",
             "category": "nullif(cells->6->>1, '')"}  # the fields as read, before any fill


def register(rows: int, seed: int = 1) -> str:
    """The CSV text of a household register of ROWS people (synthetic)."""
    rng = random.Random(seed)
    lines, k, house = ["序号,户号,姓名,与户主关系,性别,家庭住址,人员类别"], 0, 0
    while k < rows:
        house += 1
        for member in range(rng.randint(2, 6)):
            k += 1
            head = member == 0
            lines.append(f"{k},{f'H{house}' if head else ''},人{k},{'户主' if head else '之子'},男,"
                         f"{f'村{house}' if head else ''},{'学员' if head else '同上'}")
        if house % 3 == 0:
            lines.append("")
    return "\n".join(lines) + "\n"


def _module(revision: str, name: str) -> types.ModuleType:
    source = subprocess.run(["git", "show", f"{revision}:src/veracity/ingest/{name}.py"], check=True,
                            capture_output=True, text=True).stdout
    module = types.ModuleType(f"{name}_at_{revision}")
    exec(compile(source, f"{revision}:{name}.py", "exec"), module.__dict__)  # noqa: S102 - the project's own code
    return module


def _fill_time(case: Case, fills: tuple[types.ModuleType, types.ModuleType], source_id: int) -> float:
    marks, members = fills
    case.con.execute("BEGIN")
    try:
        case.con.execute("DELETE FROM records")
        case.con.execute("INSERT INTO records SELECT * FROM verbatim")
        started = time.perf_counter()
        marks.fill_ditto_marks(case, source_id, "", FIELDS)
        members.fill_household_members(case, source_id, "")
        return time.perf_counter() - started
    finally:
        case.con.execute("ROLLBACK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--against", default="0b83ea7", help="git revision of the fills to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "register.csv"
        path.write_text(register(args.rows), "utf-8")
        with create_case(Path(tmp) / "case") as case:
            started = time.perf_counter()
            add_files(case, [path], AddRequest(role="leak"))
            added = time.perf_counter() - started
            columns = [c for c, in case.con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'records' "
                "ORDER BY ordinal_position").fetchall()]
            case.con.execute("CREATE TEMP TABLE verbatim AS SELECT "
                             + ", ".join(_VERBATIM.get(c, f'"{c}"') for c in columns) + " FROM records")
            source_id = int(case.scalar("SELECT max(source_id) FROM records"))
            versions = {args.against: (_module(args.against, "ditto"), _module(args.against, "household_fill")),
                        "this tree": (ditto, household_fill)}
            times: dict[str, list[float]] = {label: [] for label in versions}
            for _ in range(3):
                for label, fills in versions.items():
                    times[label].append(_fill_time(case, fills, source_id))
    then, now = (min(t) for t in times.values())
    print(f"{args.rows} rows: add {added:.1f} s; fills {args.against} {then:.2f} s, this tree {now:.2f} s, "
          f"ratio {now / then:.2f}")


if __name__ == "__main__":
    main()
