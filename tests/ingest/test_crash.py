"""A ``kill -9`` in the middle of a large ingest leaves a case that verifies, and the add can be re-run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from veracity.case import Case, open_case
from veracity.integrity import verify_case

ROWS = 150_000


def _big_register(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("姓名,性别,出生日期,住址\n")
        for k in range(ROWS):
            handle.write(f"买买提{k}·吐尔逊,{'男' if k % 2 else '女'},1980.0{k % 9 + 1}.1{k % 9},墨玉县{k % 50}村\n")
    return path


def _add(case_dir: Path, path: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "veracity", "add", str(case_dir), str(path), "--role", "leak"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_during_ingest_leaves_a_verifiable_case_and_readd_completes(case: Case, tmp_path: Path) -> None:
    register = _big_register(tmp_path / "big.csv")
    case.close()
    process = _add(case.path, register)
    deadline = time.monotonic() + 60
    while not any((case.path / "evidence").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # well inside reading the rows
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with open_case(case.path) as reopened:
        assert verify_case(reopened).intact
        assert reopened.scalar("SELECT count(*) FROM records") in (0, ROWS)  # all or nothing, never part
    finished = _add(case.path, register)
    _, err = finished.communicate(timeout=300)
    assert finished.returncode == 0, err.decode()
    with open_case(case.path) as reopened:
        assert reopened.scalar("SELECT count(*) FROM records") == ROWS
        assert verify_case(reopened).intact
