"""Column fields from header aliases, content and --map; each record's fields from its row."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from veracity.errors import ConfigError, InputError, UsageError
from veracity.fields import FIELDS
from veracity.ingest.columns import ColumnPlan, Reason, assign_fields, require_fields
from veracity.ingest.header import LANGUAGES, aliases_markdown, load_roles, parse_roles
from veracity.ingest.table import Row

from .samples import register_rows, synthetic_id

DOCS = Path(__file__).parents[2] / "docs" / "headers.md"



def rows(n: int, seed: int = 11) -> list[Row]:
    """N rows: serial, name, sex, identity number, birth date, free text."""
    return register_rows(n, seed, lambda k: f"备注{k}")


def fields_of(plan: ColumnPlan) -> list[str | None]:
    return [c.field for c in plan.columns]


ALIASES: list[tuple[str, str, str]] = [
    ("姓名", "name", "zh"),
    ("姓 名", "name", "zh"),
    ("身份证号码", "id_number", "zh"),
    ("公民身份号码", "id_number", "zh"),
    ("出生年月", "birth_date", "zh"),
    ("与户主关系", "relation", "zh"),
    ("收押原因", "reason", "zh"),
    ("入学时间", "detained_on", "zh"),
    ("处理意见", "decision", "zh"),
    ("人员类别", "category", "zh"),
    ("户号", "household", "zh"),
    ("维文姓名", "name_arabic", "zh"),
    ("Full name", "name", "en"),
    ("ID No.", "id_number", "en"),
    ("DOB", "birth_date", "en"),
    ("Name (Latin)", "name_latin", "en"),
    ("Uyghur name", "name_arabic", "en"),
    ("Gender:", "sex", "en"),
    ("ئىسىم فامىلىسى", "name", "ug"),
    ("كىملىك نومۇرى", "id_number", "ug"),
    ("جىنسى", "sex", "ug"),
    ("مىللىتى", "ethnicity", "ug"),
    ("تۇغۇلغان ۋاقتى", "birth_date", "ug"),
    ("ئادرېس", "address", "ug"),
    ("ئىسمى فامىلىسى", "name", "ug"),
    ("Ismi familisi", "name", "ug"),
    ("تۇغۇلغان يىلى", "birth_date", "ug"),
    ("身份证住址", "address", "zh"),
    ("事由", "reason", "zh"),
    ("所属村", "locality", "zh"),
    ("被收押人", "name", "zh"),
    ("Date of arrest", "detained_on", "en"),
    ("姓\u3000名", "name", "zh"),
    ("出生\n年月", "birth_date", "zh"),
    ("ＩＤ　Ｎｏ．", "id_number", "en"),
]


@pytest.mark.parametrize(("label", "field", "language"), ALIASES)
def test_exact_aliases_in_each_language(label: str, field: str, language: str) -> None:
    role = assign_fields((label,), [], {}).columns[0]
    assert (role.field, role.reason, role.language) == (field, Reason.ALIAS, language)


FEBRL = (
    "rec_id",
    "given_name",
    "surname",
    "street_number",
    "address_1",
    "address_2",
    "suburb",
    "postcode",
    "state",
    "date_of_birth",
    "soc_sec_id",
)


def test_febrl_headers_map_to_canonical_fields() -> None:
    assert fields_of(assign_fields(FEBRL, [], {})) == [
        None,
        "given_name",
        "family_name",
        None,
        "street",
        None,
        "locality",
        "postcode",
        "state",
        "birth_date",
        "other_id",
    ]


CONTAINS: list[tuple[str, str]] = [
    ("户籍地址（详细）", "address"),
    ("收押原因说明", "reason"),  # 收押原因 (4 characters) beats 说明 (ignored, 2)
    ("Mother's date of birth", "birth_date"),
]


@pytest.mark.parametrize(("label", "field"), CONTAINS)
def test_a_header_containing_an_alias_takes_the_longest(label: str, field: str) -> None:
    role = assign_fields((label,), [], {}).columns[0]
    assert (role.field, role.reason) == (field, Reason.ALIAS_CONTAINS)


def test_latin_aliases_match_whole_words_only() -> None:
    assert assign_fields(("Language",), [], {}).columns[0].field is None


def test_exact_alias_beats_a_contains_match_for_the_same_field() -> None:
    plan = assign_fields(("原身份证号码", "身份证号"), [], {})
    assert fields_of(plan) == [None, "id_number"]
    assert plan.columns[0].reason is Reason.DUPLICATE


def test_a_header_containing_a_chinese_id_alias_keeps_its_badly_typed_numbers() -> None:
    rng = random.Random(6)
    sample = [("买买提", synthetic_id(rng)) for _ in range(6)] + [("买买提", "6.53222E+17"), ("阿依古丽", "不详")] * 2
    plan = assign_fields(("姓名", "公民身份号码（18位）"), sample, {})
    assert (plan.field_of(1), plan.columns[1].reason) == ("id_number", Reason.ALIAS_CONTAINS)


@pytest.mark.parametrize("relative", ["家长身份证号", "监护人身份证号码", "户主身份证号", "Mother's ID"])
def test_a_relatives_number_is_not_the_persons_even_when_it_is_the_only_one(relative: str) -> None:
    rng = random.Random(5)
    sample = [("买买提", synthetic_id(rng)) for _ in range(4)]
    assert fields_of(assign_fields(("学生姓名", relative), sample, {})) == ["name", None]


def test_of_two_equal_columns_the_leftmost_wins() -> None:
    assert fields_of(assign_fields(("性别", "性别"), [], {})) == ["sex", None]


def test_unknown_headers_stay_in_the_cells_only() -> None:
    role = assign_fields(("所在单位",), [("墨玉县",)], {}).columns[0]
    assert (role.field, role.reason) == (None, Reason.UNKNOWN)


@pytest.mark.parametrize("label", ["列5", "x", "column 5"])
def test_identity_numbers_are_sniffed_under_a_meaningless_header(label: str) -> None:
    sample = [(r[3],) for r in rows(20)]
    role = assign_fields((label,), sample, {}).columns[0]
    assert (role.field, role.reason) == ("id_number", Reason.CONTENT)


def test_identity_numbers_win_over_what_the_header_says() -> None:
    role = assign_fields(("编号",), [(r[3],) for r in rows(20)], {}).columns[0]
    assert (role.field, "other_id" in role.detail) == ("id_number", True)


def test_a_few_malformed_numbers_do_not_stop_sniffing() -> None:
    sample = [(r[3],) for r in rows(9)] + [("不详",)]
    assert assign_fields(("x",), sample, {}).columns[0].field == "id_number"


SNIFFED: list[tuple[list[Row], str | None]] = [
    ([("男",), ("女",), ("男",)], "sex"),
    ([("1985年3月",), ("1990-05-01",), ("1979.12",)], "birth_date"),
    ([("阿依古丽·艾买提",), ("买买提·吐尔逊",), ("努尔买买提·肉孜",), ("古丽米热·托合提",)], "name"),
    ([("维吾尔族",), ("维吾尔族",), ("维吾尔族",), ("汉族",)], None),
    ([("1",), ("2",), ("3",)], None),
]


@pytest.mark.parametrize(("sample", "field"), SNIFFED)
def test_content_of_unrecognised_columns_is_sniffed(sample: list[Row], field: str | None) -> None:
    assert assign_fields(("x",), sample, {}).columns[0].field == field


@pytest.mark.parametrize("label", ["结业时间", "释放日期", "Release date", "ۋاقتى"])
def test_dates_under_a_header_naming_another_event_are_not_birth_dates(label: str) -> None:
    """An unknown header that names when something happened (graduation, registration) holds dates of that event:
    read as birth dates they would give every person a birth in 2018 and flag every identity number."""
    role = assign_fields(("姓名", label), [("买买提", "2018-05-01"), ("吐尔逊", "2018-06-11")], {}).columns[1]
    assert (role.field, role.reason) == (None, Reason.UNKNOWN)
    assert "other than a birth" in role.detail


KARAKAX_HEADERS = [("主要问题", "reason"), ("问题", "reason"), ("判定结论", "decision"), ("处理情况", "decision"),
                   ("去向", "decision"), ("人员分类", "category"), ("入院时间", "detained_on"),
                   ("收治时间", "detained_on"), ("周岁", "age")]


@pytest.mark.parametrize(("label", "field"), KARAKAX_HEADERS)
def test_headers_of_detention_lists_name_their_field(label: str, field: str) -> None:
    values = {"reason": "超生", "decision": "继续培训", "category": "学员", "detained_on": "2017-05-01", "age": 30}
    assert assign_fields(("姓名", label), [("买买提", values[field])], {}).columns[1].field == field


NAME_SCRIPTS: list[tuple[tuple[str, str], Row, list[str | None]]] = [
    (("姓名", "ئىسىم"), ("阿依古丽·艾买提", "ئايگۈل ئەھمەت"), ["name", "name_arabic"]),
    (("姓名", "Name"), ("阿依古丽·艾买提", "Aygul Ehmet"), ["name", "name_latin"]),
    (("Name", "姓名"), ("Aygul Ehmet", "阿依古丽·艾买提"), ["name", "name_zh"]),
    (("姓名", "x"), ("阿依古丽·艾买提", "ئايگۈل ئەھمەت"), ["name", "name_arabic"]),
    (("姓名", "姓名"), ("阿依古丽·艾买提", "买买提·吐尔逊"), ["name", None]),
]


@pytest.mark.parametrize(("labels", "row", "expected"), NAME_SCRIPTS)
def test_a_further_name_column_goes_to_its_script(
    labels: tuple[str, str], row: Row, expected: list[str | None]
) -> None:
    assert fields_of(assign_fields(labels, [row], {})) == expected


def test_map_overrides_alias_and_content() -> None:
    overrides = {"x": "id_number", "身份证号": "other_id"}
    plan = assign_fields(("身份证号", "x"), [(r[3], r[3]) for r in rows(3)], overrides)
    assert fields_of(plan) == ["other_id", "id_number"]
    assert plan.columns[1].reason is Reason.OVERRIDE


def test_map_labels_are_compared_after_normalisation() -> None:
    plan = assign_fields(("身份证号（18位）",), [], {"身份证号(18位)": "other_id"})
    assert plan.columns[0].field == "other_id"


MAP_ERRORS: list[tuple[dict[str, str], str]] = [
    ({"姓名": "fullname"}, "unknown field 'fullname'; valid fields: name, name_zh"),
    ({"列9": "name"}, "no column '列9'; columns: 姓名, 性别"),
    ({"姓名": "name", "性别": "name"}, "mapped twice"),
]


@pytest.mark.parametrize(("overrides", "message"), MAP_ERRORS)
def test_bad_map_items_are_usage_errors_naming_the_choices(overrides: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        assign_fields(("姓名", "性别"), [], overrides)


def test_a_table_with_no_recognised_column_is_refused() -> None:
    plan = assign_fields(("column 1",), [("甲乙丙丁戊己庚辛",)], {})
    with pytest.raises(InputError, match="no column could be|no column recognised"):
        require_fields(plan, headerless=True, source="leak.csv")


# ---------------------------------------------------------------- records


HEADER = ("序号", "姓名", "性别", "身份证号", "出生日期", "年龄", "住址")


def build(row: Row, header: tuple[str, ...] = HEADER) -> tuple[dict[str, str | int | None], list[str]]:
    """The fields of ROW under HEADER (every field, None when absent) and the check ids of its unreadable cells."""
    values, problems = assign_fields(header, [row], {}).build_many([row])
    return dict.fromkeys(FIELDS) | {f: v[0] for f, v in values.items()}, [p.check_id for _, p in problems]


def test_a_record_gets_normalised_values() -> None:
    number = synthetic_id(random.Random(1))
    spaced = f" {number[:6]} {number[6:].lower()}"
    row = (1, " 阿依古丽·艾买提 ", "女", spaced, "1985年3月1日", "32岁", "墨玉县")
    values, problems = build(row)
    assert {k: values[k] for k in ("name", "sex", "id_number", "birth_date", "age", "address")} == {
        "name": "阿依古丽·艾买提",
        "sex": "F",
        "id_number": number,
        "birth_date": "1985-03-01",
        "age": 32,
        "address": "墨玉县",
    }
    assert problems == []


def test_every_canonical_field_is_present_in_a_record() -> None:
    values, _ = build((1, "买买提·吐尔逊"))
    assert list(values) == list(FIELDS)


def test_a_chinese_name_also_fills_name_zh() -> None:
    values, _ = build((1, "买买提·吐尔逊", "男"))
    assert (values["name_zh"], values["name_latin"], values["name_arabic"]) == ("买买提·吐尔逊", None, None)


def test_an_arabic_script_name_fills_name_arabic() -> None:
    values, _ = build(("ئايگۈل ئەھمەت",), ("ئىسىم",))
    assert (values["name"], values["name_arabic"]) == ("ئايگۈل ئەھمەت", "ئايگۈل ئەھمەت")


def test_name_is_composed_from_split_names() -> None:
    values, _ = build(("Aygul", "Ehmet"), ("given_name", "surname"))
    assert (values["name"], values["name_latin"]) == ("Aygul Ehmet", "Aygul Ehmet")


def test_name_is_the_first_script_name_when_there_is_no_name_column() -> None:
    values, _ = build(("Aygul Ehmet", "ئايگۈل ئەھمەت"), ("Name (Latin)", "Uyghur name"))
    assert values["name"] == "Aygul Ehmet"


UNREADABLE: list[tuple[Row, list[str]]] = [
    ((1, "买买提", "未知", "x", "1985年3月", "30", ""), ["value.sex_unparsed"]),
    ((1, "买买提", "男", "x", "2017-02-30", "30", ""), ["value.date_unparsed"]),
    ((1, "买买提", "男", "x", "1985", "三十多", ""), ["value.age_unparsed"]),
    ((1, "买买提", "", "x", None, " ", ""), []),
]


@pytest.mark.parametrize(("row", "checks"), UNREADABLE)
def test_unreadable_values_are_reported_not_dropped(row: Row, checks: list[str]) -> None:
    assert build(row)[1] == checks


def test_a_reported_value_names_its_column_and_keeps_the_cell() -> None:
    row = (1, "买买提", "男", "x", "2017-02-30", "30", "")
    _, problem = assign_fields(HEADER, [row], {}).build_many([row]).problems[0]
    expected = ("出生日期", "2017-02-30", True)
    assert (problem.column, problem.value, "no such day" in problem.message) == expected


def test_a_short_row_leaves_the_missing_fields_empty() -> None:
    values, problems = build((1, "买买提·吐尔逊"))
    assert (values["sex"], values["id_number"], problems) == (None, None, [])


def test_numeric_cells_of_text_fields_lose_no_digits_and_gain_no_decimal_point() -> None:
    number = synthetic_id(random.Random(2))
    values, _ = build((12.0, int(number)), ("户号", "身份证号"))
    assert (values["household"], values["id_number"]) == ("12", number)


# ---------------------------------------------------------------- the taxonomy


def test_every_field_has_an_alias_in_each_language_or_is_english_only() -> None:
    """Database column codes are listed where registers use them, not for every field."""
    roles = load_roles()
    for field in FIELDS:
        languages = {a.language for a in roles.aliases if a.field == field} - {"code"}
        assert languages == set(LANGUAGES) - {"code"} or (field in roles.english_only and "en" in languages), field


@pytest.mark.parametrize(("header", "fields"), [
    (("XM", "SFZH", "XB", "MZ", "CSRQ", "HJDZ", "HH", "YHZGX"),
     ["name", "id_number", "sex", "ethnicity", "birth_date", "address", "household", "relation"]),
    (("ryxm", "gmsfhm", "xbdm", "nl", "xzz"), ["name", "id_number", "sex", "age", "address"]),
])
def test_the_column_codes_of_a_police_database_export_are_read(header: tuple[str, ...], fields: list[str]) -> None:
    plan = assign_fields(header, [], {})
    assert [c.field for c in plan.columns] == fields
    assert {c.language for c in plan.columns} == {"code"}


def test_docs_list_every_alias() -> None:
    text = DOCS.read_text(encoding="utf-8")
    generated = text.split("<!-- aliases:start -->\n")[1].split("<!-- aliases:end -->")[0]
    assert generated == aliases_markdown(), "regenerate the table in docs/headers.md"


BAD_TAXONOMIES: list[tuple[str, str]] = [
    ("fields: [name]", "expected a mapping"),
    ("fields: {nom: {aliases: {zh: [姓名]}}}", "nom: not a canonical field"),
    ("fields: {name: {aliases: {zh: 姓名}}}", "expected a list of strings"),
    ("fields: {name: {aliases: {zh: ['（）']}}}", "empty once normalised"),
    ("fields: {name: {aliases: {zh: [姓名]}}, sex: {aliases: {zh: [姓 名]}}}", "repeats"),
    ("fields: {name: {aliases: {zh: [姓名]}}}", "no aliases for name_zh"),
    ("fields: {name: [", "not YAML"),
]


@pytest.mark.parametrize(("text", "message"), BAD_TAXONOMIES)
def test_a_malformed_taxonomy_is_a_config_error(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_roles(text)


def test_testimony_headers_name_the_victim_not_the_witness_or_the_document() -> None:
    header = ("testimony_id", "testimony_date", "witness_name", "victim_name_latin", "victim_name_arabic",
              "birth_year", "hometown")
    rows = [("T00001", "2018-12-05", "Polat Abduraxman", "Amine Mutellip", "ئامىنە مۇتەللىپ", "1984",
             "Moyu, Qarsay township")] * 4
    plan = assign_fields(header, rows, {})
    assert [plan.field_of(k) for k in range(len(header))] == [
        None, None, None, "name_latin", "name_arabic", "birth_date", "address"]
    assert plan.build_many(rows[:1]).values["name"] == ["Amine Mutellip"]


def test_a_header_merely_containing_id_holds_another_identifier() -> None:
    plan = assign_fields(("case id", "姓名"), [("C-17", "买买提·吐尔逊")] * 3, {})
    assert plan.field_of(0) == "other_id"


def test_a_grouped_id_header_over_identity_numbers_is_the_id_number() -> None:
    number = "653222196610203279"
    plan = assign_fields(("基本情况 姓名", "基本情况 身份证号"), [("阿不都外力·加帕尔", number)] * 3, {})
    assert plan.field_of(1) == "id_number"


def test_excel_text_formulas_are_read_as_the_text_they_show() -> None:
    """CSV exports keep long numbers and leading zeros as ="…"; the cells stay verbatim, the fields read through."""
    number = synthetic_id(random.Random(3))
    header = ("序号", "姓名", "编号")  # no header says id: the content does
    rows = [("1", '="买买提·吐尔逊"', f'="{number}"'), ("2", "古丽", f'="{number[:-1]}X"')]
    plan = assign_fields(header, rows, {})
    assert plan.field_of(2) == "id_number"
    fields = plan.build_many(rows)
    assert fields.values["name"] == ["买买提·吐尔逊", "古丽"]
    assert fields.values["id_number"] == [number, number[:-1] + "X"]


def test_an_identity_number_in_scientific_notation_is_no_number_and_a_finding() -> None:
    """Excel's General format writes 18 digits as 6.53224E+17: two people would share it, so it is not read."""
    values, checks = build((1, "买买提", "男", "6.53224E+17", "", "", ""))
    assert (values["id_number"], checks) == (None, ["value.id_unparsed"])
    _, problem = assign_fields(HEADER, [], {}).build_many([(1, "买买提", "男", "6.53224E+17")]).problems[0]
    assert "keeps 6 significant digits" in problem.message
    assert build((1, "买买提", "男", "-", "", "", "")) == (build((1, "买买提", "男", "", "", "", ""))[0], [])


def test_an_identity_number_typed_into_a_number_cell_is_no_number_and_a_finding() -> None:
    """A spreadsheet number keeps 15 significant digits: an 18-digit number read back as a float has lost its last
    digits, and its check character would look forged. A 15-digit number fits and is kept."""
    number = synthetic_id(random.Random(4))
    values, checks = build((1, "买买提", "男", float(number[:17] + "0"), "", "", ""))
    assert (values["id_number"], checks) == (None, ["value.id_unparsed"])
    _, problem = assign_fields(HEADER, [], {}).build_many([(1, "买买提", "男", float(number))]).problems[0]
    assert "keeps 15 significant digits" in problem.message
    assert build((1, "买买提", "男", 653222850314041.0, "", "", ""))[0]["id_number"] == "653222850314041"
    assert build((1, "买买提", "男", int(number[:17] + "1"), "", "", ""))[0]["id_number"] == number[:17] + "1"
