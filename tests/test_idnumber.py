"""Tests of veracity.idnumber and veracity.idnumber_many; every number is generated, none is a person's."""

from __future__ import annotations

import datetime
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veracity import idnumber
from veracity.idnumber import check_character, validate
from veracity.idnumber_many import Flag, fields_many, problem_flags, problem_masks, validate_many
from veracity.regions import Outcome, load_table

TODAY = datetime.date(2025, 6, 1)


def make(code: str = "653222", born: str = "19800101", seq: str = "001") -> str:
    body = code + born + seq
    return body + check_character(body)


XINJIANG_COUNTIES = sorted(r.code for r in load_table() if r.code.startswith("65") and r.code[4:] != "00")

CASES = [  # (number, problems)
    (make(), []),
    ("11010519491231002X", []),
    ("11010519491231002x", []),
    ("１１０１０５１９４９１２３１００２Ｘ", []),
    ("110105 1949-1231-002X", []),
    ("653222800101001", []),  # 15-digit form
    ("110105194912310021", ["id.checksum"]),
    (make(born="19810229"), ["id.birthdate_invalid"]),
    (make(born="19801301"), ["id.birthdate_invalid"]),
    (make(born="20950101"), ["id.birthdate_invalid"]),  # in the future
    (make(born="18000101"), ["id.birthdate_invalid"]),  # before MIN_BIRTH_YEAR
    (make(code="653299"), ["id.region_unknown"]),
    (make(code="999999"), ["id.region_unknown"]),
    ("653299810229001", ["id.birthdate_invalid", "id.region_unknown"]),
    ("12345", ["id.format"]),
    ("65322219800101001", ["id.format"]),  # 17 characters
    ("6532221980010100X1", ["id.format"]),
    ("", ["id.format"]),
]


@pytest.mark.parametrize(("number", "problems"), CASES)
def test_validate_names_exactly_the_problems(number: str, problems: list[str]) -> None:
    assert validate(number, TODAY).problems == problems


@pytest.mark.parametrize(("number", "problems"), CASES)
def test_validate_many_agrees_with_validate(number: str, problems: list[str]) -> None:
    assert validate_many([number], TODAY).tolist() == [not problems]


@pytest.mark.parametrize("code", XINJIANG_COUNTIES)
def test_no_xinjiang_code_is_rejected_for_someone_born_before_it_existed(code: str) -> None:
    assert validate(make(code=code, born="19300101"), TODAY).valid


def test_problem_masks_mark_each_check_on_its_own_row() -> None:
    rows = ["x", "110105194912310021", make(born="19810229"), make(code="653299"), make()]
    masks = problem_masks(rows, TODAY)
    assert {k: np.flatnonzero(v).tolist() for k, v in masks.items()} == {
        "id.format": [0], "id.checksum": [1], "id.birthdate_invalid": [2], "id.region_unknown": [3],
    }


def test_prefecture_fallback_is_flagged_as_a_note() -> None:
    assert problem_flags([make(code="653299")], TODAY)[0] == Flag.REGION_UNKNOWN | Flag.PREFECTURE_ONLY


def test_future_depends_on_the_reference_date() -> None:
    number = make(born="20240101")
    assert validate_many([number, number], datetime.date(2023, 1, 1)).tolist() == [False, False]


def test_vector_and_scalar_agree_on_a_generated_mixed_set() -> None:
    rng = random.Random(4)
    rows = [make(rng.choice(XINJIANG_COUNTIES), f"{rng.randint(1850, 2030)}{rng.randint(0, 13):02d}"
                 f"{rng.randint(0, 32):02d}", f"{rng.randint(0, 999):03d}")[: rng.choice([15, 17, 18, 18])]
            for _ in range(3000)]
    assert validate_many(rows, TODAY).tolist() == [validate(r, TODAY).valid for r in rows]


def test_vector_path_handles_more_rows_than_one_chunk() -> None:
    rows = np.array([make(), "bad"] * 40_000)
    assert validate_many(rows, TODAY).sum() == 40_000


def test_fields_many_decodes_birth_date_sex_and_region() -> None:
    fields = fields_many([make(born="19491231", seq="003")])
    assert (str(fields.birth_date[0]), fields.sex[0], int(fields.region[0])) == ("1949-12-31", "M", 653222)


def test_fields_many_converts_15_digit_numbers_to_18() -> None:
    assert fields_many(["653222800101001"]).number.tolist() == [idnumber.to_18("653222800101001")]


def test_require_valid_raises_the_error_carrying_the_check_id() -> None:
    with pytest.raises(idnumber.InvalidBirthDate) as caught:
        idnumber.require_valid(make(born="19810229"), TODAY)
    assert caught.value.check_id == "id.birthdate_invalid"


def test_matches_birth_date_compares_at_the_record_precision() -> None:
    assert idnumber.matches_birth_date(make(born="19800101"), "1980-02") is Outcome.FAIL


def test_matches_sex_cannot_check_an_unknown_value() -> None:
    assert idnumber.matches_sex(make(), "?") is Outcome.CANNOT_CHECK


JUNK = [
    None, 0, 3.5, float("nan"), b"\xff\xfe", b"11010519491231002X", bytearray(b"1"), object(), [], {},
    "None", "null", "NaN", "b'11010519491231002X'", "\x00" * 30, "\ud800", "𝟙𝟙𝟘𝟙𝟘𝟝𝟙𝟡𝟜𝟡𝟙𝟚𝟛𝟙𝟘𝟘𝟚𝚇",
    "1" * 10_000, "﷽" * 64, "-" * 64 + "1", "٦٥٣٢٢٢١٩٨٠٠١٠١٠٠١٦", " " * 1_000_000, "x" * 5_000_000,
]


@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
def test_junk_never_raises_and_is_never_valid_in_either_path(junk: object) -> None:
    expected = validate(junk, TODAY).valid  # must not raise
    assert validate_many(np.array([junk, "x"], dtype=object), TODAY).tolist() == [expected, False]


def test_validate_many_accepts_bytes_arrays() -> None:
    assert validate_many(np.array([b"11010519491231002X", b"1"]), TODAY).tolist() == [True, False]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_random_text_gets_the_same_answer_from_both_paths(text: str) -> None:
    assert validate_many([text], TODAY)[0] == validate(text, TODAY).valid


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(XINJIANG_COUNTIES),
    st.dates(datetime.date(1900, 1, 1), datetime.date(1999, 12, 31)),
    st.integers(0, 999),
)
def test_15_to_18_keeps_region_date_and_sex_and_is_valid(code: str, born: datetime.date, n: int) -> None:
    old = f"{code}{born:%y%m%d}{n:03d}"
    new = idnumber.to_18(old)
    decoded = (idnumber.region_code(new), idnumber.birth_date(new), idnumber.sex(new))
    assert (validate(new, TODAY).valid, *decoded) == (True, code, born, idnumber.sex(old))
