"""Plain CSV files through DuckDB give the case exactly what the row-at-a-time reader gives it."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veracity.case import Case, create_case
from veracity.errors import InputError
from veracity.fields import FIELDS, Kind
from veracity.ingest import pipeline, plain_csv
from veracity.ingest.columns import assign_fields
from veracity.ingest.encoding import TextEncoding
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.ingest.plain_csv import _SURE_LEAD, _SURE_START, SQL_VALUES, PlainText, plain_lines
from veracity.ingest.values import plain_follow, plain_lead
from veracity.limits import Limits

from .samples import FATHERS, GIVEN, synthetic_id

HEADER = ["序号", "姓名", "性别", "民族", "身份证号", "出生日期", "年龄", "住址", "收押原因"]
ODD_DATES = ("2017-02-30", "不详", "1985/13/01", "１９８５年３月", "85.3.2", "", " ", "19850302", "31048", "1799.12.31",
             "2100.02.29", "2000.02.29", "2000-02-29 ", "1985.00.10", "1985/03.1")
ODD_SEXES = ("未知", "", "M", " 女 ", "female", "ئەر")
ODD_AGES = ("三十", "３５岁", "35 years", "200", "", "35.5")
ODD_LEADS = ("合计", " 合 计：", "Total", "  ", "", "序号", "姓名", "\\x", "Ｔｏｔａｌ", "s1", "12 ", " 7", "G")


def _row(rng: random.Random, k: int) -> list[str]:
    """One generated data row; now and then with an odd value in a typed column."""
    born = f"19{rng.randrange(40, 99)}.{rng.randrange(1, 13):02d}.{rng.randrange(1, 29):02d}"
    row = [str(k), f"{rng.choice(GIVEN)}·{rng.choice(FATHERS)}", rng.choice("男女"), "维吾尔族", synthetic_id(rng),
           born, str(rng.randrange(18, 90)), f"墨玉县{rng.randrange(1, 40)}村", rng.choice(("宗教极端", "超生"))]
    if rng.random() < 0.15:
        row[5] = rng.choice(ODD_DATES)
    if rng.random() < 0.1:
        row[2] = rng.choice(ODD_SEXES)
    if rng.random() < 0.1:
        row[6] = rng.choice(ODD_AGES)
    if rng.random() < 0.05:
        row[1] = rng.choice(("Aygul Tursun", "ئايگۈل", "", " 古丽 ", "a\\b\tc"))
    if rng.random() < 0.05:
        row[4] = rng.choice((f" {row[4]}", row[4][:6] + " " + row[4][6:], row[4].lower()[:-1] + "x", "", "无"))
    if rng.random() < 0.05:
        row[7] = rng.choice((f" {row[7]}", f"{row[7]}\u3000", "", " ", "\\"))
    return row


def _register(seed: int, rows: int = 400) -> list[list[str]]:
    """A header (a title line above it) and ROWS data lines with blank, total, repeated-header, short and wide
    rows among them."""
    rng = random.Random(seed)
    lines: list[list[str]] = [["2017年墨玉县人员名单"], HEADER]
    for k in range(1, rows + 1):
        row = _row(rng, k)
        roll = rng.random()
        if roll < 0.03:
            lines.append([])
        elif roll < 0.05:
            lines.append(["", "", "", ""])
        elif roll < 0.07:
            lines.append([rng.choice(ODD_LEADS), "311人", *row[2:]])
        elif roll < 0.08:
            lines.append(HEADER)
        elif roll < 0.10:
            lines.append(row[: rng.randrange(1, len(row))])
        elif roll < 0.12:
            lines.append([*row, "备注", "另一列"])
        elif roll < 0.14:
            lines.append(["", *row[1:]])
        else:
            lines.append(row)
    lines += [[], ["合计", f"{rows}人"], []]
    return lines


def _text(lines: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    return newline.join(delimiter.join(line) for line in lines) + newline


def _snapshot(case: Case) -> tuple[object, ...]:
    """Every column of records, findings and source_tables, and the sources but their time of adding."""
    def rows(sql: str) -> list[tuple[object, ...]]:
        return case.con.execute(sql).fetchall()

    return (rows("SELECT * FROM records ORDER BY rowid"), rows("SELECT * FROM findings ORDER BY rowid"),
            rows("SELECT * FROM source_tables ORDER BY rowid"),
            rows("SELECT * EXCLUDE (added_at) FROM sources ORDER BY source_id"))


def _add(folder: Path, files: list[Path], request: AddRequest) -> tuple[object, ...]:
    """The case after adding FILES to a new case in FOLDER: its tables and what add said, or its refusal."""
    with create_case(folder) as case:
        try:
            said: object = [o.sentence() for o in add_files(case, files, request)]
        except InputError as refused:
            said = str(refused)
        return _snapshot(case), said


def _add_both_ways(tmp_path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch,
                   request: AddRequest | None = None) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """The case after adding FILES through the plain path (where it applies) and through the row reader."""
    request = request or AddRequest(role="leak")
    plain = _add(tmp_path / "plain", files, request)
    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "plain_lines", lambda *args: None)
        return plain, _add(tmp_path / "rows", files, request)


def _taken_in(path: Path, codec: str = "utf-8", bom: int = 0, delimiter: str = ",") -> PlainText | None:
    return plain_lines(duckdb.connect(), path, TextEncoding(codec, bom, "test"), delimiter, Limits())


def _is_plain(path: Path, codec: str = "utf-8", bom: int = 0, delimiter: str = ",") -> bool:
    taken = _taken_in(path, codec, bom, delimiter)
    return taken is not None and taken.lines is not None


def _is_parsed(path: Path, codec: str = "utf-8", bom: int = 0, delimiter: str = ",") -> bool:
    taken = _taken_in(path, codec, bom, delimiter)
    return taken is not None and taken.lines is None


def _row_by_row(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The source files of the tables the CSV path hands to the row reader from now on (the list grows)."""
    handed: list[str] = []
    load_started = plain_csv.load_started

    def spy(case: Case, start: object, target: tuple[int, str, str, int, str], *args: object) -> object:
        handed.append(target[1])
        return load_started(case, start, target, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(plain_csv, "load_started", spy)
    return handed


CASES = {
    "comma.csv": (",", "\n", "utf-8", b""),
    "crlf-bom.csv": (",", "\r\n", "utf-8", b"\xef\xbb\xbf"),
    "tab.csv": ("\t", "\n", "utf-8", b""),
    "semicolon.csv": (";", "\n", "utf-8", b""),
    "fullwidth-comma.csv": ("，", "\n", "utf-8", b""),
    "gb18030.csv": ("\t", "\r\n", "gb18030", b""),
    "utf16.csv": (",", "\r\n", "utf-16", b""),
}


@pytest.mark.parametrize("name", CASES)
def test_plain_files_give_the_records_findings_and_tables_the_row_reader_gives(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    delimiter, newline, codec, bom = CASES[name]
    path = tmp_path / name
    path.write_bytes(bom + _text(_register(len(name)), delimiter, newline).encode(codec))
    other = tmp_path / f"second-{name}"
    other.write_bytes(bom + _text(_register(7, rows=50)[1:], delimiter, newline).encode(codec))
    assert _is_plain(path, codec.replace("utf-16", "utf-16-le"), len(bom) or 2 * (codec == "utf-16"), delimiter)
    plain, rows = _add_both_ways(tmp_path, [path, other], monkeypatch)
    assert plain == rows
    records, findings, _, _ = plain[0]  # type: ignore[misc]
    assert len(records) > 350 and len(findings) > 20


def test_split_names_split_dates_maps_and_headerless_files_give_the_same_records(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    split = [["编号", "名", "姓", "Name", "性别", "出生年", "出生月", "出生日", "电话"]] + [
        [str(k), rng.choice(GIVEN), rng.choice(FATHERS), rng.choice(("Aygul", "Ilham Tohti", "", "12")),
         rng.choice("男女"), rng.choice(("1975", "1988", "", "19x")), str(rng.randrange(0, 14)),
         rng.choice(("3", "15", "31", "", "三")), str(rng.randrange(10**6))] for k in range(80)]
    parts = [["序号", "姓名", "收押时间 年", "收押时间 月", "身份证号"]] + [
        [str(k), f"{rng.choice(GIVEN)}·{rng.choice(FATHERS)}", rng.choice(("2017", "2018", "")),
         rng.choice(("5", "12", "13", "")), synthetic_id(rng)] for k in range(60)]
    headerless = [[synthetic_id(rng), rng.choice("男女"), f"{rng.choice(GIVEN)}·{rng.choice(FATHERS)}"]
                  for _ in range(40)]
    files = []
    for name, lines in (("split.csv", split), ("parts.csv", parts), ("headerless.csv", headerless)):
        files.append(tmp_path / name)
        files[-1].write_text(_text(lines), encoding="utf-8")
    request = AddRequest(role="leak", mapping={"编号": "other_id", "电话": "none"})
    plain, rows = _add_both_ways(tmp_path, files, monkeypatch, request)
    assert plain == rows
    columns = [c["field"] for _, _, _, table, _, _ in plain[0][2] for c in json.loads(table)]  # type: ignore[index]
    assert columns.count("birth_date") == 1 and "detained_on" in columns


@pytest.mark.parametrize("text", ["序号,姓名\n" + "1,古丽\n" * 800 + "1,古\x00丽\n", "序号,姓名\n1,古丽\x0c\n",
                                  '序号,姓名\n1,"古丽\x01"\n'])
def test_nuls_and_control_characters_go_row_by_row(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert _taken_in(path) is None
    plain, rows = _add_both_ways(tmp_path, [path], monkeypatch)
    assert plain == rows


def _quoted_register(seed: int, rows: int = 400) -> list[list[str]]:
    """``_register`` with what makes a writer quote: a delimiter, a quote, a line break (LF or CRLF) in a
    cell, a quote in the header, and rows of one empty cell (written ``""``)."""
    rng = random.Random(seed)
    header = [*HEADER[:4], '身份证号 "18位"', *HEADER[5:]]
    lines = [header if line == HEADER else line for line in _register(seed, rows)]
    for line in lines[2:]:
        roll = rng.random()
        if line == header:
            continue
        if len(line) > 7 and roll < 0.3:
            line[7] = f"{line[7]},{rng.randrange(1, 9)}组"
        elif len(line) > 8 and roll < 0.4:
            line[8] = rng.choice(("宗教极端\n超生", "超生\r\n不放心人员", "有亲属\n\n在国外 ", "\n"))
        elif len(line) > 1 and roll < 0.45:
            line[1] = rng.choice(('古丽"小"', '"努尔"', 'a\\"b\t', "古丽\t努尔"))
        elif roll < 0.47:
            line[:] = [""]
    return lines


def _written(lines: list[list[str]], delimiter: str, newline: str, quoting: int) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=newline, quoting=quoting).writerows(lines)
    return out.getvalue()


QUOTED_CASES = {
    "excel.csv": (",", "\r\n", "utf-8", b"\xef\xbb\xbf", csv.QUOTE_MINIMAL),
    "quote-all.csv": (",", "\n", "utf-8", b"", csv.QUOTE_ALL),
    "tab.csv": ("\t", "\n", "utf-8", b"", csv.QUOTE_MINIMAL),
    "lone-cr.csv": (";", "\r", "utf-8", b"", csv.QUOTE_MINIMAL),
    "gb18030.csv": ("\t", "\r\n", "gb18030", b"", csv.QUOTE_MINIMAL),
    "utf16.csv": (",", "\r\n", "utf-16", b"", csv.QUOTE_ALL),
}


@pytest.mark.parametrize("name", QUOTED_CASES)
def test_quoted_files_are_parsed_and_give_the_records_findings_and_tables_the_row_reader_gives(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    delimiter, newline, codec, bom, quoting = QUOTED_CASES[name]
    path = tmp_path / name
    path.write_bytes(bom + _written(_quoted_register(len(name)), delimiter, newline, quoting).encode(codec))
    assert _is_parsed(path, codec.replace("utf-16", "utf-16-le"), len(bom) or 2 * (codec == "utf-16"), delimiter)
    handed = _row_by_row(monkeypatch)
    monkeypatch.setattr(plain_csv, "BATCH", 128)  # rows staged and inserted over several batches
    plain, rows = _add_both_ways(tmp_path, [path], monkeypatch)
    assert handed == []
    assert plain == rows
    records, findings, _, _ = plain[0]  # type: ignore[misc]
    assert len(records) > 350 and len(findings) > 20


@pytest.mark.parametrize("text", ['序号,姓名\n1,"买买提,吐尔逊"\n', '序号,姓名\n1,"古丽\n努尔"\n',
                                  "序号,姓名\r1,古丽\r2,努尔", '序号,姓名\n1,5"\n2,""\n'])
def test_small_files_with_a_quote_or_a_lone_carriage_return_are_parsed(
        text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "small.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert _is_parsed(path)
    handed = _row_by_row(monkeypatch)
    plain, rows = _add_both_ways(tmp_path, [path], monkeypatch)
    assert handed == []
    assert plain == rows


def test_a_record_over_several_lines_is_one_row(tmp_path: Path) -> None:
    path = tmp_path / "lines.csv"
    path.write_text('序号,姓名,住址\n1,古丽,"一村\n二组"\n\n2,"努尔,买买提",三村\n', encoding="utf-8")
    with create_case(tmp_path / "case") as case:
        add_files(case, [path], AddRequest(role="leak"))
        assert case.con.execute("SELECT \"row\", address FROM records ORDER BY \"row\"").fetchall() == [
            (1, "一村\n二组"), (3, "三村")]


GOOD = '序号,姓名\n' + '1,"古丽"\n' * 40  # past the rows the header is looked for in, which the row reader reads


@pytest.mark.parametrize(("text", "limits"), [
    (GOOD + '1,"古丽"努尔\n2,"a"\n', Limits()),  # read on after a closing quote: ("1", "古丽努尔")
    (GOOD + '1,"古丽\n2,努尔\n', Limits()),  # ends inside quotes
    (GOOD + '1,"古丽\x0c"\n', Limits()),
    (GOOD + '1,"古丽"\n' * 30, Limits(max_rows=60)),
    (GOOD + "2," * 30 + "\n", Limits(max_columns=20)),
    (GOOD + '1,"古丽\n' + "努尔" * 40 + '"\n', Limits(max_cell_chars=60)),
], ids=["after-quote", "ends-in-quote", "control", "rows", "columns", "cell"])
def test_quoted_files_the_strict_parse_turns_away_are_read_or_refused_as_the_row_reader_does(
        text: str, limits: Limits, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(text, encoding="utf-8", newline="")
    assert _is_parsed(path)
    handed = _row_by_row(monkeypatch)
    plain, rows = _add_both_ways(tmp_path, [path], monkeypatch, AddRequest(role="leak", limits=limits))
    assert handed == ["odd.csv"]
    assert plain == rows


def test_identity_numbers_in_scientific_notation_give_the_same_notices_both_ways(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sci.csv"
    path.write_text("姓名,身份证号\n古丽,6.53224E+17\n热依拉,-\n努尔,6.5322419450829E+17\n古丽,6.53224E+17\n",
                    encoding="utf-8")
    assert _is_plain(path)
    plain, rows = _add_both_ways(tmp_path, [path], monkeypatch)
    assert plain == rows


def test_files_past_a_limit_go_row_by_row_and_are_refused_there(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("姓名,性别\n" + "古丽,女\n" * 5 + "古丽," * 30 + "\n", encoding="utf-8")
    encoding = TextEncoding("utf-8", 0, "test")
    assert plain_lines(duckdb.connect(), path, encoding, ",", Limits(max_columns=20)) is None
    assert plain_lines(duckdb.connect(), path, encoding, ",", Limits(max_rows=6)) is None
    assert plain_lines(duckdb.connect(), path, encoding, ",", Limits(max_cell_chars=60)) is None
    assert plain_lines(duckdb.connect(), path, encoding, ",", Limits()) is not None
    with create_case(tmp_path / "case") as case:
        with pytest.raises(InputError, match=r"wide.csv: line 7: 31 columns, more than the limit of 20"):
            add_files(case, [path], AddRequest(role="leak", limits=Limits(max_columns=20)))
        assert case.scalar("SELECT count(*) FROM records") == 0


# A parsed file's cells may hold quotes and line breaks too.
CELL_TEXT = st.text(st.sampled_from("1 7aGsStT合总小共计序号姓名古丽\u3000\u00a0\t\n\r\"·Ｔ"), max_size=5)


@settings(max_examples=500, deadline=None)
@given(CELL_TEXT)
def test_sql_sure_record_cells_are_ones_the_row_tests_pass(cell: str) -> None:
    labels = frozenset({"序号", "序", "姓名", "姓"})
    sql = duckdb.execute("SELECT regexp_full_match($c, $lead) AND NOT list_contains($l, $c) "
                         "AND NOT list_contains($l, lower($c[1])), regexp_full_match($c, $follow)",
                         {"c": cell, "lead": _SURE_LEAD, "follow": _SURE_START + ".*", "l": sorted(labels)}).fetchone()
    assert sql is not None
    lead, follow = sql
    assert not lead or plain_lead(cell, labels)
    assert not follow or plain_follow(cell)


def test_every_sure_start_character_starts_a_plain_cell() -> None:
    pattern = re.compile(_SURE_START)
    starts = [chr(c) for c in range(0x30, 0xA000) if pattern.fullmatch(chr(c))]
    assert len(starts) > 20_000
    assert all(plain_lead(ch, frozenset()) and plain_follow(ch) for ch in starts)


OWN_TEXT = st.text(st.sampled_from("0129aZ 古丽·\u3000\u00a0\u2003\t\n\r\"\x1c-X"), max_size=6)
DATE_TEXT = st.one_of(st.text(st.sampled_from("0123456789-./ 年月日T:"), max_size=11),
                      st.from_regex(r"\A(17|18|19|20|21)[0-9]{2}[-./ ][0-3][0-9][-./][0-3][0-9]\Z"))


@pytest.mark.parametrize("kind", SQL_VALUES)
@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_cells_whose_field_sql_gives_get_what_the_converter_gives(kind: Kind, data: st.DataObject) -> None:
    cell = data.draw(DATE_TEXT if kind is Kind.DATE else OWN_TEXT)
    field = next(f.name for f in FIELDS.values() if f.kind is kind)
    sql = duckdb.execute(f"SELECT {SQL_VALUES[kind].replace('{cell}', '$c')}", {"c": cell}).fetchone()
    assert sql is not None
    if sql[0] is not None:
        assert assign_fields(("x",), [], {"x": field}).build_many([(cell,)]).values[field] == [sql[0]]
