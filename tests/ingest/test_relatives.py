"""Relatives listed in sub-rows under each detainee (the Karakax List's blocks): one record per person."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest

from veracity.case import Case
from veracity.checks.run import run_checks
from veracity.claims.taxonomy import load_taxonomy
from veracity.idnumber import check_character
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.report.export import Format, export_table

TITLE = "墨玉县教培学员及家庭成员名单"
TOP = ("序号", "姓名", "身份证号", "户籍地", "家庭成员", "家庭成员", "家庭成员", "收押原因", "处理意见")
SUB = (None, None, None, None, "关系", "姓名", "身份证号", None, None)
OWN = (0, 1, 2, 3, 7, 8)  # the detainee's columns, merged down over his block
KIN = (4, 5, 6)


def number(born: str, serial: int, male: bool) -> str:
    body = f"653222{born}{serial:02d}{1 if male else 2}"
    return body + check_character(body)


# (detainee name, number, address, reason, decision, [(relation, name, number)...]); each family consistent:
# the father's given name is the detainee's second name, the father and mother born 25 years before him
FAMILIES = [
    ("买买提·吐尔逊", number("19850603", 3, True), "墨玉县喀尔赛乡", "宗教极端", "继续培训", [
        ("父亲", "吐尔逊·肉孜", number("19580612", 5, True)),
        ("母亲", "阿依古丽·亚森", number("19600406", 7, False)),
        ("弟弟", "库尔班·吐尔逊", number("19870708", 9, True))]),
    ("艾合买提·玉素甫", number("19880201", 11, True), "墨玉县托胡拉乡", "出国", "结业", [
        ("父亲", "玉素甫·热合曼", number("19620803", 13, True))]),
    ("热依拉·托合提", number("19900315", 15, False), "墨玉县喀尔赛乡", "两面人", "继续培训", []),
    ("伊力哈木·亚森", number("19830909", 17, True), "墨玉县奎牙镇", "宗教极端", "转刑事", [
        ("妻子", "帕提古丽·库尔班", number("19850101", 19, False)),
        ("儿子", "亚森·伊力哈木", number("20080520", 21, True))]),
]


def layout() -> list[tuple[list[object], int]]:
    """Each data row's cells (the detainee's on his block's first row only) and the block's length."""
    rows: list[tuple[list[object], int]] = []
    for k, (name, idn, address, reason, decision, kin) in enumerate(FAMILIES, start=1):
        size = max(len(kin), 1)
        for j in range(size):
            own = [k, name, idn, address, reason, decision] if j == 0 else [None] * 6
            relative = list(kin[j]) if kin else [None, None, None]
            rows.append(([own[0], own[1], own[2], own[3], *relative, own[4], own[5]], size if j == 0 else 0))
    return rows


def expected() -> list[tuple[int, str, str, str, str]]:
    """(row, name, number, relation, household) of every record, in row order."""
    out, row = [], 1
    for name, idn, _, _, _, kin in FAMILIES:
        out.append((row, name, idn, "本人", f"row {row}"))
        out += [(row + j, n, i, rel, f"row {row}") for j, (rel, n, i) in enumerate(kin)]
        row += max(len(kin), 1)
    return out


def merged_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(TOP))
    sheet.append(list(TOP))
    sheet.append(list(SUB))
    for c in OWN:
        sheet.merge_cells(start_row=2, start_column=c + 1, end_row=3, end_column=c + 1)
    sheet.merge_cells(start_row=2, start_column=KIN[0] + 1, end_row=2, end_column=KIN[-1] + 1)
    for r, (cells, size) in enumerate(layout(), start=4):  # merged ranges reach below max_row: rows placed
        for c, value in enumerate(cells, start=1):
            sheet.cell(r, c, value)
        if size > 1:
            for c in OWN:
                sheet.merge_cells(start_row=r, start_column=c + 1, end_row=r + size - 1, end_column=c + 1)
    book.save(path)
    return path


def blank_csv(path: Path) -> Path:
    """As a CSV of the sheet: the group label once over blank cells, the detainee's cells blank below."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([TITLE])
        writer.writerow([t if t != "家庭成员" or k == KIN[0] else "" for k, t in enumerate(TOP)])
        writer.writerow([s or "" for s in SUB])
        writer.writerows([["" if c is None else c for c in cells] for cells, _ in layout()])
    return path


def written_out_docx(path: Path) -> Path:
    """One header row naming the relatives' columns (家属...), the detainee written out again on every row."""
    document = docx.Document()
    header = ["序号", "姓名", "身份证号", "户籍地", "与本人关系", "家属姓名", "家属身份证号", "收押原因", "处理意见"]
    rows, own = [], []
    for cells, size in layout():
        own = [cells[c] for c in OWN] if size else own
        full = list(cells)
        for c, value in zip(OWN, own, strict=True):
            full[c] = value
        rows.append(["" if c is None else str(c) for c in full])
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    for r, cells in enumerate([header, *rows]):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def records(case: Case) -> list[tuple[int, str, str, str, str]]:
    return case.con.execute('SELECT "row", name, id_number, relation, household FROM records ORDER BY record_id'
                            ).fetchall()


@pytest.mark.parametrize(("make", "name"), [(merged_xlsx, "list.xlsx"), (blank_csv, "list.csv"),
                                           (written_out_docx, "list.docx")], ids=["merged", "csv", "docx"])
def test_each_relative_is_a_record_on_its_row_and_the_detainee_one_record(
        case: Case, tmp_path: Path, make: Callable[[Path], Path], name: str) -> None:
    path = make(tmp_path / name)
    add_files(case, [path], AddRequest(role="leak"))
    assert records(case) == expected()
    reasons = case.con.execute("SELECT name, reason, address FROM records WHERE relation <> '本人' "
                               "AND (reason IS NOT NULL OR address IS NOT NULL)").fetchall()
    assert reasons == []  # the detainee's reason and address are his, not his relatives'
    assert case.scalar("SELECT reason FROM records WHERE name = '伊力哈木·亚森'") == "宗教极端"


def test_the_table_counts_its_rows_not_its_records(case: Case, tmp_path: Path) -> None:
    add_files(case, [merged_xlsx(tmp_path / "list.xlsx")], AddRequest(role="leak"))
    data_rows, skipped = case.con.execute("SELECT data_rows, skipped_rows FROM source_tables").fetchone() or (0, 0)
    assert (data_rows, skipped) == (7, 0)
    assert case.scalar("SELECT n_records FROM sources") == len(expected())
    columns = case.scalar("SELECT columns FROM source_tables")
    assert "a relative's id_number, read into the relative's own record" in columns


def test_the_families_hold_together_and_no_row_repeats_another(case: Case, tmp_path: Path) -> None:
    add_files(case, [merged_xlsx(tmp_path / "list.xlsx")], AddRequest(role="leak"))
    run_checks(case)
    found = {r[0] for r in case.con.execute("SELECT check_id FROM findings WHERE stage = 'check'").fetchall()}
    assert not found & {"stat.exact_duplicates", "id.duplicate", "family.parent_age", "family.patronymic"}


def test_a_relative_number_not_read_is_reported_on_the_relative(case: Case, tmp_path: Path) -> None:
    path = blank_csv(tmp_path / "list.csv")
    path.write_text(path.read_text("utf-8-sig").replace(FAMILIES[0][5][1][2], "6.53222E+17"), "utf-8-sig")
    add_files(case, [path], AddRequest(role="leak"))
    found = case.con.execute("SELECT f.\"row\", r.name FROM findings f JOIN records r USING (record_id) "
                             "WHERE f.check_id = 'value.id_unparsed'").fetchall()
    assert found == [(2, "阿依古丽·亚森")]


def test_a_relation_column_of_a_household_register_is_not_a_relatives_group(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text("户号,姓名,亲属关系,身份证号\r\nH1,吐尔逊·肉孜,户主,\r\nH1,买买提·吐尔逊,长子,\r\n", "utf-8")
    add_files(case, [path], AddRequest(role="leak"))
    assert case.con.execute('SELECT "row", name, relation FROM records ORDER BY record_id').fetchall() == [
        (1, "吐尔逊·肉孜", "户主"), (2, "买买提·吐尔逊", "长子")]


def test_a_relatives_status_is_the_category_the_claims_read(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("序号,姓名,身份证号,家庭成员,,,,收押原因\r\n,,,关系,姓名,身份证号,现状,\r\n"
                    f"1,买买提·吐尔逊,{FAMILIES[0][1]},父亲,吐尔逊·肉孜,{FAMILIES[0][5][0][2]},在家,宗教极端\r\n"
                    f",,,弟弟,库尔班·吐尔逊,{FAMILIES[0][5][2][2]},在培训,\r\n"
                    f"2,伊力哈木·亚森,{FAMILIES[3][1]},妻子,帕提古丽·库尔班,,,出国\r\n", "utf-8")
    add_files(case, [path], AddRequest(role="leak"))
    rows = case.con.execute('SELECT "row", name, relation, category FROM records ORDER BY record_id').fetchall()
    assert rows == [(1, "买买提·吐尔逊", "本人", None), (1, "吐尔逊·肉孜", "父亲", "在家"),
                    (2, "库尔班·吐尔逊", "弟弟", "在培训"), (3, "伊力哈木·亚森", "本人", None),
                    (3, "帕提古丽·库尔班", "妻子", "家属")]
    tax = load_taxonomy()
    assert [tax.person_status(c).value for c in ("在培训", "家属")] == ["detainee", "relative"]


def test_each_person_is_an_ftm_person_and_each_relative_family_of_the_detainee(case: Case, tmp_path: Path) -> None:
    pytest.importorskip("followthemoney", reason="the FtM export needs the followthemoney package")
    add_files(case, [merged_xlsx(tmp_path / "list.xlsx")], AddRequest(role="leak"))
    export_table(case, "records", Format.FTM, tmp_path / "e.ftm")
    entities = [json.loads(line) for line in (tmp_path / "e.ftm").read_text("utf-8").splitlines()]
    people = {e["id"]: e["properties"]["name"] for e in entities if e["schema"] == "Person"}
    assert sorted(n for names in people.values() for n in names) == sorted(r[1] for r in expected())
    families = {(people[e["properties"]["person"][0]][0], people[e["properties"]["relative"][0]][0],
                 e["properties"]["relationship"][0]) for e in entities if e["schema"] == "Family"}
    assert families == {(name, kin, relation) for name, _, _, _, _, relatives in FAMILIES
                        for relation, kin, _ in relatives}


def test_a_testimony_naming_its_witness_as_a_relative_gives_one_record_per_row(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "testimonies.csv"
    path.write_text("Name,Year of birth,Relative name,Relation\r\nMemet Tursun,1985,Tursun Rozi,son\r\n"
                    "Aygul Yasin,1960,Qurban Yasin,sister\r\n", "utf-8")
    add_files(case, [path], AddRequest(role="reference"))
    assert case.con.execute('SELECT "row", name FROM records ORDER BY record_id').fetchall() == [
        (1, "Memet Tursun"), (2, "Aygul Yasin")]

