"""Free-text redaction of the sample case and of sentences naming held people, run once per code version.

    # what each distinct free-text value of the case (and the testimonies as written, lower, upper) becomes
    python bench/redact_short_bench.py sample DEMO_DIR OUT.json
    # sentences naming N random held names (2 or 3 of the sample's hanzi parts) in Latin script: as written,
    # lower case with a comma, with a short part, with a compound part split by a space (Abdu Rehim), and two
    # parts of one held name around a word (Ali told Tursun)
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


COMPOUND_HEADS = ("Abdu", "Nur", "Gül", "Gul", "Ay", "Muhem")  # the first part of a compound given name


def split_compound(part: str) -> str | None:
    """PART with its compound head split off by a space (Abdurehim: Abdu Rehim), None when it has none."""
    head = next((h for h in COMPOUND_HEADS if part.startswith(h) and len(part) - len(h) >= 3), None)
    return None if head is None else f"{head} {part[len(head):].title()}"


def _texts(kind: str, names: list[str], latin: dict[str, str], rng: random.Random) -> list[str]:
    """Up to 300 sentences of KIND naming two-part NAMES (hanzi) in their parts' Latin spelling LATIN."""
    forms = {"Given Patronymic": "{a} {b}", "patronymic, given": "{b}, {a}", "a short part": "{a} {b}",
             "a compound split (Abdu Rehim)": "{a} {b}", "two parts around a word (Ali told Tursun)": "{a} told {b}"}
    pool = [nm for nm in names if any(_short(latin[x]) for x in nm.split("·")) == (kind == "a short part")]
    if kind.startswith("a compound"):
        pool = [nm for nm in pool if split_compound(latin[nm.split("·")[0]])]
    texts = []
    for name in rng.sample(pool, min(300, len(pool))):
        a, b = (latin[x] for x in name.split("·"))
        a = split_compound(a) or a if kind.startswith("a compound") else a
        written = forms[kind].format(a=a, b=b)
        texts.append(f"In March my brother {written.lower() if ',' in written else written} was taken, his wife said.")
    return texts


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
    kinds = {kind: _texts(kind, two, latin, rng) for kind in ("Given Patronymic", "patronymic, given", "a short part",
                                                               "a compound split (Abdu Rehim)",
                                                               "two parts around a word (Ali told Tursun)")}
    _, _, kinds["the sample's free text"] = _sample_values(demo)
    for kind, texts in kinds.items():
        cpu = time.process_time()
        out = [redactor.scrub(t) for t in texts]
        cpu = time.process_time() - cpu
        named, marked = sum("P-" in o for o in out), sum(o.count("[name]") == 2 and "P-" not in o for o in out)
        print(f"{kind}: {len(texts)} sentences, {named} with a pseudonym, {marked} with two marks and none, "
              f"{1000 * cpu / len(texts):.1f} ms CPU each")
    print(f"{len(names)} held names of {len(parts)} parts ({sum(_short(latin[p]) for p in parts)} short)")


if __name__ == "__main__":
    if sys.argv[1] == "sample":
        sample(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        scale(Path(sys.argv[2]), int(sys.argv[3]))
