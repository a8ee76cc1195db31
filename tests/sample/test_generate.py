"""The sample case: deterministic, valid but for the planted defects, truth rows pointing at people."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path

import pytest
from sample_readers import (
    COUNTY_CODES,
    findings,
    levenshtein,
    parse_date,
    read_docx_tables,
    read_leak,
)

from veracity.idnumber import check_character
from veracity.sample import SampleCase, generate
from veracity.sample.name_parts import by_uly, load_given_names, strip_diacritics, zh_variant

ALL_DEFECT_CHECKS = {
    *("id.checksum", "id.duplicate", "id.birthdate_invalid", "id.birthdate_mismatch", "id.sex_mismatch"),
    *("id.region_unknown", "id.region_mismatch", "family.patronymic", "family.parent_age"),
    "value.date_unparsed",
}


def _records(truth: dict, source_file: str) -> list[dict]:
    return [r for r in truth["records"] if r["source_file"] == source_file]


def _valid_id(number: str) -> bool:
    """An 18-character number with a right check character, a real date and a Hotan region."""
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return check_character(number[:17]) == number[17] and number[:6] in COUNTY_CODES.values()


def test_same_seed_gives_same_content(case: SampleCase, tmp_path: Path) -> None:
    again = generate(tmp_path)
    for name in ("testimonies_abroad.csv", "claims.csv", "truth.json"):
        assert (tmp_path / name).read_bytes() == (case.out_dir / name).read_bytes(), name
    assert read_leak(again.leak) == read_leak(case.leak)
    assert read_docx_tables(again.register) == read_docx_tables(case.register)


def test_another_seed_gives_other_people(case: SampleCase, tmp_path: Path) -> None:
    generate(tmp_path, seed=7, scale=0.5)
    assert (tmp_path / "truth.json").read_bytes() != case.truth.read_bytes()


def test_leak_layout_title_header_and_first_data_row(case: SampleCase) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(case.leak)["学员家庭情况"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:M1", "A2:A3", "B2:B3", "C2:I2", "J2:J3", "K2:M2"} <= merged
    assert str(ws["A1"].value).endswith("培训学员家庭情况表")
    basics = ["姓名", "与户主关系", "性别", "民族", "身份证号", "出生日期", "住址"]
    assert [ws.cell(3, c).value for c in range(3, 10)] == basics
    assert ws["A4"].value == 1  # data row 1 is physical row 4: its 序号 is 1


def test_blank_and_total_rows_are_where_truth_says(truth: dict, leak_rows: dict) -> None:
    table = truth["files"]["karakax_like_leak.xlsx"]["tables"][0]
    assert table["blank_rows"] and all(not any(leak_rows[r].values()) for r in table["blank_rows"])
    assert leak_rows[table["total_rows"][0]]["序号"] == "合计"
    assert max(leak_rows) == table["data_rows"]


def test_household_numbers_are_merged_over_members(truth: dict, leak_rows: dict) -> None:
    row_of = {r["person_id"]: r["row"] for r in _records(truth, "karakax_like_leak.xlsx")}
    for h in truth["households"]:
        if h["in_leak"]:
            assert {leak_rows[row_of[m]]["户号"] for m in h["members"]} == {h["number"]}


def test_every_id_number_is_valid_except_the_defects(truth: dict, leak_rows: dict) -> None:
    standalone = {"id.checksum", "id.birthdate_invalid", "id.region_unknown"}  # the others need other columns
    defect_rows = {d["row"] for d in truth["defects"] if d["check_id"] in standalone}
    for r in _records(truth, "karakax_like_leak.xlsx"):
        number = str(leak_rows[r["row"]]["身份证号"])
        assert _valid_id(number) != (r["row"] in defect_rows), (r, number)


def test_true_id_numbers_are_valid_and_unique(truth: dict) -> None:
    numbers = [p["id_number"] for p in truth["persons"].values()]
    assert all(_valid_id(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    for p in truth["persons"].values():
        assert p["id_number"][6:14] == p["birth_date"].replace("-", "")
        assert int(p["id_number"][16]) % 2 == (1 if p["sex"] == "M" else 0)


def test_checks_find_exactly_the_planted_defects(truth: dict, leak_rows: dict) -> None:
    planted = {(d["check_id"], d["row"]) for d in truth["defects"]}
    assert findings(leak_rows, truth) == planted


def test_no_defect_is_missing(truth: dict) -> None:
    kinds = Counter(d["check_id"] for d in truth["defects"])
    assert set(kinds) == ALL_DEFECT_CHECKS
    assert kinds["id.duplicate"] == 2
    assert len({d["person_id"] for d in truth["defects"]}) == len(truth["defects"])


def test_defect_cells_are_what_the_leak_shows(truth: dict, leak_rows: dict) -> None:
    for d in truth["defects"]:
        for column, value in d["cells"].items():
            assert leak_rows[d["row"]][column] == value, d


def test_leak_rows_point_at_their_people(truth: dict, leak_rows: dict) -> None:
    touched = {(d["person_id"], c) for d in truth["defects"] for c in d["cells"]}
    for r in _records(truth, "karakax_like_leak.xlsx"):
        person, row = truth["persons"][r["person_id"]], leak_rows[r["row"]]
        if (r["person_id"], "身份证号") not in touched:
            assert row["身份证号"] == person["id_number"]
        if (r["person_id"], "姓名") not in touched:
            assert row["姓名"] == person["name_zh"]
        assert row["与户主关系"] == person["relation"]
        assert (row["人员类别"] == "学员") == person["detainee"]


def _spellings(uly: str) -> set[str]:
    name = by_uly(load_given_names())[uly]
    return {uly, strip_diacritics(uly), *name.latin_variants}


def test_testimony_rows_point_at_their_people(truth: dict, testimony_rows: list) -> None:
    for r in _records(truth, "testimonies_abroad.csv"):
        row, person = testimony_rows[r["row"] - 1], truth["persons"][r["person_id"]]
        if row["victim_name_arabic"]:
            assert row["victim_name_arabic"] == person["name_arabic"]
        parts = zip(row["victim_name_latin"].split(" "), person["name_latin"].split(" "), strict=True)
        for part, uly in parts:  # up to 2 edits: a typo swaps or doubles a letter
            assert min(levenshtein(part, s) for s in _spellings(uly)) <= 2, (part, uly)
        if row["birth_year"].isdigit():
            assert int(row["birth_year"]) == int(person["birth_date"][:4])


def test_register_rows_point_at_their_people(truth: dict, register_tables: list) -> None:
    for r in _records(truth, "other_register.docx"):
        table = int(r["sheet"].removeprefix("table "))
        row, person = register_tables[table - 1][r["row"]], truth["persons"][r["person_id"]]
        number = person["id_number"]
        assert row[3] in (number, number[:6] + number[8:17])
        assert row[1] in (person["name_zh"], zh_variant(person["name_zh"]))
        assert row[1] != "" and row[0] == str(r["row"])


def test_register_uses_some_old_15_digit_numbers(register_tables: list) -> None:
    lengths = Counter(len(row[3]) for t in register_tables for row in t[1:])
    assert set(lengths) == {15, 18} and lengths[15] >= 3


def test_children_carry_the_fathers_given_name(truth: dict) -> None:
    wrong = {d["person_id"] for d in truth["defects"] if d["check_id"] == "family.patronymic"}
    persons = truth["persons"]
    for pid, p in persons.items():
        if p["father"]:
            assert p["patronymic_zh"] == persons[p["father"]]["given_name_zh"], pid
            assert p["household"] == persons[p["father"]]["household"]
    assert wrong and all(persons[pid]["father"] for pid in wrong)


def test_counts_are_karakax_like(case: SampleCase, truth: dict) -> None:
    assert case.detainees == 300
    assert 1500 <= case.relatives <= 2800
    detainees = [p for p in truth["persons"].values() if p["detainee"]]
    ages = [2019 - int(p["birth_date"][:4]) for p in detainees]
    assert sum(18 <= a <= 60 for a in ages) / len(ages) > 0.95
    sexes = Counter(p["sex"] for p in truth["persons"].values())
    assert 0.85 < sexes["M"] / sexes["F"] < 1.15


def test_testimonies_cover_a_third_of_detainees_and_some_outsiders(truth: dict) -> None:
    leak = {r["person_id"] for r in _records(truth, "karakax_like_leak.xlsx")}
    victims = {r["person_id"] for r in _records(truth, "testimonies_abroad.csv")}
    detainees = {pid for pid, p in truth["persons"].items() if p["detainee"]}
    assert 0.35 <= len(victims & detainees) / len(detainees) <= 0.40
    assert victims - leak
    assert truth["testimony_families"]


def test_register_overlaps_a_fifth_of_the_leak(truth: dict) -> None:
    leak = {r["person_id"] for r in _records(truth, "karakax_like_leak.xlsx")}
    register = {r["person_id"] for r in _records(truth, "other_register.docx")}
    assert 0.18 <= len(leak & register) / len(leak) <= 0.22
    assert register - leak


def test_links_put_the_leak_on_side_a(truth: dict) -> None:
    links = truth["links"]
    assert links and all(
        link["a"]["source_file"] == "karakax_like_leak.xlsx"
        for link in links if "karakax_like_leak.xlsx" in (link["a"]["source_file"], link["b"]["source_file"])
    )


def test_claims_use_the_contract_and_cover_every_verdict(truth: dict, claim_rows: list) -> None:
    assert list(claim_rows[0]) == ["claim_id", "speaker", "date", "source", "subject_name", "subject_id",
                                   "assertion", "value", "quote"]
    assert {c["assertion"] for c in claim_rows} == {
        "never_detained", "detained", "detained_for", "not_detained_for", "released"}
    verdicts = Counter(c["expected_verdict"] for c in truth["claims"])
    assert verdicts["contradicted"] >= 3 and verdicts["supported"] >= 3 and verdicts["not_found"] == 1
    assert [c["claim_id"] for c in claim_rows] == [c["claim_id"] for c in truth["claims"]]


def test_claim_evidence_rows_show_the_subject(truth: dict, leak_rows: dict, claim_rows: list) -> None:
    names = {c["claim_id"]: c["subject_name"] for c in claim_rows}
    for c in truth["claims"]:
        if len(c["subjects"]) == 1:
            person = truth["persons"][c["subjects"][0]]
            assert names[c["claim_id"]] in (person["name_zh"], person["name_latin"])
            (item,) = c["evidence"]
            assert leak_rows[int(item.rsplit(":", 1)[1])]["姓名"] == person["name_zh"]


def test_not_found_claim_names_nobody(truth: dict, claim_rows: list) -> None:
    (claim,) = [c for c in truth["claims"] if c["expected_verdict"] == "not_found"]
    row = next(r for r in claim_rows if r["claim_id"] == claim["claim_id"])
    given, father = row["subject_name"].split("·")
    assert not any(given in p["name_zh"] or father in p["name_zh"] for p in truth["persons"].values())
    assert row["subject_id"] not in {p["id_number"] for p in truth["persons"].values()}


def test_dates_in_the_leak_parse_except_the_defect(truth: dict, leak_rows: dict) -> None:
    (bad,) = [d["row"] for d in truth["defects"] if d["check_id"] == "value.date_unparsed"]
    for r in _records(truth, "karakax_like_leak.xlsx"):
        cell = leak_rows[r["row"]]["收押时间"]
        assert (cell is not None and parse_date(cell) is None) == (r["row"] == bad)


def test_scale_grows_the_case(tmp_path: Path, case: SampleCase) -> None:
    bigger = generate(tmp_path, scale=2.0)
    assert bigger.detainees == 600 and bigger.relatives > 1.5 * case.relatives
    assert bigger.testimony_rows > case.testimony_rows and bigger.register_rows > case.register_rows


def test_scale_below_the_minimum_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="scale"):
        generate(tmp_path, scale=0.01)


def test_default_build_is_fast(tmp_path: Path) -> None:
    start = time.process_time()  # CPU time: a busy machine does not fail the test
    generate(tmp_path)
    assert time.process_time() - start < 5


def test_truth_is_json_with_the_documented_keys(truth: dict) -> None:
    assert {"format", "seed", "scale", "files", "records", "persons", "households", "links",
            "testimony_families", "defects", "claims"} <= set(truth)
    assert json.loads(json.dumps(truth)) == truth
