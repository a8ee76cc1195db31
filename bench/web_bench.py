"""Search across scripts in the review UI over a large case: keying time and search latency.

A case is generated straight into DuckDB: ROWS records (default 100,000), each named by two given
names of the sample's name table (synthetic people), half in Chinese transcription and half in
Latin or Arabic script. The bench keys every name once (``nameindex.refresh``), then times
``search_records`` (what ``GET /records?q=`` runs) for Latin queries whose records are written in
Chinese, for an identity-number prefix, and for a filtered empty query, each repeated.
Usage: python bench/web_bench.py [ROWS]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from veracity.case import create_case, open_case
from veracity.sample.name_parts import full_arabic, full_zh, load_given_names
from veracity.web import nameindex
from veracity.web.records import RecordFilter, search_records


def _fill(path: Path, rows: int) -> list[str]:
    """Write ROWS records; return Latin spellings of some names held only in Chinese."""
    rng = random.Random(9)
    names = load_given_names()
    cols: dict[str, list[object]] = {k: [] for k in ("record_id", "name", "name_latin", "name_arabic", "id_number")}
    latin_queries = []
    for k in range(1, rows + 1):
        given, father = rng.choice(names), rng.choice(names)
        script = k % 3
        cols["record_id"].append(k)
        cols["name"].append(full_zh(given, father) if script == 0 else None)
        cols["name_latin"].append(f"{given.uly} {father.uly}" if script == 1 else None)
        cols["name_arabic"].append(full_arabic(given, father) if script == 2 else None)
        cols["id_number"].append(f"653222{1950 + k % 60}{k % 12 + 1:02d}{k % 28 + 1:02d}{k % 1000:03d}X")
        if script == 0 and len(latin_queries) < 20:
            latin_queries.append(f"{given.uly} {father.uly}")
    with create_case(path) as case, case.change("bench-fill"):
        case.con.register("fill", pa.table(cols))
        case.con.execute(
            "INSERT INTO records (record_id, source_id, source_file, sheet, table_no, \"row\", role, name, name_latin, "
            "name_arabic, id_number, cells) SELECT record_id, 1, 'leak.csv', '', 1, record_id, 'leak', name, "
            "name_latin, name_arabic, id_number, '[]' FROM fill")
    return latin_queries


def _time(case: object, wanted: RecordFilter, repeat: int = 5) -> tuple[float, int]:
    laps, total = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        total = search_records(case, wanted).total  # type: ignore[arg-type]
        laps.append(time.perf_counter() - started)
    return statistics.median(laps), total


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        queries = _fill(Path(tmp) / "case", rows)
        with open_case(Path(tmp) / "case") as case:
            started = time.perf_counter()
            keyed = nameindex.refresh(case)
            print(f"{rows:,} records: keyed {keyed:,} in {time.perf_counter() - started:.1f} s, "
                  f"{case.scalar('SELECT count(*) FROM name_keys'):,} keys")
            latin = [_time(case, RecordFilter(q=q)) for q in queries]
            laps = [t * 1000 for t, _ in latin]
            print(f"Latin name -> Chinese records ({len(latin)} queries): median {statistics.median(laps):.0f} ms, "
                  f"max {max(laps):.0f} ms, median {statistics.median(n for _, n in latin):.0f} matches")
            for label, wanted in (("id prefix 6532221975", RecordFilter(q="6532221975")),
                                  ("no query, role filter, page 40", RecordFilter(role="leak", page=40))):
                seconds, total = _time(case, wanted)
                print(f"{label}: {seconds * 1000:.0f} ms, {total:,} matches")
        _http(Path(tmp) / "case", queries)


def _http(path: Path, queries: list[str]) -> None:
    """The same Latin searches as whole requests (case opened per request, page rendered)."""
    from fastapi.testclient import TestClient

    from veracity.web.app import create_app

    client = TestClient(create_app(path, "bench-token"), headers={"Authorization": "Bearer bench-token"})
    laps = []
    for q in queries:
        started = time.perf_counter()
        assert client.get("/records", params={"q": q}).status_code == 200
        laps.append((time.perf_counter() - started) * 1000)
    print(f"GET /records?q=<Latin name> in-process: median {statistics.median(laps):.0f} ms, max {max(laps):.0f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
