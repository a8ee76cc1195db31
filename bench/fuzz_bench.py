"""Mutated files through the whole ``add``, on one real case: added, or refused cleanly, never half-written.

Each of ``--count`` seeded mutants of valid CSV, XLSX and DOCX files
(``tests/ingest/mutations.py``) is added to the same case with
``add_files``. An outcome is one of:

- ``added``: reported added and the case grew;
- ``already``: the same bytes as an earlier mutant, reported and nothing changed;
- ``refused``: an InputError naming the file, the case unchanged;

and anything else is a failure: ``traceback`` (another exception),
``unnamed`` (an InputError not naming the file), ``unexpected`` (a library
failure only the last-resort catch in ``pipeline`` named), ``half-written``
(refused but the case changed), ``silent`` (reported added, nothing changed).
The case's records, findings, sources, audit head and evidence files are
compared before and after each file, and ``verify_case`` must hold at the end.

    .venv/bin/python bench/fuzz_bench.py [--count 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from veracity.case import Case, create_case
from veracity.errors import InputError
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.integrity import verify_case

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from ingest.mutations import Mutant, mutants  # noqa: E402  (tests/ is not a package on the path)

GOOD = ("added", "already", "refused")


def _state(case: Case) -> tuple[object, ...]:
    counts = case.con.execute("SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM findings), "
                              "(SELECT count(*) FROM sources)").fetchone()
    return counts, case.audit_head, sorted(p.name for p in (case.path / "evidence").iterdir())


def _outcome(case: Case, path: Path) -> tuple[str, str]:
    """The outcome of adding PATH, and the error's line for a failure."""
    before = _state(case)
    try:
        [outcome] = add_files(case, [path], AddRequest(role="leak"))
    except InputError as error:
        changed = _state(case) != before
        if changed:
            return "half-written", str(error)
        if path.name not in str(error):
            return "unnamed", str(error)
        return ("unexpected" if "could not be read (" in str(error) else "refused"), str(error)
    except Exception:  # a failure the bench exists to count
        return "traceback", traceback.format_exc(limit=-3)
    changed = _state(case) != before
    if outcome.added:
        return ("added" if changed else "silent"), ""
    return ("already" if not changed else "half-written"), ""


def _kind(mutant: Mutant) -> tuple[str, list[str]]:
    """The seed file and the mutators of a mutant, from its label ``n:seed|mutator|mutator``."""
    seed, *mutators = mutant.label.split(":", 1)[1].split("|")
    return seed, mutators


def run(count: int, seed: int, folder: Path) -> int:
    case = create_case(folder / "case")
    outcomes: Counter[str] = Counter()
    by_seed: Counter[tuple[str, str]] = Counter()
    by_mutator: Counter[tuple[str, str]] = Counter()
    failures: list[str] = []
    slowest = (0.0, "")
    started = time.perf_counter()
    for k, mutant in enumerate(mutants(count, seed=seed)):
        path = folder / f"m{k}{mutant.suffix}"
        path.write_bytes(mutant.data)
        t = time.perf_counter()
        what, line = _outcome(case, path)
        slowest = max(slowest, (time.perf_counter() - t, mutant.label))
        path.unlink()
        source, mutators = _kind(mutant)
        outcomes[what] += 1
        by_seed[source, what] += 1
        for mutator in mutators:
            by_mutator[mutator, what] += 1
        if what not in GOOD:
            failures.append(f"{mutant.label} ({mutant.suffix}): {what}: {line}")
    seconds = time.perf_counter() - started
    report = verify_case(case)
    case.close()
    _print(count, seed, seconds, slowest, outcomes, by_seed, by_mutator)
    print(f"verify_case: {'intact' if report.intact else 'BROKEN'}")
    for failure in failures[:20]:
        print("FAIL", failure)
    return 0 if not failures and report.intact else 1


def _print(count: int, seed: int, seconds: float, slowest: tuple[float, str], outcomes: Counter[str],
           by_seed: Counter[tuple[str, str]], by_mutator: Counter[tuple[str, str]]) -> None:
    kinds = [*GOOD, *sorted(set(outcomes) - set(GOOD))]
    print(f"{count:,} mutants (seed {seed}) in {seconds:,.0f} s ({seconds / count * 1000:.0f} ms per file; "
          f"slowest {slowest[0]:.1f} s: {slowest[1]})")
    print("outcomes: " + ", ".join(f"{k} {outcomes[k]:,}" for k in kinds))
    for title, table in (("seed file", by_seed), ("mutator", by_mutator)):
        print(f"\n| {title} | " + " | ".join(kinds) + " |\n|---|" + "---:|" * len(kinds))
        for name in sorted({n for n, _ in table}):
            print(f"| {name} | " + " | ".join(f"{table[name, k]:,}" for k in kinds) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sys.exit(run(args.count, args.seed, Path(tmp)))


if __name__ == "__main__":
    main()
