"""Media types are detected from bytes, never from the extension; unread kinds are refused by name."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from veracity.errors import InputError
from veracity.ingest.formats import MediaType, read_tables
from veracity.limits import Limits

from .samples import csv_text, docx_bytes, people, read_all, register_book, xlsx_bytes

Put = Callable[[str, bytes], Path]
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


def a_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_xlsx_named_csv_is_read_as_xlsx(put: Put) -> None:
    result, tables = read_all(put("register.csv", xlsx_bytes(register_book)))
    assert (result.media_type, [name for name, _ in tables]) == (MediaType.XLSX, ["名单", "第二页"])


def test_docx_named_xlsx_is_read_as_docx(put: Put) -> None:
    result, tables = read_all(put("list.xlsx", docx_bytes([people(2)])))
    assert (result.media_type, [name for name, _ in tables]) == (MediaType.DOCX, ["table 1"])


def test_csv_named_xlsx_is_read_as_text(put: Put) -> None:
    result, tables = read_all(put("list.xlsx", csv_text(people(2)).encode()))
    assert (result.media_type, len(tables[0][1])) == (MediaType.CSV, 3)


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (PNG, "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "legacy Office file (OLE2): cannot read the file"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 20, "gzip archive"),
        (a_zip({"readme.txt": b"hello"}), "zip archive without a workbook or Word document"),
        (a_zip({"xl/workbook.bin": b"\x00"}), "Excel binary workbook (.xlsb)"),
    ],
)
def test_recognised_but_unread_kinds_are_refused_by_name(put: Put, head: bytes, what: str) -> None:
    with pytest.raises(InputError) as caught:
        read_tables(put("leak.csv", head), "leak.csv", Limits())
    assert caught.value.source == "leak.csv" and caught.value.message.startswith(what)


def test_empty_file_is_an_input_error(put: Put) -> None:
    with pytest.raises(InputError, match="empty file"):
        read_tables(put("empty.csv", b""), "empty.csv", Limits())


def test_file_over_the_size_limit_is_refused_before_reading(put: Put) -> None:
    with pytest.raises(InputError, match="more than the limit of 10"):
        read_tables(put("big.csv", b"a,b\n" * 10), "big.csv", Limits(max_file_bytes=10))


def test_missing_file_is_an_input_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_tables(tmp_path / "gone.csv", "gone.csv", Limits())
    assert caught.value.source == "gone.csv"


def test_csv_result_records_encoding_and_delimiter(put: Put) -> None:
    result = read_tables(put("a.tsv", csv_text(people(2), "\t").encode("gb18030")), "a.tsv", Limits())
    assert (result.encoding and result.encoding.name, result.delimiter) == ("gb18030", "\t")
