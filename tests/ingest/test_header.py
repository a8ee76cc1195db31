"""Finding the header among title rows, one- and two-row headers, headerless tables."""

from __future__ import annotations

import pytest

from veracity.errors import InputError
from veracity.ingest.header import HeaderLayout, locate_header, require_data_rows
from veracity.ingest.table import Row
from veracity.limits import Limits

from .samples import register_rows

LIMITS = Limits()



def data_rows(n: int, seed: int = 5) -> list[Row]:
    """N rows: serial, name, sex, identity number, birth date, address."""
    return register_rows(n, seed, lambda k: "墨玉县喀尔赛乡3村")


HEADERS: list[tuple[str, Row]] = [
    ("zh", ("序号", "姓名", "性别", "身份证号", "出生年月", "住址")),
    ("en", ("No.", "Full name", "Gender", "ID number", "Date of birth", "Address")),
    ("ug", ("رەت نومۇرى", "ئىسىم فامىلىسى", "جىنسى", "كىملىك نومۇرى", "تۇغۇلغان ۋاقتى", "ئادرېس")),
]


@pytest.mark.parametrize(("language", "header"), HEADERS)
def test_header_on_the_first_row_in_each_language(language: str, header: Row) -> None:
    layout = locate_header([header, *data_rows(5)], LIMITS)
    assert (layout.first_row, layout.last_row, layout.columns) == (0, 0, header)


def test_title_date_and_blank_rows_above_the_header_are_skipped() -> None:
    header = HEADERS[0][1]
    rows = [
        ("墨玉县某某乡培训人员名单",) * 6,
        ("", "", "", "", "2017年6月1日", ""),
        (None,) * 6,
        header,
        *data_rows(3),
    ]
    layout = locate_header(rows, LIMITS)
    assert (layout.first_row, layout.last_row) == (3, 3)


def test_two_row_header_with_filled_merges_gives_one_label_per_column() -> None:
    top = ("序号", "姓名", "出生日期", "出生日期", "出生日期", "住址")
    sub = ("序号", "姓名", "年", "月", "日", "住址")
    layout = locate_header([("人员名单",) * 6, top, sub, (1, "买买提·吐尔逊", 1985, 3, 1, "和田")], LIMITS)
    assert (layout.first_row, layout.last_row) == (1, 2)
    assert layout.columns == ("序号", "姓名", "出生日期 年", "出生日期 月", "出生日期 日", "住址")


def test_two_row_header_exported_to_csv_with_blanks_is_joined() -> None:
    top = ("序号", "姓名", "出生日期", "", "", "住址")
    sub = ("", "", "年", "月", "日", "")
    layout = locate_header([top, sub, ("1", "买买提·吐尔逊", "1985", "3", "1", "和田")], LIMITS)
    assert layout.last_row == 1
    assert layout.columns[2:5] == ("出生日期 年", "出生日期 月", "出生日期 日")


def test_a_text_only_first_data_row_is_not_taken_for_a_second_header_row() -> None:
    rows = [
        ("姓名", "民族", "住址"),
        ("买买提·吐尔逊", "维吾尔族", "和田"),
        ("阿依古丽·艾买提", "维吾尔族", "墨玉"),
    ]
    assert locate_header(rows, LIMITS).last_row == 0


def test_a_group_row_without_merges_down_stays_above_the_header() -> None:
    group = ("基本信息", "基本信息", "基本信息", "收押情况", "收押情况")
    header = ("姓名", "性别", "身份证号", "收押时间", "收押原因")
    layout = locate_header([group, header, ("买买提·吐尔逊", "男", "x", "2017年5月", "y")], LIMITS)
    assert (layout.last_row, layout.columns) == (1, header)


ANNOTATIONS: list[tuple[str, Row]] = [
    ("units", ("", "", "", "（18位）", "(年.月)", "")),
    ("column numbers", ("1", "2", "3", "4", "5", "6")),
    ("form letters and numbers", ("甲", "乙", 1, 2, 3, 4)),
]


@pytest.mark.parametrize(("kind", "notes"), ANNOTATIONS)
def test_a_row_annotating_the_header_ends_it_but_gives_no_label(kind: str, notes: Row) -> None:
    header = HEADERS[0][1]
    layout = locate_header([header, notes, *data_rows(3)], LIMITS)
    assert (layout.last_row, layout.columns, layout.is_header_again(notes)) == (1, header, True)


def test_unknown_columns_keep_their_labels() -> None:
    header = ("序号", "姓名", "工作单位", "身份证号", "联系人", "住址")
    assert locate_header([header, *data_rows(2)], LIMITS).columns == header


def test_a_header_naming_no_field_is_found_by_its_shape() -> None:
    rows = [("x", "y", "z"), ("a", "1", "2017-05-03")]
    layout = locate_header(rows, LIMITS)
    assert (layout.last_row, layout.headerless) == (0, False)


def test_a_table_starting_with_values_is_headerless_with_numbered_columns() -> None:
    layout = locate_header(data_rows(4), LIMITS)
    assert (layout.first_row, layout.last_row, layout.headerless) == (-1, -1, True)
    assert layout.columns == tuple(f"column {k}" for k in range(1, 7))


def test_title_lines_above_headerless_data_are_not_numbered() -> None:
    layout = locate_header([("人员名单",) * 6, *data_rows(2)], LIMITS)
    assert (layout.first_row, layout.last_row, layout.data_row(1)) == (0, 0, 1)


def test_data_wider_than_the_header_gets_numbered_labels() -> None:
    layout = locate_header([("姓名", "身份证号"), ("买买提·吐尔逊", "x", "extra")], LIMITS)
    assert layout.columns == ("姓名", "身份证号", "column 3")


def test_only_the_scan_window_is_searched() -> None:
    rows = [("人员名单",) * 3] * 5 + [("姓名", "性别", "身份证号"), ("买买提·吐尔逊", "男", "x")]
    layout = locate_header(rows, Limits(header_scan_rows=4))
    assert layout.headerless


def test_blank_table_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no content"):
        locate_header([(None, ""), ("",)], LIMITS, source="leak.xlsx", place="sheet 'Sheet1'")


def test_header_without_data_rows_is_an_input_error_at_the_pipeline() -> None:
    layout = locate_header([HEADERS[0][1]], LIMITS)
    with pytest.raises(InputError, match="header but no data rows"):
        require_data_rows(layout, 0, source="leak.csv")


def test_data_rows_are_numbered_from_the_row_after_the_last_header_row() -> None:
    assert HeaderLayout(1, 2, ("姓名",)).data_row(3) == 1


def test_has_column_compares_normalised_labels() -> None:
    layout = HeaderLayout(0, 0, ("身份证号（18位）", "姓 名"))
    assert (layout.has_column("身份证号(18位)"), layout.has_column("姓名"), layout.has_column("性别")) == (
        True,
        True,
        False,
    )


def test_a_repeated_header_row_is_recognised() -> None:
    header = HEADERS[0][1]
    layout = locate_header([header, *data_rows(2)], LIMITS)
    assert (layout.is_header_again(header), layout.is_header_again(data_rows(1)[0])) == (True, False)
