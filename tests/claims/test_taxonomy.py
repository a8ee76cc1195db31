"""The reason taxonomy: it covers the sample leak's wordings, validates itself, lists what it cannot place."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.case import Case
from veracity.claims.judge import judge_case
from veracity.claims.taxonomy import load_taxonomy, parse_taxonomy
from veracity.errors import ConfigError
from veracity.sample.taxonomy import load_taxonomy as load_sample


def test_every_sample_reason_wording_maps_to_its_own_code() -> None:
    tax, sample = load_taxonomy(), load_sample()
    wrong = [z for code, cat in sample.reasons.items() for z in cat.zh if tax.classify_reason(z).codes != (code,)]
    assert wrong == []


def test_every_sample_decision_wording_maps_to_its_own_code() -> None:
    tax, sample = load_taxonomy(), load_sample()
    wrong = [z for code, c in sample.decisions.items() for z in c.zh if tax.classify_decision(z).codes != (code,)]
    assert wrong == []


@pytest.mark.parametrize(("wording", "code"), [
    ("结业", "graduated"), ("释放", "graduated"), ("未结业", "continue"), ("暂缓结业", "continue"),
    ("可以结业", "may_graduate"), ("转刑事", "sentenced"), ("刑事拘留", "sentenced"), ("继续培训", "continue")])
def test_a_bare_decision_wording_of_the_karakax_list_is_placed(wording: str, code: str) -> None:
    """判定意见 in the Karakax List is mostly one or two words: 结业 (graduate) is a release, 转刑事 (to criminal
    proceedings) a transfer; a negation (未结业) is still held, the longest wording winning."""
    assert load_taxonomy().classify_decision(wording).codes == (code,)


def test_every_sample_english_label_resolves_to_its_code() -> None:
    tax, sample = load_taxonomy(), load_sample()
    assert {code: tax.resolve_reason(c.en) for code, c in sample.reasons.items()} == {c: c for c in sample.reasons}


def test_every_category_has_three_labels() -> None:
    tax = load_taxonomy()
    assert all(c.labels.en and c.labels.zh and c.labels.ug for c in tax.reasons.values())


def test_an_unknown_parent_is_a_config_error_naming_the_place() -> None:
    text = ("version: 1\nreasons: {veil: {parent: dress, labels: {en: a, zh: b, ug: c}, patterns: {zh: [x]}}}\n"
            "decisions: {}\nperson_categories: {}\n")
    with pytest.raises(ConfigError, match=r"reasons\.veil\.parent: unknown category 'dress'"):
        parse_taxonomy(text)


def test_a_case_taxonomy_that_is_not_yaml_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "reasons.yaml"
    bad.write_text("reasons: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="reasons.yaml: not YAML"):
        load_taxonomy(bad)


def test_judging_lists_reason_clauses_no_category_matches(leak_case: Case) -> None:
    judge_case(leak_case)
    rows = leak_case.con.execute("SELECT clause FROM record_reasons WHERE category IS NULL").fetchall()
    assert rows == [("不按时交电费",)]


def test_judging_summary_names_the_unmatched_wordings(leak_case: Case) -> None:
    assert judge_case(leak_case).unmatched_reasons == ("不按时交电费",)
