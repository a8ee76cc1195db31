"""The case directory: creation, refusal of non-cases, transactions that advance the audit chain."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity import audit
from veracity.case import Case, create_case, open_case
from veracity.errors import UsageError


def test_init_creates_store_log_and_database(tmp_path: Path) -> None:
    with create_case(tmp_path / "c"):
        pass
    assert {p.name for p in (tmp_path / "c").iterdir()} >= {"case.duckdb", "evidence", "audit.log"}
    assert len(audit.read_lines(tmp_path / "c")) == 1


def test_init_refuses_an_existing_case(case: Case) -> None:
    case.close()
    with pytest.raises(UsageError, match="already a case"):
        create_case(case.path)


def test_open_refuses_a_folder_that_is_not_a_case(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a veracity case"):
        open_case(tmp_path)


def test_a_change_appends_one_chained_entry(case: Case) -> None:
    before = case.audit_head
    with case.change("note", {"what": "x"}):
        pass
    lines = audit.read_lines(case.path)
    last = audit.parse_line(lines[-1])
    assert last is not None and last.prev == before and last.hash == case.audit_head


def test_a_failed_change_leaves_database_and_log_as_they_were(case: Case) -> None:
    head, lines = case.audit_head, audit.read_lines(case.path)
    with pytest.raises(RuntimeError), case.change("note"):
        case.con.execute("INSERT INTO meta VALUES ('scratch', 'x')")
        raise RuntimeError("boom")
    assert case.meta("scratch") == "" and case.audit_head == head and audit.read_lines(case.path) == lines
