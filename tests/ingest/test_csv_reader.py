"""CSV: every supported encoding detected, delimiters sniffed, quoting kept, rows streamed under limits."""

from __future__ import annotations

import codecs
import csv
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veracity.errors import InputError
from veracity.ingest.csv_reader import sniff_delimiter, strict_records
from veracity.ingest.encoding import TextEncoding
from veracity.ingest.formats import read_tables
from veracity.limits import Limits

from .samples import csv_text, people, read_all

Put = Callable[[str, bytes], Path]
ROWS = people(5)
TEXT = csv_text(ROWS)


@pytest.mark.parametrize(
    ("data", "name", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", 0),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", 3),
        (TEXT.encode("gb18030"), "gb18030", 0),
        (TEXT.encode("gbk"), "gb18030", 0),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", 2),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", 2),
        (TEXT.encode("utf-16-le"), "utf-16-le", 0),
        (TEXT.encode("utf-16-be"), "utf-16-be", 0),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"],
)
def test_each_encoding_is_detected_and_decoded(put: Put, data: bytes, name: str, bom: int) -> None:
    result, tables = read_all(put("register.csv", data))
    assert result.encoding is not None
    assert (result.encoding.name, result.encoding.bom, tables[0][1]) == (name, bom, ROWS)


def test_gb18030_evidence_names_where_utf8_failed(put: Put) -> None:
    result, _ = read_all(put("gb.csv", TEXT.encode("gb18030")))
    assert result.encoding is not None and "not UTF-8 (byte 0, line 1)" in result.encoding.evidence


def test_bytes_neither_utf8_nor_gb18030_name_offset_and_line(put: Put) -> None:
    data = "姓名,城市\n".encode() + b"Andr\xe9,Caf\xe9 Paris\n"  # Latin-1 é before a comma: invalid in both
    with pytest.raises(InputError) as caught:
        read_all(put("latin.csv", data))
    assert (caught.value.source, caught.value.place) == ("latin.csv", "byte 18, line 2")


WESTERN = [("Name", "Birth date", "Relation"), ("Tursun Ümid", "1985-03-02", "brother"),
           ("Güljan Éziz", "1990-01-05", "sister"), ("José", "1978-11-30", "father")]


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_a_western_code_page_file_is_read_as_windows_1252_and_says_why(put: Put, codec: str) -> None:
    """Excel's "CSV" on Western Windows: accented Latin names, one byte each (Ümid once read as GB18030 躮id)."""
    result, tables = read_all(put("testimonies.csv", csv_text(WESTERN).encode(codec)))
    assert result.encoding is not None and result.encoding.name == "cp1252"
    assert result.encoding.evidence.startswith("not UTF-8 (byte 32, line 2); 4 of 4 runs of non-ASCII bytes")
    assert tables[0][1] == WESTERN


def test_gb18030_with_arabic_script_names_is_not_taken_for_a_western_code_page(put: Put) -> None:
    """Uyghur letters take four bytes in GB18030, a lone byte before a digit each second one."""
    rows = [("姓名", "ئىسمى", "性别"), ("买买提·吐尔逊", "مەمەت تۇرسۇن", "男"), ("Aygul", "ئايگۈل", "女")]
    result, tables = read_all(put("gb.csv", csv_text(rows).encode("gb18030")))
    assert result.encoding is not None and (result.encoding.name, tables[0][1]) == ("gb18030", rows)


TRADITIONAL = [("姓名", "性別", "身份證號", "住址", "收押原因"),
               ("買買提·吐爾遜", "男", "653222198501011234", "墨玉縣喀瓦克鄉", "宗教極端"),
               ("阿依古麗·艾買提", "女", "653222199001011236", "和田縣", "有親屬在國外"),
               ("熱依拉·庫爾班", "女", "65322219920304124X", "洛浦縣", "去過敏感國家")]


def test_a_big5_file_is_read_as_big5_and_says_why(put: Put) -> None:
    """Excel on Traditional Chinese Windows writes Big5: read as GB18030 it was rare characters and symbols."""
    result, tables = read_all(put("big5.csv", csv_text(TRADITIONAL).encode("cp950")))
    assert result.encoding is not None and (result.encoding.name, tables[0][1]) == ("cp950", TRADITIONAL)
    assert "read as Big5 are frequent Han characters" in result.encoding.evidence


@pytest.mark.parametrize("rows", [TRADITIONAL, [("姓名", "性别"), ("买买提·吐尔逊", "男"), ("古丽·库尔班", "女")]])
def test_gb18030_text_that_also_decodes_as_big5_stays_gb18030(put: Put, rows: list[tuple[str, ...]]) -> None:
    """Simplified names, and traditional ones GB18030 holds too, are not taken for Big5."""
    data = csv_text(rows).encode("gb18030")
    result, tables = read_all(put("gb.csv", data))
    assert result.encoding is not None and (result.encoding.name, tables[0][1]) == ("gb18030", rows)


def test_invalid_utf16_surrogate_is_an_input_error_with_its_line(put: Put) -> None:
    data = codecs.BOM_UTF16_LE + "a,b\nc,d\n".encode("utf-16-le") + b"\x00\xd8,\x00\n\x00"
    with pytest.raises(InputError, match="not valid utf-16-le text") as caught:
        read_all(put("bad16.csv", data))
    assert (caught.value.source, caught.value.place) == ("bad16.csv", "byte 18, line 3")


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|", "，"])
def test_each_delimiter_is_sniffed(put: Put, delimiter: str) -> None:
    result, tables = read_all(put("d.csv", csv_text(ROWS, delimiter).encode()))
    assert (result.delimiter, tables[0][1]) == (delimiter, ROWS)


def test_ascii_comma_wins_over_fullwidth_comma_in_free_text() -> None:
    text = csv_text([("姓名", "原因"), ("买买提·吐尔逊", "宗教极端，非法"), ("热依拉·肉孜", "外出，未归")])
    assert sniff_delimiter(text).delimiter == ","


def test_quoted_fields_keep_delimiters_quotes_and_newlines(put: Put) -> None:
    rows = [("姓名", "备注"), ("阿依古丽·买买提", '家住"一村",\n第二行'), ("x", "y")]
    _, tables = read_all(put("q.csv", csv_text(rows).encode()))
    assert tables[0][1] == rows


def test_title_rows_above_header_do_not_spoil_the_sniff(put: Put) -> None:
    text = "2017年墨玉县人员名单\n\n" + csv_text(ROWS, ";")
    result, tables = read_all(put("t.csv", text.encode()))
    assert (result.delimiter, tables[0][1][:3]) == (";", [("2017年墨玉县人员名单",), (), ROWS[0]])


def test_single_column_file_says_no_delimiter_was_found(put: Put) -> None:
    result, tables = read_all(put("one.csv", "姓名\n买买提\n".encode()))
    assert (result.notes, tables[0][1]) == (
        ("no delimiter found: read as one column",),
        [("姓名",), ("买买提",)],
    )


def test_cells_are_verbatim_strings(put: Put) -> None:
    _, tables = read_all(put("v.csv", b" 007 , x \n"))
    assert tables[0][1] == [(" 007 ", " x ")]


def test_rows_stream_before_a_late_error(put: Put) -> None:
    data = b"a,b\n" * 20_000 + b"1,2,3,4,5,6\n"
    table = next(read_tables(put("late.csv", data), "late.csv", Limits(max_columns=5)).tables)
    assert isinstance(table.rows, Iterator) and next(table.rows) == ("a", "b")
    with pytest.raises(InputError) as caught:
        list(table.rows)
    assert caught.value.place == "line 20001"


def test_undecodable_byte_after_a_bom_is_reported_before_any_row(put: Put) -> None:
    data = codecs.BOM_UTF8 + b"a,b\n" * 20_000 + b"\xff,x\n"
    with pytest.raises(InputError, match="not valid utf-8-sig text") as caught:
        read_tables(put("late.csv", data), "late.csv", Limits())
    assert caught.value.place == "byte 80003, line 20001"


def test_long_cell_spanning_lines_is_measured(put: Put) -> None:
    data = b'a,"' + b"x\n" * 60 + b'"\n'
    with pytest.raises(InputError, match="a cell longer than 100 characters") as caught:
        read_all(put("m.csv", data), Limits(max_cell_chars=100))
    assert caught.value.place == "line 1"  # where the record with the long cell starts


def test_too_many_rows_names_the_line(put: Put) -> None:
    with pytest.raises(InputError, match="more than 3 rows") as caught:
        read_all(put("r.csv", TEXT.encode()), Limits(max_rows=3))
    assert caught.value.place == "line 4"


def test_too_many_columns_names_the_line(put: Put) -> None:
    with pytest.raises(InputError, match="6 columns, more than the limit of 5") as caught:
        read_all(put("c.csv", b"a,b\n" + b",".join([b"x"] * 6) + b"\n"), Limits(max_columns=5))
    assert caught.value.place == "line 2"


def test_huge_cell_names_the_line(put: Put) -> None:
    with pytest.raises(InputError, match="a cell longer than 100 characters") as caught:
        read_all(put("h.csv", b"a,b\n1," + b"x" * 101 + b"\n"), Limits(max_cell_chars=100))
    assert (caught.value.source, caught.value.place) == ("h.csv", "line 2")


def test_cell_limit_is_ours_not_the_csv_module_default(put: Put) -> None:
    _, tables = read_all(put("h.csv", b'a,"' + b"x" * 200_000 + b'"\n'), Limits(max_cell_chars=10**6))
    assert len(tables[0][1][0][1]) == 200_000


@pytest.mark.parametrize("tail", ['x,"cut short\n', 'x,"a stray quote\nswallows,the rows\nbelow it\n', 'x,"no newline'])
def test_a_file_ending_inside_a_quoted_cell_is_refused_at_the_line_the_quote_opened(put: Put, tail: str) -> None:
    head = csv_text([("姓名", "备注"), ("阿依古丽·买买提", '家住"一村",\n第二行')])
    with pytest.raises(InputError, match="line 4: the file ends inside a quoted cell"):
        read_all(put("cut.csv", (head + tail).encode()))


def test_a_closed_quote_and_a_malformed_one_before_the_end_are_read_as_before(put: Put) -> None:
    _, tables = read_all(put("ok.csv", '姓名,备注\n"a"b,c\nx,"y"\n'.encode()))
    assert tables[0][1] == [("姓名", "备注"), ("ab", "c"), ("x", "y")]


def test_quoted_cell_over_the_limit_names_the_line(put: Put) -> None:
    with pytest.raises(InputError, match="a cell longer than 1000 characters"):
        read_all(put("h.csv", b'a,"' + b"x" * 5_000 + b'"\n'), Limits(max_cell_chars=1000))


def test_time_budget_stops_a_slow_file_and_names_the_place(put: Put) -> None:
    data = codecs.BOM_UTF8 + b"a,b\n" * 3000
    with pytest.raises(InputError, match="took longer than 0 s") as caught:
        read_all(put("slow.csv", data), Limits(seconds_per_file=0))
    assert caught.value.place == "byte 12003 (checking the encoding)"


def test_binary_garbage_without_magic_is_not_text(put: Put) -> None:
    with pytest.raises(InputError, match="binary file, not text"):
        read_all(put("x.csv", bytes(range(256)) * 4))


def test_control_characters_mark_a_binary_file(put: Put) -> None:
    with pytest.raises(InputError, match="control characters"):
        read_all(put("x.csv", b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 20))


def test_bom_only_file_is_empty(put: Put) -> None:
    with pytest.raises(InputError, match="empty file"):
        read_all(put("bom.csv", codecs.BOM_UTF8))


def test_reading_a_file_leaves_the_csv_modules_field_limit_as_it_was(put: Put) -> None:
    """The limit is process-wide: a short sniff sample must not leave a 36-character limit that
    breaks the next csv reader of the process (it did, depending on test order)."""
    before = csv.field_size_limit()
    read_all(put("short.csv", "姓名,性别\n阿依古丽,女\n".encode()))
    assert csv.field_size_limit() == before
    sniff_delimiter("a,b\nc,d\n")
    assert csv.field_size_limit() == before


PIECES = st.lists(st.sampled_from(["古丽", "a", '"', '""', ",", "\n", "\r", "\r\n", " ", "\t"]), max_size=16)


def _strict(path: Path, delimiter: str) -> list[tuple[str, ...]]:
    with strict_records(path, TextEncoding("utf-8", 0, "test"), delimiter, Limits().max_cell_chars) as records:
        return [tuple(record) for record in records]


@settings(max_examples=300, deadline=None)
@given(PIECES)
def test_strict_records_are_the_row_readers_or_strict_mode_raises(pieces: list[str]) -> None:
    text = "姓名,备注\n" + "".join(pieces)
    delimiter = sniff_delimiter(text).delimiter  # the row reader's
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_text(text, encoding="utf-8", newline="")
        try:
            _, tables = read_all(path)
        except InputError:  # the file ends inside quotes
            with pytest.raises(csv.Error):
                _strict(path, delimiter)
            return
        try:
            strict = _strict(path, delimiter)
        except csv.Error:
            return  # the row reader reads on
    assert tables == [("", strict)]
