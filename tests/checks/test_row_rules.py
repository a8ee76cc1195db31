"""Each row rule: a row that passes and a row that fails, with the finding on the right row."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from veracity.case import Case
from veracity.checks import run_checks

from .check_fixtures import TODAY, idn, insert_rows

BAD_CHECK = idn()[:17] + ("0" if idn()[17] != "0" else "1")
M = {"sex": "M"}
HEAD = {"household": "H1", "relation": "户主", "sex": "M", "name_zh": "买买提·吐尔逊",
        "birth_date": "1960-05-01"}

# (check id, rows of one sheet, rows (1-based) expected to carry a finding of that check)
CASES: list[tuple[str, list[dict[str, object]], list[int]]] = [
    ("id.format", [{"id_number": idn()}, {"id_number": idn()[:17]}], [2]),
    ("id.checksum", [{"id_number": idn()}, {"id_number": BAD_CHECK}], [2]),
    ("id.birthdate_invalid", [{"id_number": idn(born="19850228")}, {"id_number": idn(born="19850230")},
                              {"id_number": idn(born="18700101")}, {"id_number": idn(born="20200101")}],
     [2, 3, 4]),
    ("id.region_unknown", [{"id_number": idn("653222")}, {"id_number": idn("659999")}], [2]),
    ("id.birthdate_mismatch", [{"id_number": idn(), "birth_date": "1985"},
                               {"id_number": idn(), "birth_date": "1985-03-12"},
                               {"id_number": idn(), "birth_date": "1986-03-12"}], [3]),
    ("id.age_mismatch", [{"id_number": idn(), "age": 34}, {"id_number": idn(), "age": 35},
                         {"id_number": idn(), "age": 40}, {"id_number": idn(), "age": 32}], [3, 4]),
    ("id.sex_mismatch", [{"id_number": idn(seq=41), "sex": "M"}, {"id_number": idn(seq=41), "sex": "F"},
                         {"id_number": idn(seq=42), "sex": "F"}], [2]),
    ("id.region_mismatch", [{"id_number": idn(), "address": "新疆和田地区墨玉县喀尔赛乡"},
                            {"id_number": idn(), "address": "新疆喀什地区疏附县"},
                            {"id_number": idn(), "address": "某地"}], [2]),
    ("id.duplicate", [{"id_number": idn(seq=11), "name": "阿依古丽·买买提"},
                      {"id_number": idn(seq=11), "name": "热依拉·艾力"},
                      {"id_number": idn(seq=13), "name": "买买提·吐尔逊"},
                      {"id_number": idn(seq=13), "name": "买买提·吐尔逊"}], [1, 2]),
    ("family.patronymic", [HEAD,
                           {"household": "H1", "relation": "儿子", "name_zh": "艾力·买买提", **M},
                           {"household": "H1", "relation": "女儿", "name_zh": "阿依古丽·亚森"},
                           {"household": "H1", "relation": "之子", "name_zh": "亚森·买买提",
                            "name_latin": "Yasin Memet"}], [3]),
    ("family.patronymic", [{**HEAD, "name_latin": "Memet Tursun"},
                           {"household": "H1", "relation": "女儿", "name_latin": "Aygul Memet"},
                           {"household": "H1", "relation": "女儿", "name_latin": "Gulmire Eli"}], [3]),
    # one name in another spelling or script is no mismatch (托合提 ~ 托乎提 ~ Toxti ~ Tohti); another name is
    ("family.patronymic", [{**HEAD, "name": "托合提·玉素甫"},
                           {"household": "H1", "relation": "儿子", "name": "肉孜·托乎提"},
                           {"household": "H1", "relation": "儿子", "name": "Rozi Toxti"},
                           {"household": "H1", "relation": "女儿", "name": "Aygul Tohti"},
                           {"household": "H1", "relation": "女儿", "name": "روزى قۇربان"},
                           {"household": "H1", "relation": "儿子", "name": "亚森·艾合买提"}], [5, 6]),
    ("family.parent_age", [HEAD, {"household": "H1", "relation": "儿子", "birth_date": "1985-01-01"},
                           {"household": "H1", "relation": "儿子", "birth_date": "1970-01-01"},
                           {"household": "H1", "relation": "女儿", "birth_date": "1974-04-30"},
                           {"household": "H1", "relation": "女儿", "birth_date": "1974-05-01"}], [3, 4]),
    ("family.parent_age", [{"household": "H2", "relation": "户主", "birth_date": "1990"},
                           {"household": "H2", "relation": "父亲", "birth_date": "1960"},
                           {"household": "H3", "relation": "户主", "birth_date": "1990"},
                           {"household": "H3", "relation": "母亲", "birth_date": "1980"}], [3]),
    ("date.out_of_range", [{"birth_date": "1985-03-12", "detained_on": "2017-05-01"},
                           {"birth_date": "1870-01-01"}, {"detained_on": "2031-01-05"},
                           {"birth_date": "1990-01-01", "detained_on": "1989-12"}], [2, 3, 4]),
]


@pytest.mark.parametrize(("check_id", "rows", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule_flags_exactly_the_failing_rows(new_case: Callable[[], Case], check_id: str,
                                             rows: list[dict[str, object]], expected: list[int]) -> None:
    case = new_case()
    insert_rows(case, rows)
    run_checks(case, today=TODAY)
    found = case.con.execute("SELECT \"row\" FROM findings WHERE check_id = ? ORDER BY \"row\"",
                             [check_id]).fetchall()
    assert [r[0] for r in found] == expected


def test_finding_names_its_source_file_and_sheet(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, [{"id_number": idn()}, {"id_number": BAD_CHECK}], source_file="list.xlsx", sheet="名单")
    run_checks(case, today=TODAY)
    found = case.con.execute("SELECT source_file, sheet, \"row\", severity, stage FROM findings "
                             "WHERE check_id = 'id.checksum'").fetchall()
    assert found == [("list.xlsx", "名单", 2, "error", "check")]


def test_a_valid_fifteen_digit_number_passes(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, [{"id_number": "653222850312041", "sex": "M", "birth_date": "1985-03-12"}])
    run_checks(case, today=TODAY)
    assert case.scalar("SELECT count(*) FROM findings WHERE \"row\" IS NOT NULL") == 0


def test_duplicate_message_warns_of_the_upgrade_duplicates(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, [{"id_number": idn(), "name": "阿依古丽·买买提"},
                       {"id_number": idn(), "name": "艾力·亚森"}])
    run_checks(case, today=TODAY)
    message = case.scalar("SELECT message FROM findings WHERE check_id = 'id.duplicate' AND \"row\" = 2")
    assert "15-digit numbers became 18-digit" in message and "leak.xlsx" in message


def test_messages_never_carry_the_number_or_the_name(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, [HEAD, {"household": "H1", "relation": "女儿", "name_zh": "阿依古丽·亚森",
                              "id_number": BAD_CHECK, "sex": "F", "birth_date": "1950-01-01"}])
    run_checks(case, today=TODAY)
    messages = " ".join(r[0] for r in case.con.execute("SELECT message FROM findings").fetchall())
    assert messages and BAD_CHECK not in messages and "阿依古丽" not in messages and "亚森" not in messages


def test_check_replaces_only_its_own_findings(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, [{"id_number": BAD_CHECK}])
    case.con.execute("INSERT INTO findings VALUES ('value.date_unparsed', 'warning', 'leak.xlsx', "
                     "'Sheet1', 1, NULL, 'x', 'ingest', NULL)")
    run_checks(case, today=TODAY)
    run_checks(case, today=TODAY)
    assert case.con.execute("SELECT stage, count(*) FROM findings WHERE \"row\" IS NOT NULL GROUP BY stage "
                            "ORDER BY stage").fetchall() == [
        ("check", 1), ("ingest", 1)]


def test_check_advances_the_audit_log(new_case: Callable[[], Case]) -> None:
    case = new_case()
    before = case.audit_count
    run_checks(case, today=TODAY)
    assert case.audit_count == before + 1


def test_claims_records_are_not_checked(new_case: Callable[[], Case]) -> None:
    case = new_case()
    insert_rows(case, [{"id_number": BAD_CHECK}], role="claims")
    assert run_checks(case, today=TODAY).records == 0


def test_one_number_under_two_spellings_in_two_files_is_no_duplicate(new_case: Callable[[], Case]) -> None:
    case = new_case()
    number = idn(seq=21)
    insert_rows(case, [{"id_number": number, "name": "努尔比亚·阿不都热依木"}])
    insert_rows(case, [{"id_number": number, "name": "努尔比亚·阿布都热依木"}], source_file="register.docx")
    run_checks(case, today=TODAY)
    assert case.scalar("SELECT count(*) FROM findings WHERE check_id = 'id.duplicate'") == 0
