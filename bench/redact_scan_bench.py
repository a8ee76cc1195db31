"""The adversarial scan of tests/report/adversarial.py over many of a case's held names, with the case's own index.

    python bench/redact_scan_bench.py DEMO_DIR N     # N seeded held names of two parts or more

DEMO_DIR is what ``veracity demo DEMO_DIR`` writes; run from the repository root with PYTHONPATH=src:. (the scan
lives with the tests). Prints each form that leaves a whole name (the first 25), how many forms carry their
holder's pseudonym, and the CPU per sentence.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from tests.report.adversarial import forms, survivors
from tests.report.written import sentence

from veracity.case import open_case
from veracity.report.redact import Redactor, name_pairs


def scan(demo: Path, n: int) -> None:
    with open_case(demo / "case", read_only=True) as case:
        redactor = Redactor.for_case(case)
        held, _ = name_pairs(case)
    names = sorted(name for name in held if len(name.split()) >= 2 or "·" in name)
    chosen = random.Random(3).sample(names, min(n, len(names)))
    redactor.scrub("warm up: Memet Tursun")
    total = own = left = 0
    cpu = time.process_time()
    for name in chosen:
        for form in forms(name):
            out = redactor.scrub(sentence(form.written))
            total, own = total + 1, own + (redactor.person(None, name) in out)
            found = survivors(out, form)
            left += bool(found)
            if found and left <= 25:
                print(repr(name), repr(form.written), "->", repr(out[:100]), found)
    cpu = time.process_time() - cpu
    print(f"{len(chosen)} held names, {total} forms, {left} leave a whole name, {own} carry the holder's pseudonym; "
          f"{1000 * cpu / total:.2f} ms CPU a sentence")


if __name__ == "__main__":
    scan(Path(sys.argv[1]), int(sys.argv[2]))
