"""Contract case 5: news articles added with ``--role claims`` (an English web page and a Chinese text) and
the quotes export: `paragraph` 1-based in the main text, `quote` without quotation marks, `speaker` as named
in the article or empty when unattributed, `persons` the people named; redacted, no name survives.
"""

from __future__ import annotations

import pytest

from .case import ContractCase, spellings
from .files import article_html, article_zh, excel_csv
from .people import people

PS = people(7, seed=51)  # PS[0] is in the leak (in Chinese only), PS[1] only in the Chinese article
HTML, TEXT = "officials_deny.html", "news_zh.txt"

pytestmark = pytest.mark.xdist_group("contract-article")  # one case per module, built once


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("article-case")
    built = ContractCase(folder)
    built.init()
    excel_csv(folder, [PS[0], *PS[2:7]], "leak.csv")
    built.add([folder / "leak.csv"], "leak")
    built.add([article_html(folder, PS[0]), article_zh(folder, PS[1])], "claims")
    return built


def _quote(case: ContractCase, source: str, paragraph: str) -> dict[str, str]:
    found = [q for q in case.export("quotes") if (q["source_file"], q["paragraph"]) == (source, paragraph)]
    assert len(found) == 1, case.export("quotes")
    return found[0]


def test_quotes_are_found_in_their_paragraphs_without_quotation_marks(case: ContractCase) -> None:
    official = _quote(case, HTML, "2")
    assert (official["speaker"], official["persons"]) == ("a county spokesperson", PS[0].latin)
    assert official["quote"] == f"{PS[0].latin} has never been to a training centre and lives freely at home"
    assert _quote(case, TEXT, "3")["speaker"] == "发言人"
    assert _quote(case, TEXT, "3")["quote"].startswith(PS[1].zh)


def test_a_relative_quoted_after_a_pronoun_is_not_attributed_to_the_official(case: ContractCase) -> None:
    assert _quote(case, HTML, "3")["speaker"] in ("", "His brother", "his brother")


def test_the_person_named_in_a_chinese_quote_is_the_name_alone(case: ContractCase) -> None:
    assert _quote(case, TEXT, "3")["persons"] == PS[1].zh


def test_the_reported_chinese_speaker_is_named_as_in_the_article(case: ContractCase) -> None:
    assert _quote(case, TEXT, "4")["speaker"] == f"{PS[1].zh}的哥哥"


def test_redacted_quotes_hold_no_name_of_a_person_in_the_leak(case: ContractCase) -> None:
    for fmt in ("csv", "json"):
        text = repr(case.export("quotes", fmt, redact=True))
        assert [v for v in spellings(PS[:1]) if v.lower() in text.lower()] == []


def test_redacted_quotes_hold_no_name_of_a_person_named_only_in_an_article(case: ContractCase) -> None:
    text = repr(case.export("quotes", "json", redact=True))
    assert PS[1].zh not in text
