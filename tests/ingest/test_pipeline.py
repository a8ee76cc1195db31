"""``add``: records with their locators, duplicates as no-ops, --map, and all-or-nothing on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from veracity.case import Case
from veracity.errors import InputError, UsageError
from veracity.ingest.pipeline import AddRequest, add_files

from ..conftest import synthetic_people, write_register


def _records(case: Case, sql: str = "") -> list[tuple[object, ...]]:
    return case.con.execute(
        'SELECT source_file, sheet, "row", name, id_number, sex, birth_date FROM records '
        + sql + ' ORDER BY record_id').fetchall()


def _snapshot(case: Case) -> tuple[object, ...]:
    return (case.scalar("SELECT count(*) FROM records"), case.scalar("SELECT count(*) FROM sources"),
            case.audit_head, sorted(p.name for p in (case.path / "evidence").iterdir()),
            (case.path / "audit.log").read_text("utf-8"))


def test_csv_rows_become_records_with_locators(case: Case, tmp_path: Path) -> None:
    people = synthetic_people(6)
    add_files(case, [write_register(tmp_path / "leak.csv", people)], AddRequest(role="leak"))
    rows = _records(case)
    assert [(r[0], r[1], r[2], r[4]) for r in rows] == [("leak.csv", "", k, p["id"])
                                                        for k, p in enumerate(people, start=1)]


def test_gb18030_csv_reads_the_same_names(case: Case, tmp_path: Path) -> None:
    people = synthetic_people(3)
    add_files(case, [write_register(tmp_path / "gbk.csv", people, encoding="gb18030")], AddRequest(role="leak"))
    assert [r[3] for r in _records(case)] == [p["name"] for p in people]


def test_western_windows_csv_keeps_accented_latin_names(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "testimonies.csv"
    path.write_bytes("Name,Birth date,Hometown\r\nTursun Ümid,1985-03-02,Qaraqash\r\nGüljan Éziz,1990-01-05,Guma\r\n"
                     .encode("cp1252"))
    [outcome] = add_files(case, [path], AddRequest(role="reference"))
    assert outcome.encoding == "cp1252"
    assert case.con.execute("SELECT name_latin, birth_date FROM records ORDER BY record_id").fetchall() == [
        ("Tursun Ümid", "1985-03-02"), ("Güljan Éziz", "1990-01-05")]


def test_excel_csv_idioms_for_long_numbers(case: Case, tmp_path: Path) -> None:
    """="…" keeps an id as text; 6.53224E+17 has lost it: no id (two rows would share one), a notice at its row."""
    people = synthetic_people(3)
    path = tmp_path / "export.csv"
    path.write_text("姓名,身份证号\n" + "".join(
        f'{p["name"]},{number}\n' for p, number in zip(people, (f'="{people[0]["id"]}"', "6.53224E+17", "6.53224E+17"),
                                                      strict=True)), encoding="utf-8")
    add_files(case, [path], AddRequest(role="leak"))
    assert [r[4] for r in _records(case)] == [people[0]["id"], None, None]
    assert case.con.execute('SELECT check_id, "row" FROM findings ORDER BY "row"').fetchall() == [
        ("value.id_unparsed", 2), ("value.id_unparsed", 3)]
    assert json.loads(case.scalar("SELECT cells FROM records WHERE \"row\" = 1"))[1] == [
        "身份证号", f'="{people[0]["id"]}"']


def _xlsx_with_title_blank_and_total(path: Path, people: list[dict[str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    sheet.append(["墨玉县某乡培训人员名单"])
    sheet.merge_cells("A1:D1")
    sheet.append(["姓名", "性别", "身份证号", "出生日期"])
    for k, p in enumerate(people):
        if k == 2:
            sheet.append([])
        sheet.append([p["name"], p["sex"], p["id"], p["born"].replace("-", ".")])
    sheet.append(["合计", None, None, None])
    book.save(path)
    return path


def test_xlsx_rows_count_blank_rows_but_skip_them_and_the_total(case: Case, tmp_path: Path) -> None:
    people = synthetic_people(4)
    add_files(case, [_xlsx_with_title_blank_and_total(tmp_path / "l.xlsx", people)], AddRequest(role="leak"))
    rows = _records(case)
    assert [(r[1], r[2]) for r in rows] == [("名单", 1), ("名单", 2), ("名单", 4), ("名单", 5)]
    assert [r[6] for r in rows] == [p["born"] for p in people]


def test_docx_tables_are_numbered_tables(case: Case, tmp_path: Path) -> None:
    doc = Document()
    for chunk in (synthetic_people(2), synthetic_people(3, seed=3)):
        table = doc.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ("姓名", "性别", "公民身份号码"), strict=True):
            cell.text = text
        for p in chunk:
            for cell, text in zip(table.add_row().cells, (p["name"], p["sex"], p["id"]), strict=True):
                cell.text = text
    doc.save(str(tmp_path / "reg.docx"))
    add_files(case, [tmp_path / "reg.docx"], AddRequest(role="reference"))
    assert [(r[1], r[2]) for r in _records(case)] == [("table 1", 1), ("table 1", 2), ("table 2", 1),
                                                      ("table 2", 2), ("table 2", 3)]


def test_original_cells_are_kept_verbatim(case: Case, tmp_path: Path) -> None:
    add_files(case, [write_register(tmp_path / "leak.csv", synthetic_people(1))], AddRequest(role="leak"))
    cells = json.loads(case.scalar("SELECT cells FROM records"))
    assert cells[0] == ["序号", "1"] and cells[2][0] == "性别"


def test_adding_the_same_bytes_again_changes_nothing_and_says_so(case: Case, tmp_path: Path) -> None:
    path = write_register(tmp_path / "leak.csv", synthetic_people(3))
    add_files(case, [path], AddRequest(role="leak"))
    before = _snapshot(case)
    copy = tmp_path / "copy.csv"
    copy.write_bytes(path.read_bytes())
    [outcome] = add_files(case, [copy], AddRequest(role="reference"))
    assert not outcome.added and "already in the case as leak.csv" in outcome.sentence()
    assert _snapshot(case) == before


def test_map_overrides_header_detection(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "ref.csv"
    path.write_text("person,id_number\n买买提·吐尔逊,\n", encoding="utf-8")
    add_files(case, [path], AddRequest(role="reference", mapping={"person": "name"}))
    assert _records(case)[0][3] == "买买提·吐尔逊"


def test_map_of_a_column_no_file_has_is_a_usage_error(case: Case, tmp_path: Path) -> None:
    path = write_register(tmp_path / "leak.csv", synthetic_people(2))
    before = _snapshot(case)
    with pytest.raises(UsageError, match="no column 'victim'"):
        add_files(case, [path], AddRequest(role="leak", mapping={"victim": "name"}))
    assert _snapshot(case) == before


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.csv", b"", "empty file"),
    ("binary.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary.csv"),
    ("header.csv", "姓名,身份证号\n".encode(), "header but no data rows"),
    ("bomb.xlsx", b"PK\x03\x04" + b"\0" * 64, "bomb.xlsx"),
])
def test_bad_file_is_refused_and_leaves_the_case_as_it_was(case: Case, tmp_path: Path, name: str,
                                                            data: bytes, message: str) -> None:
    good = write_register(tmp_path / "good.csv", synthetic_people(2))
    bad = tmp_path / name
    bad.write_bytes(data)
    before = _snapshot(case)
    with pytest.raises(InputError, match=message) as caught:
        add_files(case, [good, bad], AddRequest(role="leak"))
    assert name in str(caught.value)
    assert _snapshot(case) == before


def test_claims_file_rows_become_claims(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("claim_id,speaker,date,source,subject_name,subject_id,assertion,value,quote\n"
                    "C1,official,2020-02-20,press,买买提·吐尔逊,,Never_Detained,,He is at home.\n",
                    encoding="utf-8")
    add_files(case, [path], AddRequest(role="claims"))
    assert case.con.execute('SELECT claim_id, "row", assertion FROM claims').fetchall() == [
        ("C1", 1, "never_detained")]


def test_claims_file_with_unknown_assertion_names_the_row(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text("claim_id,subject_name,assertion\nC1,A,detained\nC2,B,vanished\n", encoding="utf-8")
    with pytest.raises(InputError, match="claims.csv: row 2: unknown assertion 'vanished'"):
        add_files(case, [path], AddRequest(role="claims"))


def test_pdf_table_over_pages_becomes_records_counted_across_pages(case: Case, tmp_path: Path) -> None:
    from .doc_samples import register, register_pdf

    rows = register(60)
    path = tmp_path / "list.pdf"
    path.write_bytes(register_pdf(rows))
    add_files(case, [path], AddRequest(role="leak"))
    got = case.con.execute('SELECT sheet, "row", id_number FROM records ORDER BY "row"').fetchall()
    assert got == [("table 1", k, row[3]) for k, row in enumerate(rows[1:], start=1)]
    pages = case.scalar("SELECT count(DISTINCT page) FROM record_origins")
    assert pages >= 2


def test_text_only_pdf_is_kept_as_pages_of_text(case: Case, tmp_path: Path) -> None:
    from .doc_samples import html_pdf

    path = tmp_path / "notice.pdf"
    path.write_bytes(html_pdf("<html><body><p>关于职业技能教育培训中心的通知</p></body></html>"))
    [outcome] = add_files(case, [path], AddRequest(role="reference"))
    assert outcome.records == 0 and "page(s) of text" in outcome.sentence()
    assert "培训中心" in case.scalar("SELECT string_agg(text, '') FROM document_pages")
