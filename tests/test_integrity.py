"""``verify``: each kind of tampering with evidence or the audit log is detected and named."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from veracity.case import Case, open_case
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.integrity import verify_case

from .conftest import synthetic_people, write_register


@pytest.fixture
def filled(case: Case, tmp_path: Path) -> Case:
    add_files(case, [write_register(tmp_path / "leak.csv", synthetic_people(5))], AddRequest(role="leak"))
    add_files(case, [write_register(tmp_path / "ref.csv", synthetic_people(4, seed=9))],
              AddRequest(role="reference"))
    return case


def _stored(case: Case) -> Path:
    return sorted((case.path / "evidence").iterdir())[0]


def _writable(path: Path) -> Path:
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    return path


def _problems(case: Case) -> tuple[str, ...]:
    case.close()
    with open_case(case.path) as reopened:
        return verify_case(reopened).problems


def test_intact_case_verifies(filled: Case) -> None:
    assert _problems(filled) == ()


def test_stored_files_are_read_only(filled: Case) -> None:
    assert not _stored(filled).stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_modified_evidence_is_named(filled: Case) -> None:
    target = _writable(_stored(filled))
    target.write_bytes(target.read_bytes() + b"\0")
    assert any(target.name[:12] in p and "modified" in p for p in _problems(filled))


def test_missing_evidence_is_named(filled: Case) -> None:
    target = _writable(_stored(filled))
    target.unlink()
    assert any(target.name[:12] in p and "missing" in p for p in _problems(filled))


def test_extra_evidence_is_named(filled: Case) -> None:
    (filled.path / "evidence" / "planted.csv").write_bytes(b"x")
    assert any("planted.csv" in p and "extra" in p for p in _problems(filled))


def _log_lines(case: Case) -> list[str]:
    return (case.path / "audit.log").read_text("utf-8").splitlines()


def _write_log(case: Case, lines: list[str]) -> None:
    (case.path / "audit.log").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_edited_audit_entry_is_named(filled: Case) -> None:
    lines = _log_lines(filled)
    lines[1] = lines[1].replace('"role":"leak"', '"role":"reference"')
    _write_log(filled, lines)
    assert any("line 2" in p and "edited" in p for p in _problems(filled))


def test_reordered_audit_entries_are_named(filled: Case) -> None:
    lines = _log_lines(filled)
    lines[1], lines[2] = lines[2], lines[1]
    _write_log(filled, lines)
    assert any("reordered" in p for p in _problems(filled))


def test_deleted_audit_entry_is_named(filled: Case) -> None:
    lines = _log_lines(filled)
    _write_log(filled, lines[:1] + lines[2:])
    assert any("entries deleted" in p for p in _problems(filled))


def test_truncated_audit_log_is_caught_by_the_head_in_the_database(filled: Case) -> None:
    _write_log(filled, _log_lines(filled)[:-1])
    assert any("recorded 3" in p for p in _problems(filled))
