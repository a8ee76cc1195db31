"""The column-wise ingest path gives what one row at a time gives: fields, problems, cells JSON, kept rows."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veracity.case import Case
from veracity.fields import FIELDS
from veracity.ingest.columns import assign_fields
from veracity.ingest.header import HeaderLayout
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.ingest.records import CHUNK, cells_json, is_merged_line, record_indexes
from veracity.ingest.table import Cell, Row
from veracity.ingest.values import is_blank, is_total_row

HEADER = ("序号", "姓名", "性别", "出生日期", "年龄", "身份证号", "名", "姓", "Name", "住址")
TEXTS = ("买买提·吐尔逊", "Aygul Tursun", "ئايگۈل", "古丽", "阿不都", "男", "女", "未知", " 女 ", "F",
         "1985.03.02", "2017-02-30", "19850302", "1985年3月", "35", "35岁", "三十", "65322219850302001x",
         "墨玉县", "合计", " 合 计：", "Total", "序号", "姓名", "性别", "", " ", "\n", 'a"b\\c', "12")
OBJECTS = (1, 1.0, True, False, dt.datetime(1985, 3, 2), dt.datetime(1985, 3, 2, 9), dt.date(2017, 5, 3),
           dt.time(10, 30))
CELLS: st.SearchStrategy[Cell] = st.one_of(
    st.sampled_from(TEXTS), st.text(max_size=6), st.none(), st.integers(-5, 40_000), st.sampled_from(OBJECTS),
    st.floats(allow_nan=False, allow_infinity=False))
ROWS = st.lists(st.lists(CELLS, max_size=len(HEADER) + 2).map(tuple), max_size=30)
PLAN = assign_fields(HEADER, [], {"Name": "name_latin", "名": "given_name", "姓": "family_name"})
LAYOUT = HeaderLayout(0, 0, HEADER, header_cells=(HEADER,))


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_build_many_gives_each_row_what_it_gives_the_row_alone(rows: list[Row]) -> None:
    got = PLAN.build_many(rows)
    for i, row in enumerate(rows):
        alone = PLAN.build_many([row]).values
        assert {f: got.values[f][i] if f in got.values else None for f in FIELDS} == {
            f: alone[f][0] if f in alone else None for f in FIELDS}


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_build_many_reports_each_rows_problems_in_row_then_column_order(rows: list[Row]) -> None:
    expected = [(i, p) for i, row in enumerate(rows) for _, p in PLAN.build_many([row]).problems]
    assert PLAN.build_many(rows).problems == expected


def _text(cell: Cell) -> str | None:
    if cell is None or isinstance(cell, str):
        return cell
    return cell.isoformat() if isinstance(cell, dt.date | dt.time) else str(cell)


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_cells_json_is_each_rows_label_and_text_pairs(rows: list[Row]) -> None:
    def labels(width: int) -> list[str]:
        return [*HEADER, *(f"column {k}" for k in range(len(HEADER) + 1, width + 1))]

    expected = [json.dumps([[label, _text(c)] for label, c in zip(labels(len(row)), row, strict=False)],
                           ensure_ascii=False) for row in rows]
    assert cells_json(rows, HEADER) == expected


@settings(max_examples=300, deadline=None)
@given(ROWS)
def test_rows_kept_are_those_neither_blank_total_merged_nor_the_header_again(rows: list[Row]) -> None:
    expected = [i for i, row in enumerate(rows)
                if not (is_blank(row) or is_total_row(row) or is_merged_line(row) or LAYOUT.is_header_again(row))]
    assert record_indexes(rows, LAYOUT) == expected


def test_findings_name_their_record_across_chunks(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    lines = ["姓名,性别,出生日期"] + [f"买买提{k}·吐尔逊,{'男' if k % 2 else '女'},1985.3.2" for k in range(CHUNK + 20)]
    lines[3] = lines[CHUNK + 10] = ""  # blank rows keep their number on both sides of the chunk boundary
    lines[CHUNK + 5] = "古丽,未知,2017-02-30"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    add_files(case, [path], AddRequest(role="leak"))
    found = case.con.execute('SELECT f.check_id, f."row", r."row", r.name FROM findings f JOIN records r '
                             "USING (record_id) ORDER BY f.check_id").fetchall()
    assert found == [("value.date_unparsed", CHUNK + 5, CHUNK + 5, "古丽"),
                     ("value.sex_unparsed", CHUNK + 5, CHUNK + 5, "古丽")]
    assert case.scalar("SELECT count(*) FROM records") == CHUNK + 18


@pytest.mark.parametrize("name", ["plain.csv", "quoted.csv", "book.xlsx"])
def test_rows_numbered_in_advance_and_never_filled_are_no_records(case: Case, tmp_path: Path, name: str) -> None:
    """A clerk's template numbers its rows before anyone is written in: 序号 alone (or with empty cells) names no
    one, on every reader; the rows keep their numbers."""
    header = ["序号", "姓名" if name != "quoted.csv" else "姓\n名", "身份证号"]
    rows: list[list[object]] = [[1, "买买提·吐尔逊", "653222198506030311"], [2, "古丽·艾买提", ""],
                                [3], [4, "", ""], [5, "阿依古丽·亚森", ""], [6]]
    path = tmp_path / name
    if name.endswith(".xlsx"):
        book = openpyxl.Workbook()
        for row in [header, *rows]:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows([header, *rows])
    add_files(case, [path], AddRequest(role="leak"))
    assert case.con.execute('SELECT "row", name FROM records ORDER BY "row"').fetchall() == [
        (1, "买买提·吐尔逊"), (2, "古丽·艾买提"), (5, "阿依古丽·亚森")]
