"""Tests of veracity.regions and its data files."""

from __future__ import annotations

import pytest

from veracity.regions import (
    Level,
    Outcome,
    Resolution,
    is_known,
    load_table,
    lookup,
    matches_place,
    short_name,
)
from veracity.regions_data import N_CODES, _data_lines


def test_xinjiang_has_every_county_code_of_every_year() -> None:
    assert sum(1 for r in load_table() if r.code.startswith("65")) == 192


def test_a_code_abolished_long_ago_is_still_known() -> None:
    assert is_known("652221")  # 哈密县, abolished 1983


def test_a_code_changed_later_keeps_every_name() -> None:
    assert [s.name for s in load_table().regions["650107"].spans] == ["南山矿区", "南泉区", "达坂城区"]


@pytest.mark.parametrize(
    ("code", "resolution"),
    [("653222", Resolution.EXACT), ("653299", Resolution.PREFECTURE), ("659999", Resolution.PROVINCE),
     ("999999", Resolution.UNKNOWN), ("65322", Resolution.UNKNOWN), ("６５３２２２", Resolution.UNKNOWN)],
)
def test_lookup_says_how_far_it_fell_back(code: str, resolution: Resolution) -> None:
    assert lookup(code).resolution is resolution


def test_known_mask_agrees_with_lookup() -> None:
    mask = load_table().known_mask
    assert (len(mask), int(mask.sum())) == (N_CODES, len(load_table().regions))


def test_every_xinjiang_name_row_matches_the_code_list() -> None:
    regions = load_table().regions
    rows = list(_data_lines("xinjiang_names.tsv"))
    assert [(c, zh) for c, zh, *_ in rows if zh not in {s.name for s in regions[c].spans}] == []


def test_every_hotan_county_has_uly_and_uyghur_names() -> None:
    counties = [r for r in load_table() if r.code.startswith("6532") and r.code < "653228"]
    assert all(r.latin and r.latin.uly and r.latin.uyghur for r in counties)


def test_short_name_drops_suffix_and_ethnonym() -> None:
    assert short_name("巴音郭楞蒙古自治州") == "巴音郭楞"


PLACES = [  # (code, address, outcome, level)
    ("653222", "新疆和田地区墨玉县喀尔赛乡", Outcome.PASS, Level.COUNTY),
    ("653222", "Qaraqash nahiyisi", Outcome.PASS, Level.COUNTY),
    ("653222", "KARAKAX County", Outcome.PASS, Level.COUNTY),
    ("653222", "Moyu", Outcome.PASS, Level.COUNTY),
    ("653222", "قاراقاش ناھىيىسى", Outcome.PASS, Level.COUNTY),
    ("653222", "Hotan", Outcome.PASS, Level.PREFECTURE),  # ambiguous name read in its favourable sense
    ("653222", "新疆和田县", Outcome.FAIL, Level.COUNTY),
    ("653222", "Kashgar Prefecture", Outcome.FAIL, Level.PREFECTURE),
    ("653222", "北京市朝阳区", Outcome.FAIL, Level.PROVINCE),
    ("653222", "乌鲁木齐市和平路", Outcome.FAIL, Level.PREFECTURE),
    ("653222", "乌鲁木齐和平路", Outcome.CANNOT_CHECK, None),  # a short form alone never contradicts
    ("650421", "新疆吐鲁番地区鄯善县", Outcome.PASS, Level.COUNTY),  # old prefecture name, new code
    ("654101", "伊犁哈萨克自治州伊宁市", Outcome.PASS, Level.COUNTY),
    ("653299", "和田地区墨玉县", Outcome.PASS, Level.PREFECTURE),  # unknown county: prefecture only
    ("653222", "3号院", Outcome.CANNOT_CHECK, None),
    ("999999", "墨玉县", Outcome.CANNOT_CHECK, None),
    ("653222", "", Outcome.CANNOT_CHECK, None),
]


@pytest.mark.parametrize(("code", "address", "outcome", "level"), PLACES)
def test_matches_place(code: str, address: str, outcome: Outcome, level: Level | None) -> None:
    match = matches_place(code, address)
    assert (match.outcome, match.level) == (outcome, level)


def test_a_short_name_alone_never_contradicts() -> None:
    assert matches_place("650102", "乌鲁木齐市天山区和平路").outcome is Outcome.PASS
