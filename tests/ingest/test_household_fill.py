"""Household numbers and addresses written once, on the head's row: members belong to the head's household."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.case import Case
from veracity.ingest.pipeline import AddRequest, add_files

HEADER = "序号,户号,姓名,与户主关系,性别,公民身份号码,家庭住址\r\n"
ROWS = [  # (household, relation, address) as written; two households, then a row with no relation
    ("H1", "户主", "一村"), ("", "妻子", ""), ("", "长子", "三村"), ("", "", ""),
    ("H2", "户主", "二村"), ("", "之母", ""), ("H3", "之子", ""),
]


def _register(path: Path, rows: list[tuple[str, str, str]], header: str = HEADER) -> Path:
    lines = [f"{k},{h},人{k},{r},男,,{a}" for k, (h, r, a) in enumerate(rows, start=1)]
    path.write_text(header + "\r\n".join(lines) + "\r\n", "utf-8")
    return path


def _households(case: Case) -> list[tuple[str | None, str | None]]:
    return case.con.execute('SELECT household, address FROM records ORDER BY "row"').fetchall()


@pytest.mark.parametrize("name", ["plain.csv", "quoted.csv"])
def test_members_take_the_household_and_address_of_the_rows_above(case: Case, tmp_path: Path, name: str) -> None:
    header = HEADER if name == "plain.csv" else HEADER.replace("家庭住址", '"家庭\n住址"')  # the row-by-row reader
    add_files(case, [_register(tmp_path / name, ROWS, header)], AddRequest(role="leak"))
    assert _households(case) == [("H1", "一村"), ("H1", "一村"), ("H1", "三村"), (None, None),
                                 ("H2", "二村"), ("H2", "二村"), ("H3", None)]


def test_the_cells_keep_the_blank_as_written(case: Case, tmp_path: Path) -> None:
    add_files(case, [_register(tmp_path / "r.csv", ROWS)], AddRequest(role="leak"))
    cells = case.scalar('SELECT cells FROM records WHERE "row" = 2')
    assert '["户号", ""]' in cells or '["户号", null]' in cells


def test_without_a_relation_column_nothing_is_filled(case: Case, tmp_path: Path) -> None:
    header = HEADER.replace("与户主关系", "类别")
    add_files(case, [_register(tmp_path / "r.csv", ROWS, header)], AddRequest(role="leak"))
    assert [h for h, _ in _households(case)] == ["H1", None, None, None, "H2", None, "H3"]
