"""The content-addressed evidence store: each added file kept once under its sha256, read-only.

>>> import tempfile; p = Path(tempfile.mkdtemp()) / "x.csv"; _ = p.write_bytes(b"a,b\\n")
>>> sha256_of(p)[:12]
'5be08c9684a1'
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from collections.abc import Mapping
from pathlib import Path

STORE = "evidence"
SCRATCH = "tmp"
_CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stored_path(case_dir: Path, sha: str) -> Path:
    """Where the bytes with hash SHA live in the case."""
    return case_dir / STORE / sha


def store(case_dir: Path, source: Path, sha: str) -> Path:
    """Copy SOURCE into the store under SHA (atomically, read-only); a no-op when present."""
    target = stored_path(case_dir, sha)
    if target.exists():
        return target
    scratch = case_dir / SCRATCH
    scratch.mkdir(exist_ok=True)
    partial = scratch / f"{sha}.partial"
    shutil.copyfile(source, partial)
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    os.chmod(partial, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.replace(partial, target)
    return target


def discard(case_dir: Path, sha: str) -> None:
    """Remove the stored bytes of SHA (only for a change that never committed)."""
    target = stored_path(case_dir, sha)
    if target.exists():
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
        target.unlink()


def store_problems(case_dir: Path, expected: Mapping[str, str]) -> list[str]:
    """Every stored file that is missing, modified or unexpected; EXPECTED maps sha256 to file name."""
    problems = []
    folder = case_dir / STORE
    present = {p.name: p for p in folder.iterdir()} if folder.is_dir() else {}
    for sha, name in sorted(expected.items(), key=lambda kv: kv[1]):
        path = present.get(sha)
        if path is None:
            problems.append(f"evidence/{sha[:12]}… ({name}) is missing")
        elif not path.is_file() or sha256_of(path) != sha:
            problems.append(f"evidence/{sha[:12]}… ({name}) was modified: its sha256 no longer matches")
    for extra in sorted(set(present) - set(expected)):
        problems.append(f"evidence/{extra} is not recorded in the case (extra file)")
    return problems
