"""Linkage on the sample case as it grows: time, peak memory, precision and recall, and the
cross-script recall of testimony links (testimonies give only Latin and Arabic-script names).

Usage: .venv/bin/python bench/link_bench.py 1 10 [100]   (each scale runs in its own process)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from veracity.case import create_case, open_case
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.link.evaluate import found_pairs, score, truth_pairs
from veracity.link.run import run_link
from veracity.sample.generate import generate


def one(scale: float) -> dict[str, object]:
    """Generate, ingest and link the sample at SCALE; the figures of the link step."""
    with tempfile.TemporaryDirectory() as tmp:
        sample = generate(Path(tmp) / "sample", seed=2020, scale=scale)
        with create_case(Path(tmp) / "case") as case:
            add_files(case, [sample.leak], AddRequest(role="leak"))
            add_files(case, [sample.testimonies, sample.register], AddRequest(role="reference"))
            leak = int(case.scalar("SELECT count(*) FROM records WHERE role = 'leak'"))
            ref = int(case.scalar("SELECT count(*) FROM records WHERE role = 'reference'"))
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started = time.perf_counter()
            summary = run_link(case)
            seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        truth = truth_pairs(sample.truth)
        with open_case(Path(tmp) / "case", read_only=True) as case:
            found = found_pairs(case)
        cross = score({p for p in found if p[2].startswith("testimonies")},
                      {p for p in truth if p[2].startswith("testimonies")})
        overall = score(found, truth)
    return {"scale": scale, "leak_rows": leak, "reference_rows": ref, "link_seconds": round(seconds, 1),
            "peak_rss_mb_before_link": before // 1024, "peak_rss_mb": peak // 1024,
            "precision": overall.precision, "recall": overall.recall,
            "cross_script_precision": cross.precision, "cross_script_recall": cross.recall,
            "confirmed_persons": summary.confirmed_persons, "persons": summary.persons,
            "families": summary.families}


def main() -> None:
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(float(sys.argv[2]))))
        return
    print("| scale | leak rows | reference rows | link s | peak RSS MB | precision | recall | "
          "cross-script precision | cross-script recall | confirmed / persons | families |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for scale in sys.argv[1:] or ["1", "10"]:
        out = subprocess.run([sys.executable, __file__, "--one", scale], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"| {r['scale']} | {r['leak_rows']:,} | {r['reference_rows']:,} | {r['link_seconds']} | "
              f"{r['peak_rss_mb']:,} | {r['precision']} | {r['recall']} | {r['cross_script_precision']} | "
              f"{r['cross_script_recall']} | {r['confirmed_persons']:,} / {r['persons']:,} | {r['families']} |",
              flush=True)


if __name__ == "__main__":
    main()
