"""Drive veracity as an outside script does: ``python -m veracity ...`` in a subprocess, outputs read back."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

SRC = Path(__file__).resolve().parents[2] / "src"


@dataclass(frozen=True)
class Ran:
    """A finished command: exit code and what it printed."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    def ok(self) -> Ran:
        assert self.code == 0, f"veracity {' '.join(self.args)} exited {self.code}:\n{self.stdout}\n{self.stderr}"
        return self


def veracity(*args: str | Path, timeout: float = 600, cwd: Path | None = None) -> Ran:
    """Run ``python -m veracity ARGS`` (in CWD) with this checkout's sources first on the path."""
    env = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1", "COLUMNS": "200"}
    done = subprocess.run([sys.executable, "-m", "veracity", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=timeout, check=False, cwd=cwd)
    return Ran(tuple(map(str, args)), done.returncode, done.stdout, done.stderr)


def export(case: Path, what: str, fmt: str, out: Path, *, redact: bool = False) -> list[dict[str, str]]:
    """``veracity export`` to OUT, read back as rows of text (None and numbers as the CSV export writes them)."""
    veracity("export", case, "--what", what, "--format", fmt, "-o", out, *(["--redact"] if redact else [])).ok()
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    rows = json.loads(out.read_text("utf-8")) if fmt == "json" else pq.read_table(out).to_pylist()
    return [{k: _text(v) for k, v in row.items()} for row in rows]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
