"""Generated input files for the reader tests: synthetic people, never real ones, and no identity numbers.

Each builder returns bytes so that a test (or the mutation generator) can
write them under any name, or alter them first.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import openpyxl
import xlwt
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from veracity.idnumber import check_character
from veracity.ingest.formats import ReadResult, read_tables
from veracity.ingest.table import Row
from veracity.limits import Limits

GIVEN = ("买买提", "阿不都热依木", "艾合买提", "阿依古丽", "古丽米热", "热依拉", "努尔买买提", "帕提古丽")
FATHERS = ("吐尔逊", "艾买提", "阿不都拉", "肉孜", "托合提", "库尔班")
HEADER = ("序号", "姓名", "性别", "出生日期", "住址")


def people(n: int, seed: int = 3) -> list[tuple[str, ...]]:
    """A header and ``n`` rows of synthetic Uyghur names in Chinese transliteration."""
    rng = random.Random(seed)
    rows: list[tuple[str, ...]] = [HEADER]
    for k in range(1, n + 1):
        born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
        name = f"{rng.choice(GIVEN)}·{rng.choice(FATHERS)}"
        rows.append((str(k), name, rng.choice("男女"), born.isoformat(), "墨玉县喀尔赛乡3村"))
    return rows


def synthetic_id(rng: random.Random) -> str:
    """A well-formed number for a generated person (never a real one)."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
    body = f"653222{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + check_character(body)


def register_rows(n: int, seed: int, last: Callable[[int], str]) -> list[Row]:
    """N data rows: serial, name, sex, identity number, birth month, and ``last(k)``."""
    rng = random.Random(seed)
    return [
        (k, f"{rng.choice(GIVEN)}·{rng.choice(FATHERS)}", rng.choice("男女"), synthetic_id(rng),
         f"19{rng.randrange(50, 99)}年{rng.randrange(1, 13)}月", last(k))
        for k in range(1, n + 1)
    ]


def csv_text(rows: Sequence[Sequence[str]], delimiter: str = ",") -> str:
    """Rows written by the csv module (quoting where needed), newline-terminated."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def xlsx_bytes(build: Callable[[openpyxl.Workbook], None]) -> bytes:
    """A workbook made by openpyxl, after ``build`` filled it."""
    book = openpyxl.Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_book(book: openpyxl.Workbook) -> None:
    """Two sheets: a title row merged over the header, households merged down, Excel dates."""
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["2017年墨玉县喀尔赛乡人员名单"])
    sheet.merge_cells("A1:D1")
    sheet.append(["户号", "姓名", "出生日期", "备注"])
    sheet.append(["H001", "买买提·吐尔逊", dt.datetime(1980, 3, 5), "户主"])
    sheet.append([None, "阿依古丽·买买提", dt.datetime(2005, 7, 1), "子女"])
    sheet.append(["H002", "热依拉·肉孜", dt.datetime(1975, 12, 31), "户主"])
    sheet.merge_cells("A3:A4")
    second = book.create_sheet("第二页")
    second.append(["姓名", "性别"])
    second.append(["古丽米热·托合提", "女"])


def xls_bytes(build: Callable[[xlwt.Workbook], None]) -> bytes:
    """A legacy Excel (.xls) workbook made by ``build``."""
    book = xlwt.Workbook(encoding="utf-8")
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_xls(book: xlwt.Workbook) -> None:
    """``register_book`` as an Excel 97-2003 workbook, and a hidden third sheet."""
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet = book.add_sheet("名单")
    sheet.write_merge(0, 0, 0, 3, "2017年墨玉县喀尔赛乡人员名单")
    for c, label in enumerate(["户号", "姓名", "出生日期", "备注"]):
        sheet.write(1, c, label)
    sheet.write_merge(2, 3, 0, 0, "H001")
    for r, (name, born, note) in enumerate([("买买提·吐尔逊", dt.date(1980, 3, 5), "户主"),
                                            ("阿依古丽·买买提", dt.date(2005, 7, 1), "子女"),
                                            ("热依拉·肉孜", dt.date(1975, 12, 31), "户主")], 2):
        sheet.write(r, 1, name)
        sheet.write(r, 2, born, dates)
        sheet.write(r, 3, note)
    sheet.write(4, 0, "H002")
    second = book.add_sheet("第二页")
    for r, row in enumerate([("姓名", "性别"), ("古丽米热·托合提", "女")]):
        for c, value in enumerate(row):
            second.write(r, c, value)
    hidden = book.add_sheet("说明")
    hidden.write(0, 0, "内部资料")
    hidden.visibility = 1


def docx_bytes(
    tables: Sequence[Sequence[Sequence[str]]], build: Callable[[docx.document.Document], None] | None = None
) -> bytes:
    """A Word document with a paragraph before each of ``tables``; ``build`` may alter it after."""
    document = docx.Document()
    for n, rows in enumerate(tables, 1):
        document.add_paragraph(f"附表{n}")
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    if build:
        build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def merged_docx(document: docx.document.Document) -> None:
    """Merge the first table's header across columns 2-3 and its first column down rows 2-3."""
    table = document.tables[0]
    table.cell(0, 1).merge(table.cell(0, 2)).text = "姓名"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "H001"


def set_grid_before(document: docx.document.Document, count: int) -> None:
    """Give the first row of the first table ``count`` empty grid columns before its cells."""
    tr = document.tables[0]._tbl.tr_lst[0]
    tr_pr = tr.get_or_add_trPr()
    grid_before = OxmlElement("w:gridBefore")
    grid_before.set(qn("w:val"), str(count))
    tr_pr.append(grid_before)


def rezip(
    data: bytes, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None
) -> bytes:
    """A copy of a zip with each member passed through ``change`` (None drops it), plus ``extra`` members."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def write(tmp: Path, name: str, data: bytes) -> Path:
    """``data`` saved as ``tmp/name``."""
    path = tmp / name
    path.write_bytes(data)
    return path


def read_all(path: Path, limits: Limits | None = None) -> tuple[ReadResult, list[tuple[str, list[Row]]]]:
    """Read a file the way the pipeline does: every table's rows, in order; source_file is the name."""
    result = read_tables(path, path.name, limits or Limits())
    tables = [(table.name, list(table.rows)) for table in result.tables]
    return result, tables
