"""Generated registers in the styles real leaks show (synthetic people only), and the CLI round trip that reads them.

Each builder returns the file's bytes and the records ``veracity export --what records`` must give for it:
the contract's locator (sheet, row) and the fields the register holds. Identity numbers use region 653222
(Hotan, Karakax county) with generated dates and sequence numbers: well-formed, never a real person's.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from veracity.cli import app
from veracity.idnumber import check_character

from .samples import docx_bytes, xlsx_bytes

Expected = dict[str, str]


@dataclass(frozen=True)
class Person:
    """One generated person: every value a register may hold about them."""

    name: str
    sex: str  # 男 or 女
    born: dt.date
    serial: int
    household: str = "H0012"
    relation: str = "户主"
    latin: str = ""
    arabic: str = ""

    @property
    def id18(self) -> str:
        body = f"653222{self.born:%Y%m%d}{self.serial * 2 + (self.sex == '男'):03d}"
        return body + check_character(body)

    @property
    def id15(self) -> str:
        """The pre-1999 form: two-digit year, no check character."""
        return f"653222{self.born:%y%m%d}{self.serial * 2 + (self.sex == '男'):03d}"

    @property
    def sex_code(self) -> str:
        return "M" if self.sex == "男" else "F"


PEOPLE = (
    Person("买买提·吐尔逊", "男", dt.date(1975, 3, 15), 1, latin="Memet Tursun", arabic="مەمەت تۇرسۇن"),
    Person("阿依古丽·买买提", "女", dt.date(1978, 10, 5), 2, relation="妻子", latin="Aygul Memet",
           arabic="ئايگۈل مەمەت"),
    Person("热依拉·肉孜", "女", dt.date(1990, 1, 25), 3, "H0013", latin="Reyila Rozi", arabic="رەيىلا روزى"),
    Person("努尔买买提·托合提", "男", dt.date(1962, 12, 1), 4, "H0014", latin="Nurmemet Toxti",
           arabic="نۇرمەمەت توختى"),
)


@dataclass(frozen=True)
class Register:
    """A generated file, the ``add`` options it needs, and the records its export must hold, in order."""

    name: str
    data: bytes
    expected: list[Expected]
    options: tuple[str, ...] = ()
    skipped_sheets: tuple[str, ...] = field(default=())


def person(p: Person, sheet: str, row: int, **values: str) -> Expected:
    """The exported record of P at (SHEET, ROW): name, sex, id_number unless VALUES say otherwise."""
    return {"sheet": sheet, "row": str(row), "name": p.name, "sex": p.sex_code, "id_number": p.id18, **values}


def sheet_rows(sheet: Worksheet, rows: Sequence[Sequence[object]]) -> None:
    for row in rows:
        sheet.append(list(row))


def titled_sheet(book: openpyxl.Workbook, name: str, title: str, span: str) -> Worksheet:
    """The book's first sheet, named NAME, with TITLE merged over SPAN (e.g. "A1:J1") as its first row."""
    sheet = book.active
    assert sheet is not None
    sheet.title = name
    sheet.append([title])
    sheet.merge_cells(span)
    return sheet


def workbook(build: Callable[[openpyxl.Workbook], None]) -> bytes:
    return xlsx_bytes(build)


def csv_bytes(rows: Sequence[Sequence[object]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


# ---------------------------------------------------------------- the CLI round trip

runner = CliRunner()


@dataclass(frozen=True)
class Added:
    """What ``veracity add`` said and what ``veracity export --what records --format csv`` gave."""

    exit_code: int
    output: str
    records: list[dict[str, str]]
    tables: list[dict[str, object]]


def add_and_export(tmp: Path, name: str, data: bytes, options: Sequence[str] = ()) -> Added:
    """Write DATA as TMP/NAME, add it to a fresh case through the CLI and export its records as CSV."""
    case = tmp / "case"
    assert runner.invoke(app, ["init", str(case)]).exit_code == 0
    path = tmp / name
    path.write_bytes(data)
    added = runner.invoke(app, ["add", str(case), str(path), "--role", "leak", *options])
    out = tmp / "records.csv"
    exported = runner.invoke(app, ["export", str(case), "--what", "records", "--format", "csv", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    with out.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    return Added(added.exit_code, added.output, records, _tables(case))


def _tables(case: Path) -> list[dict[str, object]]:
    import duckdb

    con = duckdb.connect(str(case / "case.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT sheet, header_rows, columns FROM source_tables ORDER BY rowid").fetchall()
    finally:
        con.close()
    return [{"sheet": sheet, "header_rows": span, "columns": json.loads(columns)} for sheet, span, columns in rows]


def exported(records: list[dict[str, str]], keys: Sequence[str]) -> list[Expected]:
    """The exported records, each cut to KEYS."""
    return [{k: r[k] for k in keys} for r in records]


__all__ = ["PEOPLE", "Added", "Person", "Register", "add_and_export", "csv_bytes", "docx_bytes", "exported",
           "person", "sheet_rows", "titled_sheet", "workbook"]
