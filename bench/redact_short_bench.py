"""Free-text redaction of the sample case and of sentences naming held people, run once per code version.

    # what each distinct free-text value of the case (and the testimonies as written, lower, upper) becomes
    python bench/redact_short_bench.py sample DEMO_DIR OUT.json
    # sentences naming N random held names (2 or 3 of the sample's hanzi parts) in Latin script
    python bench/redact_short_bench.py scale DEMO_DIR N

DEMO_DIR is what ``veracity demo DEMO_DIR`` writes. Run it with PYTHONPATH on the sources before and after a
change (e.g. ``git archive COMMIT src | tar -x -C /tmp/old``) and compare the two OUT.json files; times are CPU
(process_time), steadier than wall time on a loaded machine.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import time
from pathlib import Path

from veracity.case import open_case
from veracity.names import part_keys
from veracity.names.keys import consonant_classes
from veracity.report.redact import NameIndex, Pseudonyms, Redactor, reduce_address
from veracity.report.state import read_state
from veracity.report.tables import Rule, rule, tables


def _sample_values(demo: Path) -> tuple[Redactor, int, list[str]]:
    with open_case(demo / "case", read_only=True) as case:
        redactor = Redactor.for_case(case)
        values: set[str] = set()
        for table in tables(read_state(case)).values():
            for c in table.columns:
                kind = rule(c)
                if kind in (Rule.TEXT, Rule.ADDRESS):
                    rows = case.con.execute(f'SELECT DISTINCT CAST("{c}" AS VARCHAR) FROM ({table.sql})').fetchall()
                    values |= {reduce_address(v) if kind is Rule.ADDRESS else v for (v,) in rows if v}
    cells = len(values)
    with (demo / "sample" / "testimonies_abroad.csv").open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            values |= {f(row[c]) for c in ("testimony", "relatives_named", "hometown") if row[c]
                       for f in (str, str.lower, str.upper)}
    return redactor, cells, sorted(values)


def sample(demo: Path, out: Path) -> None:
    redactor, cells, values = _sample_values(demo)
    redactor.scrub("warm up: Memet Tursun")
    cpu = time.process_time()
    scrubbed = {v: redactor.scrub(v) for v in values}
    cpu = time.process_time() - cpu
    out.write_text(json.dumps({"cpu": cpu, "scrubbed": scrubbed}, ensure_ascii=False), "utf-8")
    print(f"{cells} case values, {len(values)} distinct values, {1000 * cpu / len(values):.2f} ms CPU each")


def _short(part: str) -> bool:
    return len(part) <= 3 or min(len(consonant_classes(k)) for k in part_keys(part)) < 2


def scale(demo: Path, n: int) -> None:
    people = json.loads((demo / "sample" / "truth.json").read_text("utf-8"))["persons"].values()
    latin: dict[str, str] = {}
    for p in people:
        words = p["name_latin"].split()
        if len(words) == 2:
            latin.setdefault(p["given_name_zh"], words[0])
            latin.setdefault(p["patronymic_zh"], words[1])
    parts = sorted(latin)
    rng = random.Random(7)
    names = sorted({"·".join(rng.sample(parts, rng.choice((2, 2, 3)))) for _ in range(n)})
    redactor = Redactor(Pseudonyms(b"k" * 32), NameIndex.from_pairs((name, None) for name in names))
    redactor.scrub("warm up: Memet Tursun")
    two = [name for name in names if name.count("·") == 1]
    kinds: dict[str, list[str]] = {}
    for kind, form in (("Given Patronymic", "{a} {b}"), ("patronymic, given", "{b}, {a}"), ("a short part", "{a} {b}")):
        pool = [nm for nm in two if any(_short(latin[x]) for x in nm.split("·")) == (kind == "a short part")]
        texts = []
        for name in rng.sample(pool, min(300, len(pool))):
            a, b = (latin[x] for x in name.split("·"))
            written = form.format(a=a, b=b)
            texts.append(f"In March my brother {written.lower() if ',' in form else written} was taken, his wife said.")
        kinds[kind] = texts
    _, _, kinds["the sample's free text"] = _sample_values(demo)
    for kind, texts in kinds.items():
        cpu = time.process_time()
        out = [redactor.scrub(t) for t in texts]
        cpu = time.process_time() - cpu
        named = sum("P-" in o for o in out)
        print(f"{kind}: {len(texts)} sentences, {named} with a pseudonym, {1000 * cpu / len(texts):.1f} ms CPU each")
    print(f"{len(names)} held names of {len(parts)} parts ({sum(_short(latin[p]) for p in parts)} short)")


if __name__ == "__main__":
    if sys.argv[1] == "sample":
        sample(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        scale(Path(sys.argv[2]), int(sys.argv[3]))
