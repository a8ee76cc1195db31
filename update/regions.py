"""Rebuild src/veracity/data/regions/gbt2260.tsv from python-stdnum's GB/T 2260 list.

python-stdnum (https://github.com/arthurdejong/python-stdnum, LGPL-2.1-or-later)
ships ``stdnum/cn/loc.dat``, compiled by its maintainer from the Chinese
Wikipedia tables 中华人民共和国行政区划代码 (1区 .. 8区), which give every code
used since the 1980 edition of GB/T 2260 with the years each name held it.
This script turns that file into one row per (code, name, years) so that
veracity reads it at run time without importing python-stdnum.

Usage: ``python update/regions.py [path/to/loc.dat]`` (default: the loc.dat of
the installed python-stdnum). The output is deterministic; commit it.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/veracity/data/regions/gbt2260.tsv"
_PROVINCE = re.compile(r'^(\d{2}) province="([^"]*)"$')
_COUNTY = re.compile(r'^\s+(\d{4}) county="([^"]*)"$')
_SPAN = re.compile(r"^\[(\d{4})?-(\d{4})?\](.+)$")


def parse(lines: list[str]) -> list[tuple[str, str, str, str]]:
    """Rows (code, first_year, last_year, name_zh); empty years are open-ended."""
    rows: list[tuple[str, str, str, str]] = []
    province = ""
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        if match := _PROVINCE.match(line):
            province = match.group(1)
        elif match := _COUNTY.match(line):
            code = province + match.group(1)
            for part in match.group(2).split(","):
                span = _SPAN.match(part)
                first, last, name = span.groups() if span else (None, None, part)
                rows.append((code, first or "", last or "", name))
        else:
            raise ValueError(f"unexpected line in loc.dat: {line!r}")
    return rows


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else Path(str(resources.files("stdnum") / "cn" / "loc.dat"))
    lines = source.read_text(encoding="utf-8").splitlines()
    version = metadata.version("python-stdnum")
    upstream = [line[1:].strip() for line in lines if line.startswith("# http")]
    header = [
        "# GB/T 2260 administrative division codes of the PRC, current and past, with Chinese names.",
        f"# Source: python-stdnum {version}, stdnum/cn/loc.dat (https://github.com/arthurdejong/python-stdnum,",
        "#   LGPL-2.1-or-later), compiled by its maintainer from the Chinese Wikipedia tables (CC BY-SA):",
        *(f"#   {url}" for url in upstream),
        "# Rebuilt by update/regions.py; never edit by hand.",
        "# first_year/last_year: years the name held the code; empty first_year = since the earliest",
        "# edition covered (1980), empty last_year = still in use. A code may have several rows.",
        "code\tfirst_year\tlast_year\tname_zh",
    ]
    body = ["\t".join(row) for row in parse(lines)]
    OUT.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"wrote {len(body)} rows to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
