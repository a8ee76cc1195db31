"""compare(): one person's name across scripts scores high, different people score low,
unreadable input scores 0 with a reason. Names are public figures' or generated."""

from __future__ import annotations

import pytest

from veracity.names import SAME_PERSON_THRESHOLD, Method, compare
from veracity.names.compare import PARTIAL_CAP

SAME = True
DIFFERENT = False

# (name a, name b, same person?, what the pair exercises)
CASES = [
    ("Ilham Tohti", "ئىلھام توختى", SAME, "Arabic script ~ English"),
    ("Ilham Toxti", "伊力哈木·土赫提", SAME, "ULY ~ Chinese transcription"),
    ("İlham Tohti", "Yilihamu Tuheti", SAME, "Turkish style ~ pinyin of the Chinese form"),
    ("Abdurehim Tursun", "ئابدۇرېھىم تۇرسۇن", SAME, "nomenklatura scores this 0.00"),
    ("Abdurehim Tursun", "阿不都热合木·吐尔逊", SAME, "nomenklatura scores this 0.00"),
    ("Memet Tohti", "Mamat Tohti", SAME, "Memet/Mamat name-part family"),
    ("Muhammad Tohti", "买买提·土赫提", SAME, "买买提 = memet"),
    ("Ilhamjan Tursun", "İlhamcan Tursun", SAME, "-jan/-can suffix"),
    ("Abdulkerim Abbas", "Abdukerim Abbasov", SAME, "Abdul-/Abdu- and Russian -ov"),
    ("Shöhret Zakir", "Shohrat Zakir", SAME, "ULY ö ~ English o/a"),
    ("Tohti Ilham", "Ilham Tohti", SAME, "given name and patronymic swapped"),
    ("Haji Abdurehim Tursun", "Abdurehim Tursun", SAME, "title set aside"),
    ("Абдурәһим Турсунов", "Abdurehim Tursun", SAME, "Uyghur Cyrillic with Russian ending"),
    ("Tashpolat Téyip", "Taxpolat Tiyip", SAME, "é ~ i, pinyin-style x for sh"),
    ("Memet Tohti", "買買提·土赫提", SAME, "traditional characters folded to simplified"),
    ("Qasim Sadiq", "哈斯木·沙迪克", SAME, "Chinese h for q, sh for s"),
    ("Mahmud Tohti", "Mehmut Tohti", SAME, "Mahmud family"),
    ("Hassan Tohti", "Hesen Tohti", SAME, "Hasan family"),
    ("阿不都热合木吐尔逊", "Abdurehim Tursun", SAME, "one Chinese part holds both names"),
    ("Abdurehim Tursun", "Abdurehim Ötkür", DIFFERENT, "shared given name only"),
    ("Gulshan Abbas", "Rushan Abbas", DIFFERENT, "shared patronymic only"),
    ("Abdukerim Rahman", "阿不都克里木·阿巴索夫", DIFFERENT, "shared given name across scripts"),
    ("Mutellip Rozi", "黎·穆塔里甫", DIFFERENT, "initial out of place"),
    ("Adil Mijit", "Arslan Mijit Hidayat", DIFFERENT, "shared part, other parts differ"),
    ("Rabiye Qadir", "Shohrat Zakir", DIFFERENT, "nothing shared"),
    ("Memet Tohti", "Mehmut Tohti", DIFFERENT, "Muhammad and Mahmud: one root, two names"),
    ("Hesen Tohti", "Hüsen Tohti", DIFFERENT, "Hasan and Husayn"),
    ("Ahmad Tohti", "Hamit Tohti", DIFFERENT, "Ahmad and Hamid"),
    ("Hasan Tohti", "Husen Tohti", DIFFERENT, "a listed name is not read as pinyin (hu-sen)"),
    ("Mehmut Tohti", "买买提·土赫提", DIFFERENT, "a distinct name in its Chinese conventional form"),
    ("Memet Tohti", "艾合买提·土赫提", DIFFERENT, "Muhammad and Ahmad"),
    ("Abdurehim Tohti", "Abdukerim Tohti", DIFFERENT, "Abdu- compounds differ after Abdu-"),
    ("Abdurehim Tohti", "阿不都克里木·土赫提", DIFFERENT, "Abdu- compounds across scripts"),
    ("Abdurehim", "Abdurehim Tursun", DIFFERENT, "a given name alone is not proof"),
    ("Gulnar", "古丽娜尔·吐尔逊", DIFFERENT, "a given name alone, across scripts"),
]


@pytest.mark.parametrize(("a", "b", "same", "why"), CASES, ids=[c[3] for c in CASES])
def test_case(a: str, b: str, same: bool, why: str) -> None:
    match = compare(a, b)
    assert match.same_person is same, match.explain()


@pytest.mark.parametrize(("a", "b", "same", "why"), CASES[:6], ids=[c[3] for c in CASES[:6]])
def test_compare_is_symmetric(a: str, b: str, same: bool, why: str) -> None:
    assert compare(a, b).score == pytest.approx(compare(b, a).score, abs=1e-6)


@pytest.mark.parametrize("unreadable", ["", "   ", "12345", "%%%·%%%", "Αλέξης Τσίπρας", "🙂"])
def test_unreadable_names_score_zero_with_a_reason(unreadable: str) -> None:
    match = compare(unreadable, "Ilham Tohti")
    assert match.score == 0.0
    assert "cannot be read" in match.explain()


def test_empty_against_anything_is_exactly_zero() -> None:
    score = compare("", "x").score
    assert score == 0.0 and type(score) is float


def test_unreadable_never_matches_itself() -> None:
    assert compare("12345", "12345").score == 0.0


def test_score_is_a_float_in_unit_interval() -> None:
    for a, b, _same, _why in CASES:
        score = compare(a, b).score
        assert type(score) is float and 0.0 <= score <= 1.0


def test_explain_names_each_pair_and_method() -> None:
    text = compare("Memet Tohti", "买买提·土赫提").explain()
    assert "Memet ~ 买买提" in text and Method.SAME_KEY.value in text


def test_explain_reports_swapped_order() -> None:
    assert "other order" in compare("Tohti Ilham", "Ilham Tohti").explain()


def test_different_names_of_one_root_say_so() -> None:
    assert Method.DISTINCT.value in compare("Memet Tohti", "Mehmut Tohti").explain()


def test_one_part_name_is_capped_and_flagged_partial() -> None:
    match = compare("Abdurehim", "Abdurehim Tursun")
    assert (match.score, match.partial) == (PARTIAL_CAP, True)


def test_partial_cap_is_between_linkage_floor_and_threshold() -> None:
    assert 0.6 < PARTIAL_CAP < SAME_PERSON_THRESHOLD


def test_two_part_names_are_not_partial() -> None:
    assert not compare("Abdurehim Tursun", "Abdurehim Ötkür").partial


def test_threshold_is_inside_unit_interval() -> None:
    assert 0.5 < SAME_PERSON_THRESHOLD < 1.0


def test_initial_matches_its_own_place() -> None:
    assert compare("M. Tohti", "Memet Tohti").same_person
    assert not compare("K. Tohti", "Memet Tohti").same_person
