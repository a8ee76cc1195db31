"""Cell normalisers and row kinds: tables of inputs and expected results."""

from __future__ import annotations

import datetime as dt

import pytest

from veracity.ingest.dates import date_from_parts, excel_serial_to_date, latest_day, parse_date
from veracity.ingest.header import HeaderLayout, is_repeated_header
from veracity.ingest.table import Cell, Row
from veracity.ingest.values import (
    VALUE_CHECKS,
    is_blank,
    is_total_row,
    looks_like_id,
    parse_age,
    parse_sex,
)

DATES: list[tuple[Cell, str]] = [
    ("2017年5月3日", "2017-05-03"),
    ("2017年05月03日", "2017-05-03"),
    ("2017 年 5 月 3 日", "2017-05-03"),
    ("2017.05.03", "2017-05-03"),
    ("2017-5-3", "2017-05-03"),
    ("2017/5/3", "2017-05-03"),
    ("20170503", "2017-05-03"),
    ("2017-05-03 00:00:00", "2017-05-03"),
    ("2017-05-03T08:30:00", "2017-05-03"),
    ("1985年3月", "1985-03"),
    ("1985.3", "1985-03"),
    ("1985.10", "1985-10"),
    ("1985-03", "1985-03"),
    ("198503", "1985-03"),
    ("1985年", "1985"),
    ("1985", "1985"),
    ("２０１７年５月３日", "2017-05-03"),
    ("１９８５．０３", "1985-03"),
    (dt.datetime(2017, 5, 3, 14, 0), "2017-05-03"),
    (dt.date(2017, 5, 3), "2017-05-03"),
    (1985, "1985"),
    (20170503, "2017-05-03"),
    (1985.3, "1985-03"),
    (1985.12, "1985-12"),
    ("5 Jan 1990", "1990-01-05"),
    ("Jan 5, 1990", "1990-01-05"),
    ("05-JAN-1990", "1990-01-05"),
    ("November 2nd, 2017", "2017-11-02"),
    ("Sept 1985", "1985-09"),
    ("15/03/1975", "1975-03-15"),
    ("03/15/1975", "1975-03-15"),
    ("05/05/2017", "2017-05-05"),
]


@pytest.mark.parametrize(("cell", "iso"), DATES)
def test_date_forms_of_chinese_records_are_read(cell: Cell, iso: str) -> None:
    assert parse_date(cell).iso == iso


EXCEL_SERIALS: list[tuple[Cell, str]] = [
    (31048, "1985-01-01"),
    (31048.0, "1985-01-01"),
    (31048.75, "1985-01-01"),
    ("31048", "1985-01-01"),
    (42858, "2017-05-03"),
    (3654, "1910-01-01"),
    (73050, "2099-12-31"),
]


@pytest.mark.parametrize(("cell", "iso"), EXCEL_SERIALS)
def test_excel_serials_are_read_in_a_date_column(cell: Cell, iso: str) -> None:
    assert parse_date(cell).iso == iso


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(1, dt.date(1900, 1, 1)), (59, dt.date(1900, 2, 28)), (60, None), (61, dt.date(1900, 3, 1)), (0, None)],
)
def test_excel_serials_follow_the_1900_leap_year_bug(serial: int, expected: dt.date | None) -> None:
    assert excel_serial_to_date(serial) == expected


UNPARSED: list[tuple[Cell, str]] = [
    ("2017-02-30", "no such day"),
    ("2017年13月", "no month 13"),
    ("去年", "not a date form"),
    ("03/05/2017", "ambiguous"),
    ("Jan 1990 or Feb 1990", "not a date form"),
    ("5 Ja 1990", "not a date form"),
    ("5 Jan 90", "not a date form"),
    ("85.3.5", "four-digit year"),
    (2500, "neither a year nor an Excel date"),
    (100000, "neither a year nor an Excel date"),
    (1985.1, "January or October"),
    (dt.time(8, 30), "not a date"),
    (True, "not a date"),
    ("", "empty"),
]


@pytest.mark.parametrize(("cell", "reason"), UNPARSED)
def test_unreadable_dates_give_none_and_a_reason(cell: Cell, reason: str) -> None:
    value = parse_date(cell)
    assert value.iso is None
    assert reason in value.reason


PARTS: list[tuple[tuple[Cell, Cell, Cell], str | None]] = [
    ((1975, 3, 15), "1975-03-15"),
    (("1975", "03", "15"), "1975-03-15"),
    (("1975年", "3月", "15日"), "1975-03-15"),
    ((1975.0, 3.0, None), "1975-03"),
    ((1975, None, None), "1975"),
    ((1990, 2, 30), None),
    ((1975, None, 15), None),
    ((None, 3, 15), None),
    (("一九七五", 3, 15), None),
]


@pytest.mark.parametrize(("parts", "iso"), PARTS)
def test_a_date_over_year_month_and_day_cells(parts: tuple[Cell, Cell, Cell], iso: str | None) -> None:
    assert date_from_parts(*parts).iso == iso


@pytest.mark.parametrize(("text", "iso"), [("2019-12-31", "2019-12-31"), ("2019年2月", "2019-02-28"),
                                           ("2020.2", "2020-02-29"), ("2019", "2019-12-31"), ("去年", None)])
def test_a_document_date_means_its_last_possible_day(text: str, iso: str | None) -> None:
    assert latest_day(text).iso == iso


SEXES: list[tuple[Cell, str | None]] = [
    ("男", "M"),
    ("女", "F"),
    ("男性", "M"),
    ("女性", "F"),
    (" 男 ", "M"),
    ("M", "M"),
    ("f", "F"),
    ("Male", "M"),
    ("FEMALE", "F"),
    ("ئەر", "M"),
    ("ئايال", "F"),
    ("未知", None),
    ("", None),
    (None, None),
    (1, "M"),
    ("2", "F"),
    (2.0, "F"),
    ("9", None),
    (3, None),
    (True, None),
]


@pytest.mark.parametrize(("cell", "sex"), SEXES)
def test_sex_in_three_languages(cell: Cell, sex: str | None) -> None:
    assert parse_sex(cell) == sex


AGES: list[tuple[Cell, int | None]] = [
    (35, 35),
    (35.0, 35),
    ("35", 35),
    ("35岁", 35),
    ("35周岁", 35),
    ("３５", 35),
    (" 0 ", 0),
    ("35.5", None),
    ("三十五", 35),
    ("二十七岁", 27),
    ("三十多", None),
    (-1, None),
    (131, None),
    (True, None),
    ("", None),
]


@pytest.mark.parametrize(("cell", "age"), AGES)
def test_age_is_whole_years(cell: Cell, age: int | None) -> None:
    assert parse_age(cell) == age


# Region 990000 does not exist and the check characters are wrong: no real person's number.
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("99000019850301123X", True),
        ("990000 1985 0301 123x", True),
        ("990000850301123", True),
        (990000198503011235, True),
        ("990000198513011235", False),
        ("6222021234567890123", False),
        ("男", False),
    ],
)
def test_identity_number_shape(cell: Cell, expected: bool) -> None:
    assert looks_like_id(cell) is expected


def test_value_check_ids_are_dotted_and_stable() -> None:
    assert [c.id for c in VALUE_CHECKS] == ["value.date_unparsed", "value.sex_unparsed", "value.age_unparsed",
                                            "value.id_unparsed", "value.ditto_unfilled"]


BLANK: list[tuple[Row, bool]] = [
    ((), True),
    ((None, None), True),
    (("", "  ", "\t"), True),
    ((None, 0), False),
    (("", "x"), False),
]


@pytest.mark.parametrize(("row", "expected"), BLANK)
def test_blank_rows(row: Row, expected: bool) -> None:
    assert is_blank(row) is expected


TOTALS: list[tuple[Row, bool]] = [
    (("合计", "", 311), True),
    ((None, "总计：", 311), True),
    (("", "小 计", 20), True),
    (("共计311人",), True),
    (("Total", 311), True),
    (("Grand total", 311), True),
    ((1, "合计"), True),
    ((1, "买买提·吐尔逊", "合计"), False),
    (("制表人：张三", None, "审核人：李四"), True),
    (("注：以上人员均已收押", "", ""), True),
    (("填报日期: 2019年3月",), True),
    (("Prepared by: J. Smith",), True),
    (("注", "买买提"), False),
    ((1, "制表人：张三"), False),
    (("Tursun", "Mamat"), False),
    ((None, None), False),
]


@pytest.mark.parametrize(("row", "expected"), TOTALS)
def test_total_rows_are_recognised_in_the_first_two_cells(row: Row, expected: bool) -> None:
    assert is_total_row(row) is expected


LAYOUT = HeaderLayout(1, 1, ("序号", "姓名", "性别"), (("序号", "姓名", "性别"),))
REPEATS: list[tuple[Row, bool]] = [
    (("序号", "姓名", "性别"), True),
    ((" 序号 ", "姓 名", "性别："), True),
    (("序号", "姓名", None), True),
    ((1, "买买提·吐尔逊", "男"), False),
    (("序号", "买买提·吐尔逊", "男"), False),
]


@pytest.mark.parametrize(("row", "expected"), REPEATS)
def test_repeated_header_rows(row: Row, expected: bool) -> None:
    assert is_repeated_header(row, LAYOUT) is expected
