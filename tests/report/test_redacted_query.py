"""The fast redaction (SQL, free text once per distinct value) gives what the cell-by-cell path gives."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from veracity.case import Case, open_case
from veracity.report.export import Format, export_table, neutralise
from veracity.report.redact import PAIRS_SQL, NameIndex, Redactor
from veracity.report.redacted_query import redacted_query
from veracity.report.state import read_state
from veracity.report.tables import Rule, Table, person_columns, rule, tables
from veracity.report.view import View

from .scan import leaks, redacted_outputs
from .synthetic import Synthetic, add_links, add_names_in_free_text, build


@pytest.fixture
def case_with_free_text(tmp_path: Path) -> Iterator[tuple[Case, Synthetic]]:
    synthetic = build(tmp_path / "case")
    with open_case(synthetic.path) as case:
        add_names_in_free_text(case, synthetic.people)
        add_links(case, len(synthetic.people))
        yield case, synthetic


def _cell(view: View, columns: Sequence[str], column: str, value: object, row: Sequence[object]) -> object:
    """One cell redacted as export did before, value by value through the View."""
    kind = rule(column)
    if value is None or kind is Rule.KEEP:
        return value
    if kind is Rule.PERSON:
        id_column, names = person_columns(column, tuple(columns))
        name = next((str(row[columns.index(n)]) for n in names if row[columns.index(n)]), str(value))
        number = row[columns.index(id_column)] if id_column in columns else None
        return view.person(None if number is None else str(number), name)
    reduce = {Rule.BLANK: lambda _: "", Rule.ID: view.id_number, Rule.BIRTH_YEAR: view.date_of_birth,
              Rule.ADDRESS: view.address, Rule.HOUSEHOLD: view.household, Rule.TEXT: view.text}[kind]
    return reduce(str(value))


def _by_cell(case: Case, table: Table, view: View) -> list[tuple[object, ...]]:
    return [tuple(_cell(view, table.columns, c, v, row) for c, v in zip(table.columns, row, strict=True))
            for row in case.con.execute(table.sql).fetchall()]


def test_every_table_is_redacted_as_cell_by_cell(case_with_free_text: tuple[Case, Synthetic]) -> None:
    case, _ = case_with_free_text
    view = View(Redactor.for_case(case))
    assert view.redactor is not None
    for what, table in tables(read_state(case)).items():
        with redacted_query(case.con, table, view.redactor) as (cursor, sql):
            fast = cursor.execute(sql).fetchall()
        assert fast == _by_cell(case, table, view), what


def test_the_redacted_parquet_holds_the_cell_by_cell_values(case_with_free_text: tuple[Case, Synthetic],
                                                            tmp_path: Path) -> None:
    case, _ = case_with_free_text
    export_table(case, "records", Format.PARQUET, tmp_path / "r.parquet", redact=True)
    table = tables(read_state(case))["records"]
    expected = [dict(zip(table.columns, row, strict=True))
                for row in _by_cell(case, table, View(Redactor.for_case(case)))]
    assert pq.read_table(tmp_path / "r.parquet").to_pylist() == expected


def _csv_by_cell(rows: list[tuple[object, ...]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([neutralise("" if v is None else str(v)) for v in row] for row in rows)
    return out.getvalue()


@pytest.mark.parametrize("redact", [False, True])
def test_csv_is_written_as_cell_by_cell(case_with_free_text: tuple[Case, Synthetic], tmp_path: Path,
                                        redact: bool) -> None:
    case, _ = case_with_free_text
    view = View(Redactor.for_case(case) if redact else None)
    for what, table in tables(read_state(case)).items():
        export_table(case, what, Format.CSV, tmp_path / f"{what}.csv", redact=redact)
        rows = _by_cell(case, table, view) if redact else case.con.execute(table.sql).fetchall()
        assert (tmp_path / f"{what}.csv").read_text("utf-8") == _csv_by_cell(rows, table.columns), what


def test_free_text_in_three_scripts_is_really_redacted(case_with_free_text: tuple[Case, Synthetic]) -> None:
    case, synthetic = case_with_free_text
    table = tables(read_state(case))["records"]
    with redacted_query(case.con, table, Redactor.for_case(case)) as (cursor, sql):
        rows = cursor.execute(sql + " OFFSET 40 LIMIT 5").fetchall()  # the rows added last
    text = str(rows)
    assert "P-" in text and "[number]" in text and "墨玉县喀尔赛乡" in text and "Bostan Township" in text
    assert leaks({"records": text}, synthetic.names(), synthetic.id_numbers()) == []


def test_no_name_or_number_in_any_redacted_output_of_free_text(case_with_free_text: tuple[Case, Synthetic],
                                                               tmp_path: Path) -> None:
    case, synthetic = case_with_free_text
    texts = redacted_outputs(case, tmp_path, pdf=False)
    assert leaks(texts, synthetic.names(), synthetic.id_numbers()) == []


def test_the_index_built_once_holds_every_spelling_the_names_give(case_with_free_text: tuple[Case, Synthetic]
                                                                   ) -> None:
    case, _ = case_with_free_text
    by_name = NameIndex.from_pairs((str(n), None if i is None else str(i))
                                   for n, i in case.con.execute(PAIRS_SQL).fetchall())
    index = NameIndex.for_case(case)
    assert index.terms == by_name.terms and NameIndex.for_case(case) is index
