"""Linkage as the case grows: time by stage, peak memory, candidate pairs per blocking rule, precision
and recall; on the sample case, also the cross-script recall of testimony links (testimonies give only
Latin and Arabic-script names).

Two kinds of case:

- ``SCALE`` (a number): the sample case (``veracity.sample``) at that scale, generated and added as
  a user would (``add_files``).
- ``small:N``: N small cases of the size reporters meet (40 leak rows in Chinese, 8 testimonies in Latin
  script; 320 possible pairs, so the model keeps data/link_start.tsv), seeded, added as a user would. Six
  testimonies speak of leak people and copy the number exactly (40%), with one wrong digit (20%), with two
  adjacent digits swapped (10%) or not at all (30%), give the birth date half of the time and a township
  (another township of the county one time in five) or the county; of the two others, one is a namesake of a
  leak person with a number of their own, one a stranger whose number is one digit off a leak person's. The
  error rates are raised far above real ones so that each kind is seen often; recall is given by kind.
- ``synthetic:ROWS``: ROWS leak rows and ROWS reference rows written straight into the case store
  with known truth (as bench/report_bench.py does), for sizes the sample generator and the XLSX
  reader would take too long to make: a given name, the father's and sometimes the grandfather's, from
  the sample's name table (Chinese on the leak), people spread over Xinjiang's counties, valid 18-digit numbers. Of the
  reference rows, 60% are leak people: as a register row (same number; one in fifty with a wrong
  digit), as a register row without a number, or as a testimony (its own file: Latin name, birth
  year, county in English); 40% are people not in the leak (register rows, some without a number).

Usage: .venv/bin/python bench/link_bench.py 1 10 100 synthetic:1000000   (each case in its own process)
       .venv/bin/python bench/link_bench.py small:40   (prints its own table)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

from veracity import regions
from veracity.case import Case, create_case, open_case
from veracity.link import run as link_run
from veracity.link.evaluate import Pair, found_pairs, score, truth_pairs
from veracity.link.spec import blocking_rules


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


class _Stages:
    """Seconds of each stage of ``run_link``, from its progress calls, and the features it prepared."""

    def __init__(self, folder: Path) -> None:
        self.marks: list[float] = [time.perf_counter()]
        self.features = folder / "features.parquet"  # kept on disk, so the run's memory is the run's own
        self.present: frozenset[str] = frozenset()
        self.saving = 0.0  # seconds spent writing it, taken off the features stage
        self._prepare = link_run.prepare
        link_run.prepare = self._capture  # type: ignore[assignment]

    def _capture(self, *args: Any) -> Any:
        import pyarrow.parquet as pq

        prepared = self._prepare(*args)
        started = time.perf_counter()
        pq.write_table(prepared.table, self.features)
        self.present, self.saving = prepared.present, time.perf_counter() - started
        return prepared

    def __call__(self, _task: str, done: int, _total: int | None = None) -> None:
        if done:
            self.marks.append(time.perf_counter())

    def seconds(self, total: float) -> dict[str, float]:
        names = ("features", "splink_train_predict", "links")
        out = {n: round(b - a, 1) for n, a, b in zip(names, self.marks, self.marks[1:], strict=False)}
        out["features"] = round(out.get("features", 0.0) - self.saving, 1)
        out["persons_and_store"] = round(total - (self.marks[-1] - self.marks[0]), 1)
        return out


def pairs_per_rule(features: Path, present: frozenset[str]) -> list[tuple[str, int]]:
    """Candidate pairs each blocking rule makes across datasets (before Splink removes repeats)."""
    import duckdb

    with duckdb.connect() as con:
        con.execute(f"CREATE TABLE features AS SELECT * FROM read_parquet('{features}')")
        return [(rule, int(con.execute(
            f"SELECT count(*) FROM features l JOIN features r ON {rule} "
            "AND l.source_dataset < r.source_dataset").fetchone()[0]))  # type: ignore[index]
                for rule in blocking_rules(present)]


def link_and_measure(case_dir: Path, truth: set[Pair]) -> dict[str, Any]:
    """Run ``run_link`` on the case at CASE_DIR; time, memory, pairs and accuracy against TRUTH."""
    stages = _Stages(case_dir.parent)
    before = _peak_mb()
    with open_case(case_dir) as case:
        leak = int(case.scalar("SELECT count(*) FROM records WHERE role = 'leak'"))
        ref = int(case.scalar("SELECT count(*) FROM records WHERE role = 'reference'"))
        started = time.perf_counter()
        summary = link_run.run_link(case, progress=stages)
        seconds = time.perf_counter() - started
    peak = _peak_mb()
    with open_case(case_dir, read_only=True) as case:
        found = found_pairs(case)
    overall = score(found, truth)
    files = sorted({p[2] for p in truth})
    by_file = {f: score({p for p in found if p[2] == f}, {p for p in truth if p[2] == f}) for f in files}
    return {"leak_rows": leak, "reference_rows": ref, "link_seconds": round(seconds, 1),
            "stages": stages.seconds(seconds), "peak_rss_mb_before_link": before, "peak_rss_mb": peak,
            "pairs": pairs_per_rule(stages.features, stages.present), "links": len(found),
            "by_file": {f: [a.precision, a.recall] for f, a in by_file.items()},
            "precision": overall.precision, "recall": overall.recall,
            "confirmed_persons": summary.confirmed_persons, "persons": summary.persons, "families": summary.families,
            "found": found}


def sample(scale: float) -> dict[str, Any]:
    """Generate, ingest and link the sample at SCALE."""
    from veracity.ingest.pipeline import AddRequest, add_files
    from veracity.sample.generate import generate

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        made = generate(Path(tmp) / "sample", seed=2020, scale=scale)
        generated = time.perf_counter() - started
        with create_case(Path(tmp) / "case") as case:
            add_files(case, [made.leak], AddRequest(role="leak"))
            add_files(case, [made.testimonies, made.register], AddRequest(role="reference"))
        truth = truth_pairs(made.truth)
        out = link_and_measure(Path(tmp) / "case", truth)
    found = out.pop("found")
    cross = score({p for p in found if p[2].startswith("testimonies")},
                  {p for p in truth if p[2].startswith("testimonies")})
    return {"case": f"sample x{scale:g}", "generate_seconds": round(generated, 1), **out,
            "cross_script_precision": cross.precision, "cross_script_recall": cross.recall}


def _given_names() -> list[tuple[str, str, str]]:
    """(sex, Chinese, Uyghur Latin) of each given name of the sample's name table."""
    text = resources.files("veracity").joinpath("data", "sample", "uyghur_names.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [(r[0], r[1], r[2]) for r in rows[1:]]


def _counties() -> list[tuple[str, str, str]]:
    """(code, Chinese name, English name) of Xinjiang's counties and districts with a Latin name."""
    table = regions.load_table()
    return [(code, r.spans[-1].name, r.latin.english[0]) for code, r in sorted(table.regions.items())
            if code.startswith("65") and not code.endswith("00") and r.latin and r.latin.english]


_PERSON = """
    SELECT p, c.code, c.zh AS county_zh, c.en AS county_en,
        DATE '1940-01-01' + CAST((p // {nc}) * 7919 % 25000 AS INTEGER) AS born,
        a.sex, a.zh || '·' || b.zh || CASE WHEN p % 3 = 0 THEN '·' || g3.zh ELSE '' END AS name_zh,
        a.uly || ' ' || b.uly || CASE WHEN p % 3 = 0 THEN ' ' || g3.uly ELSE '' END AS name_latin,
        v.zh || '村' AS village
    FROM range(1, {rows} * 2 + 1) t(p)
    JOIN counties c ON c.k = p % {nc}
    JOIN given a ON a.k = hash(p, 'a') % {ng} JOIN fathers b ON b.k = hash(p, 'b') % {nm}
    JOIN fathers g3 ON g3.k = hash(p, 'c') % {nm} JOIN given v ON v.k = hash(p, 'v') % {ng}
"""
# an 18-digit number: county, birth date, a sequence that keeps numbers apart (p // nc spreads over 25,000
# birth days, 7919 being prime to 25,000, then over sequences), the ISO 7064 check character
_BODY = "code || strftime(born, '%Y%m%d') || lpad(CAST((p // ({nc} * 25000)) % 1000 AS VARCHAR), 3, '0')"
_CHECK = ("substr('10X98765432', CAST(1 + list_sum([CAST(body[k] AS INTEGER) * {weights}[k] "
          "FOR k IN range(1, 18)]) % 11 AS BIGINT), 1)")


def write_synthetic(case: Case, rows: int) -> set[Pair]:
    """ROWS leak and ROWS reference records straight into CASE's store; the true pairs."""
    given, counties = _given_names(), _counties()
    con = case.con
    for table, values, names in (("given", given, ("sex", "zh", "uly")), ("counties", counties, ("code", "zh", "en"))):
        columns = [list(c) for c in zip(*values, strict=True)]
        con.execute(f"CREATE TEMP TABLE {table} AS SELECT generate_subscripts(?, 1) - 1 AS k, "
                    + ", ".join(f"unnest(?) AS {n}" for n in names), [columns[0], *columns])
    con.execute("CREATE TEMP TABLE fathers AS SELECT row_number() OVER (ORDER BY k) - 1 AS k, zh, uly FROM given "
                "WHERE sex = 'M'")  # a patronymic (and a grandfather's name) is a man's given name
    nc, ng, nm = len(counties), len(given), sum(g[0] == "M" for g in given)
    weights = "[" + ", ".join(str(pow(2, 17 - i, 11)) for i in range(17)) + "]"
    people = _PERSON.format(rows=rows, nc=nc, ng=ng, nm=nm)
    con.execute(f"CREATE TEMP TABLE person AS SELECT *, body || {_CHECK.format(weights=weights)} AS id_number "
                f"FROM (SELECT *, {_BODY.format(nc=nc)} AS body FROM ({people}))")
    for source_id, name, role in ((1, "leak.xlsx", "leak"), (2, "register.xlsx", "reference"),
                                  (3, "testimonies.csv", "reference")):
        con.execute("INSERT INTO sources (source_id, sha256, source_file, label, role, media_type, size, added_at, "
                    "encoding, n_tables, n_records) VALUES (?, repeat(?, 64), ?, 'bench', ?, 'text/csv', 1, now(), "
                    "'utf-8', 1, ?)", [source_id, str(source_id), name, role, rows])
    columns = ('record_id, source_id, source_file, sheet, table_no, "row", role, name, name_zh, name_latin, '
               "id_number, sex, birth_date, address, household, relation, cells")
    con.execute(f"""INSERT INTO records ({columns})
        SELECT p, 1, 'leak.xlsx', 'Sheet1', 1, p, 'leak', name_zh, name_zh, NULL, id_number, sex,
            strftime(born, '%Y-%m-%d'), county_zh || village, code || '-' || (p // 5), NULL, '[]'
        FROM person WHERE p <= {rows}""")
    # reference row j: the leak's person j when j % 10 < 6, else person rows + j (in no leak row)
    con.execute(f"""INSERT INTO records ({columns})
        SELECT {rows} + j, CASE WHEN kind = 4 THEN 3 ELSE 2 END,
            CASE WHEN kind = 4 THEN 'testimonies.csv' ELSE 'register.xlsx' END, 'Sheet1', 1, j, 'reference',
            CASE WHEN kind = 4 THEN name_latin ELSE name_zh END,
            CASE WHEN kind = 4 THEN NULL ELSE name_zh END, CASE WHEN kind = 4 THEN name_latin END,
            CASE WHEN kind >= 3 THEN NULL
                 WHEN j % 50 = 0 THEN substr(id_number, 1, 16) || CAST((CAST(id_number[17] AS INTEGER) + 1) % 10
                     AS VARCHAR) || id_number[18]
                 ELSE id_number END,
            sex, CASE WHEN kind = 4 THEN NULL ELSE strftime(born, '%Y-%m-%d') END,
            CASE WHEN kind = 4 THEN county_en ELSE county_zh || village END, NULL, NULL,
            CASE WHEN kind = 4 THEN '[["birth_year", "' || year(born) || '"]]' ELSE '[]' END
        FROM (SELECT j, CASE WHEN j % 10 < 6 THEN j ELSE {rows} + j END AS p,
                     CASE WHEN j % 10 < 6 THEN (j // 10) % 5 ELSE j % 4 END AS kind
              FROM range(1, {rows} + 1) t(j)) JOIN person USING (p)""")
    return {("leak.xlsx", j, "testimonies.csv" if (j // 10) % 5 == 4 else "register.xlsx", j)
            for j in range(1, rows + 1) if j % 10 < 6}


def synthetic(rows: int) -> dict[str, Any]:
    """Write and link a synthetic case of ROWS leak and ROWS reference records."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        with create_case(Path(tmp) / "case") as case, case.change("bench", {}):
            truth = write_synthetic(case, rows)
        generated = time.perf_counter() - started
        out = link_and_measure(Path(tmp) / "case", truth)
    out.pop("found")
    return {"case": f"synthetic {rows:,} x {rows:,}", "generate_seconds": round(generated, 1), **out}


SMALL_LEAK, SMALL_ABOUT_LEAK = 40, 6
LEVELS = ("confirmed", "probable", "possible")
COPIES = (("exact", 0.4), ("one wrong digit", 0.2), ("two digits transposed", 0.1), ("no number", 0.3))


def _copied(number: str, how: str, rng: Any) -> str:
    """NUMBER as a relative copies it: HOW is one of COPIES' kinds."""
    if how == "exact":
        return number
    if how == "no number":
        return ""
    if how == "one wrong digit":
        k = rng.randrange(18 if number[17].isdigit() else 17)
        return number[:k] + rng.choice([d for d in "0123456789" if d != number[k]]) + number[k + 1:]
    k = rng.choice([k for k in range(17) if number[k] != number[k + 1] and number[k + 1] != "X"])
    return number[:k] + number[k + 1] + number[k] + number[k + 2:]


def _small_case(seed: int, folder: Path) -> tuple[Path, dict[Pair, str]]:
    """One small case at FOLDER; its true pairs, each with the kind of copy of its number."""
    import datetime as dt
    import random

    from veracity.ingest.pipeline import AddRequest, add_files
    from veracity.sample.idgen import draw_sequence, make_id
    from veracity.sample.name_parts import full_zh, latin_spelling, load_given_names, population_names
    from veracity.sample.places import TOWNSHIPS

    rng = random.Random(seed)
    names = population_names(load_given_names())
    men = [n for n in names if n.sex == "M"]

    def person() -> tuple[Any, Any, str, dt.date, str, int]:
        sex = rng.choice("MF")
        given = rng.choice([n for n in names if n.sex == sex])
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18_000))
        return given, rng.choice(men), sex, born, make_id("653222", born, draw_sequence(rng, sex)), \
            rng.randrange(len(TOWNSHIPS))

    leak = [person() for _ in range(SMALL_LEAK)]
    rows, truth = [], {}
    for k, i in enumerate(rng.sample(range(SMALL_LEAK), SMALL_ABOUT_LEAK), start=1):
        given, father, _sex, born, number, township = leak[i]
        how = rng.choices([c for c, _ in COPIES], [w for _, w in COPIES])[0]
        place = rng.choice(["Qaraqash", TOWNSHIPS[township][1] if rng.random() < 0.8
                            else TOWNSHIPS[(township + 1) % len(TOWNSHIPS)][1]])
        rows.append((f"{latin_spelling(given, rng)} {latin_spelling(father, rng)}", _copied(number, how, rng),
                     str(born) if rng.random() < 0.5 else "", place))
        truth["leak.csv", i + 1, "testimonies.csv", k] = how
    namesake, neighbour, stranger = leak[rng.randrange(SMALL_LEAK)], leak[rng.randrange(SMALL_LEAK)], person()
    other = person()
    rows.append((f"{namesake[0].uly} {namesake[1].uly}", other[4], str(other[3]), "Qaraqash"))
    rows.append((f"{stranger[0].uly} {stranger[1].uly}", _copied(neighbour[4], "one wrong digit", rng),
                 str(stranger[3]), "Qaraqash"))
    (folder / "leak.csv").write_text("姓名,身份证号,性别,出生日期,住址\n" + "".join(
        f"{full_zh(g, f)},{n},{'男' if s == 'M' else '女'},{b},墨玉县{TOWNSHIPS[t][0]}\n" for g, f, s, b, n, t in leak),
        encoding="utf-8")
    (folder / "testimonies.csv").write_text("name,ID number,birth date,hometown\n"
                                            + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    with create_case(folder / "case") as case:
        add_files(case, [folder / "leak.csv"], AddRequest(role="leak"))
        add_files(case, [folder / "testimonies.csv"], AddRequest(role="reference"))
    return folder / "case", truth


def small(cases: int) -> dict[str, Any]:
    """Link CASES small cases (seeds 1..CASES); precision and recall at each level, recall by kind of copy."""
    found: dict[str, set[Pair]] = {level: set() for level in LEVELS}
    truth: dict[Pair, str] = {}
    for seed in range(1, cases + 1):
        with tempfile.TemporaryDirectory() as tmp:
            case_dir, true = _small_case(seed, Path(tmp))
            with open_case(case_dir) as case:
                link_run.run_link(case)
                for k, level in enumerate(LEVELS):  # at or above the level
                    found[level] |= {(f"{seed}/{a}", ra, b, rb) for a, ra, b, rb in found_pairs(case, LEVELS[:k + 1])}
            truth |= {(f"{seed}/{a}", ra, b, rb): how for (a, ra, b, rb), how in true.items()}
    expected = set(truth)
    out: dict[str, Any] = {"case": f"{cases} small cases", "true_pairs": len(expected)}
    for level, pairs in found.items():
        acc = score(pairs, expected)
        out[level] = [acc.precision, acc.recall, acc.found - acc.true_positives]
        out[f"{level} by copy"] = {how: f"{sum(p in pairs for p in expected if truth[p] == how)} / "
                                        f"{sum(v == how for v in truth.values())}" for how, _ in COPIES}
    return out


def main() -> None:
    if sys.argv[1:2] and sys.argv[1].startswith("small:"):
        r = small(int(sys.argv[1].split(":")[1]))
        print(f"{r['case']}, {r['true_pairs']} true pairs; at or above each level:")
        print("| level | precision | recall | false links | found by copy of the number (exact, one wrong digit, "
              "two digits transposed, no number) |")
        print("|---|---|---|---|---|")
        for level in LEVELS:
            p, rc, wrong = r[level]
            print(f"| {level} | {p} | {rc} | {wrong} | {', '.join(r[f'{level} by copy'].values())} |")
        return
    if sys.argv[1:2] == ["--one"]:
        what = sys.argv[2]
        result = synthetic(int(what.split(":")[1])) if what.startswith("synthetic:") else sample(float(what))
        print(json.dumps(result, ensure_ascii=False))
        return
    print("| case | leak rows | reference rows | link s | features / Splink / links / persons s | peak RSS MB "
          "| candidate pairs | precision | recall | cross-script P / R | confirmed / persons |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    details = []
    for what in sys.argv[1:] or ["1", "10"]:
        out = subprocess.run([sys.executable, __file__, "--one", what], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        st = r["stages"]
        cross = (f"{r['cross_script_precision']} / {r['cross_script_recall']}" if "cross_script_recall" in r
                 else "-")
        print(f"| {r['case']} | {r['leak_rows']:,} | {r['reference_rows']:,} | {r['link_seconds']} | "
              f"{st.get('features')} / {st.get('splink_train_predict')} / {st.get('links')} / "
              f"{st.get('persons_and_store')} | {r['peak_rss_mb']:,} | {sum(n for _, n in r['pairs']):,} | "
              f"{r['precision']} | {r['recall']} | {cross} | {r['confirmed_persons']:,} / {r['persons']:,} |",
              flush=True)
        details.append(r)
    for r in details:
        print(f"\n{r['case']}: generated in {r['generate_seconds']} s; peak RSS before link "
              f"{r['peak_rss_mb_before_link']:,} MB; precision / recall by reference file: "
              + "; ".join(f"{f} {p} / {rc}" for f, (p, rc) in r["by_file"].items()) + "; candidate pairs per rule:")
        for rule, n in r["pairs"]:
            print(f"  {n:>12,}  {rule}")


if __name__ == "__main__":
    main()
