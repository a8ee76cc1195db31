"""The audit chain: every kind of tampering with the log is named."""

from __future__ import annotations

from veracity.audit import AuditEntry, chain_problems, make_entry


def _chain(n: int) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for k in range(n):
        entries.append(make_entry(entries[-1] if entries else None, "add", {"k": k}, user="u",
                                  at=f"2026-01-01T00:00:0{k}Z"))
    return entries


def test_intact_chain_has_no_problem() -> None:
    entries = _chain(4)
    assert chain_problems([e.line() for e in entries], head=entries[-1].hash, count=4) == []


def test_edited_entry_is_named() -> None:
    entries = _chain(3)
    lines = [e.line() for e in entries]
    lines[1] = lines[1].replace('"k":1', '"k":9')
    problems = chain_problems(lines, head=entries[-1].hash, count=3)
    assert any("line 2" in p and "edited" in p for p in problems)


def test_reordered_entries_are_named() -> None:
    entries = _chain(3)
    lines = [entries[0].line(), entries[2].line(), entries[1].line()]
    assert any("reordered" in p for p in chain_problems(lines, head=entries[-1].hash, count=3))


def test_deleted_middle_entry_is_named() -> None:
    entries = _chain(4)
    lines = [e.line() for k, e in enumerate(entries) if k != 1]
    problems = chain_problems(lines, head=entries[-1].hash, count=4)
    assert any("line 2" in p for p in problems)
    assert any("3 entries but the case recorded 4" in p for p in problems)


def test_truncated_log_is_caught_by_the_recorded_count() -> None:
    entries = _chain(3)
    problems = chain_problems([e.line() for e in entries[:2]], head=entries[-1].hash, count=3)
    assert problems == ["audit.log has 2 entries but the case recorded 3 (entries deleted or added)"]


def test_garbage_line_is_named() -> None:
    entries = _chain(2)
    lines = [entries[0].line(), "not json"]
    assert any("line 2: not a well-formed" in p for p in chain_problems(lines, head=entries[-1].hash, count=2))
