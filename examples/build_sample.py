"""Build the synthetic sample case into a folder: ``python examples/build_sample.py OUT_DIR [SEED] [SCALE]``.

The generator lives in the package (``veracity.sample``) so that ``veracity demo``
can run it from an installed copy; this script only calls it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from veracity.sample import generate


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 3:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    seed = int(argv[1]) if len(argv) > 1 else 2020
    scale = float(argv[2]) if len(argv) > 2 else 1.0
    case = generate(Path(argv[0]), seed=seed, scale=scale)
    print(
        f"{case.out_dir}: {case.detainees} detainees, {case.relatives} relatives, {case.testimony_rows} "
        f"testimonies, {case.register_rows} register rows, {case.defects} planted defects"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
