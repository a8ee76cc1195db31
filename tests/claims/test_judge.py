"""Each assertion and verdict against the small generated leak (tests/claims/conftest.py)."""

from __future__ import annotations

from tests.claims.conftest import Judge, leak_id


def test_never_detained_is_contradicted_by_a_detainee_row(judge_one: Judge) -> None:
    assert judge_one("买买提·吐尔逊", "never_detained")[:2] == ("contradicted", "leak.csv:1")


def test_never_detained_is_supported_for_a_person_listed_only_as_a_relative(judge_one: Judge) -> None:
    assert judge_one("热依拉·肉孜", "never_detained")[:2] == ("supported", "leak.csv:3")


def test_detained_is_supported_by_identity_number(judge_one: Judge) -> None:
    verdict, evidence, sentence = judge_one("", "detained", subject_id=leak_id(2))
    assert (verdict, evidence) == ("supported", "leak.csv:2") and "identity number" in sentence


def test_detained_is_contradicted_for_a_relative(judge_one: Judge) -> None:
    assert judge_one("热依拉·肉孜", "detained")[0] == "contradicted"


def test_a_latin_spelling_finds_the_chinese_record(judge_one: Judge) -> None:
    assert judge_one("Memet Tursun", "detained")[:2] == ("supported", "leak.csv:1")


def test_detained_for_is_supported_when_a_reason_maps_to_the_category(judge_one: Judge) -> None:
    assert judge_one("买买提·吐尔逊", "detained_for", "praying")[:2] == ("supported", "leak.csv:1")


def test_detained_for_a_parent_category_is_supported_by_a_kind_of_it(judge_one: Judge) -> None:
    assert judge_one("买买提·吐尔逊", "detained_for", "religious practice")[0] == "supported"


def test_detained_for_is_contradicted_when_reasons_are_other_categories(judge_one: Judge) -> None:
    assert judge_one("阿不都热依木·艾买提", "detained_for", "relatives abroad")[0] == "contradicted"


def test_detained_for_is_unverifiable_without_a_reason(judge_one: Judge) -> None:
    assert judge_one("努尔买买提·库尔班", "detained_for", "praying")[0] == "unverifiable"


def test_detained_for_a_narrower_category_than_recorded_is_unverifiable(judge_one: Judge) -> None:
    verdict, _, sentence = judge_one("买买提·吐尔逊", "detained_for", "born_1980s")
    assert verdict == "unverifiable" and "broader" in sentence


def test_an_uncategorised_reason_makes_detained_for_unverifiable(judge_one: Judge) -> None:
    verdict, _, sentence = judge_one("古丽米热·吐尔逊", "detained_for", "praying")
    assert verdict == "unverifiable" and "不按时交电费" in sentence


def test_an_unknown_value_is_unverifiable_and_named(judge_one: Judge) -> None:
    verdict, _, sentence = judge_one("买买提·吐尔逊", "detained_for", "astrology")
    assert verdict == "unverifiable" and "astrology" in sentence


def test_not_detained_for_is_contradicted_when_the_reason_matches(judge_one: Judge) -> None:
    assert judge_one("阿不都热依木·艾买提", "not_detained_for", "family planning")[0] == "contradicted"


def test_not_detained_for_is_supported_when_reasons_are_other_categories(judge_one: Judge) -> None:
    assert judge_one("阿不都热依木·艾买提", "not_detained_for", "relatives abroad")[0] == "supported"


def test_released_is_supported_by_a_graduated_decision(judge_one: Judge) -> None:
    assert judge_one("阿不都热依木·艾买提", "released")[:2] == ("supported", "leak.csv:2")


def test_released_is_contradicted_by_continued_training(judge_one: Judge) -> None:
    assert judge_one("买买提·吐尔逊", "released")[0] == "contradicted"


def test_released_is_unverifiable_when_release_is_only_recommended(judge_one: Judge) -> None:
    assert judge_one("努尔买买提·库尔班", "released")[0] == "unverifiable"


def test_released_before_the_detention_date_is_contradicted(judge_one: Judge) -> None:
    assert judge_one("阿不都热依木·艾买提", "released", "2017-01-01")[0] == "contradicted"


def test_a_subject_in_no_record_is_not_found(judge_one: Judge) -> None:
    assert judge_one("阿依古丽·肉孜买买提", "detained")[:2] == ("not_found", "")


def test_namesakes_with_conflicting_rows_are_unverifiable_and_said(judge_one: Judge) -> None:
    verdict, evidence, sentence = judge_one("艾合买提·阿不都拉", "never_detained")
    assert verdict == "unverifiable" and "2 persons" in sentence and evidence == "leak.csv:6;leak.csv:7"


def test_a_claim_about_a_detention_sets_non_detainee_namesakes_aside(judge_one: Judge) -> None:
    verdict, evidence, sentence = judge_one("艾合买提·阿不都拉", "detained_for", "relatives abroad")
    assert (verdict, evidence) == ("supported", "leak.csv:6") and "set aside" in sentence


def test_a_detainee_the_name_matches_less_closely_beats_a_relative_for_a_claim_about_a_detention(
        judge_one: Judge) -> None:
    # Ghulam is 吾拉木; the names module hears Kerim (克力木) closer to it, and 吾拉木 shares only one
    # blocking key with the Latin name. The claim takes a detention for granted: the detainee is its subject.
    verdict, evidence, sentence = judge_one("Mukerrem Ghulam", "not_detained_for", "relatives abroad")
    assert (verdict, evidence) == ("contradicted", "leak.csv:9") and "set aside" in sentence


def test_the_name_as_written_beats_a_detainee_of_another_name(judge_one: Judge) -> None:
    assert judge_one("木克热木·克力木", "not_detained_for", "relatives abroad")[:2] == ("supported", "leak.csv:10")


def test_a_claim_that_presupposes_nothing_keeps_the_closest_spelling(judge_one: Judge) -> None:
    assert judge_one("Mukerrem Ghulam", "never_detained")[:2] == ("supported", "leak.csv:10")


def test_an_age_that_disagrees_rules_the_record_out(judge_one: Judge) -> None:
    assert judge_one("热依拉·肉孜（70，墨玉县）", "never_detained")[0] == "not_found"


def test_a_low_name_score_alone_is_unverifiable(judge_one: Judge) -> None:
    verdict, evidence, sentence = judge_one("Memtimin Tursun", "detained")  # 0.71 against 买买提·吐尔逊
    assert (verdict, evidence) == ("unverifiable", "") and "low name score" in sentence


def test_a_low_name_score_with_an_agreeing_age_is_accepted(judge_one: Judge) -> None:
    assert judge_one("Memtimin Tursun (35)", "detained")[:2] == ("supported", "leak.csv:1")
