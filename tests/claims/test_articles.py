"""Articles added with --role claims: main text without page furniture, quotations with their speakers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.claims.articles import read_article
from veracity.claims.quotes import find_quotes
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.limits import Limits

ARTICLES = Path(__file__).parent / "articles"
PAGES = sorted([*ARTICLES.glob("*.html"), *ARTICLES.glob("*.txt")])


def test_the_annotated_set_holds_at_least_twenty_quotations() -> None:
    assert sum(len(json.loads(p.with_suffix(".expected.json").read_text("utf-8"))) for p in PAGES) >= 20


def test_captions_and_playlists_are_left_out_of_the_main_text() -> None:
    text = " ".join(read_article(ARTICLES / "county_denial.html", "p.html", Limits()).paragraphs)
    assert "Now playing" not in text and "Everyone here is happy" not in text and "newsletter" not in text


def test_title_date_and_author_are_kept() -> None:
    article = read_article(ARTICLES / "state_media_video.html", "p.html", Limits())
    assert (article.date, article.author) == ("2020-03-02", "John Sample") and article.title.startswith("State")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_annotated_quotation_is_found_with_its_speaker(page: Path) -> None:
    gold = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))
    found = {(q.speaker.lower().removeprefix("the ").removeprefix("a "), " ".join(q.quote.split()))
             for q in find_quotes(read_article(page, page.name, Limits()).paragraphs)}
    wanted = {(g["speaker"].lower().removeprefix("the ").removeprefix("a "), g["quote"]) for g in gold}
    assert {w for w in wanted if not any(w[0] == f[0] and w[1].strip(".?") in f[1] for f in found)} == set()


def test_a_quotation_running_over_paragraphs_is_one_quotation() -> None:
    quotes = find_quotes(("“They came at night,” Gulnar Memet said. “He had never been in trouble.",
                          "“We waited for a year.”"))
    assert [(q.quote, q.paragraph, q.end_paragraph) for q in quotes][1] == (
        "He had never been in trouble. We waited for a year.", 1, 2)


def test_said_after_the_name_names_the_speaker() -> None:
    assert find_quotes(("“Nobody here was ever detained at all,” said Erkin Tursun.",))[0].speaker == "Erkin Tursun"


def test_according_to_names_the_speaker() -> None:
    quote = find_quotes(("According to the county official, the list was “fabricated by hostile forces”.",))[0]
    assert quote.speaker == "the county official"


def test_scare_quotes_are_not_quotations() -> None:
    assert find_quotes(("The so-called “students” were moved to another building.",)) == []


def test_for_his_own_good_suggests_detained() -> None:
    assert find_quotes(("“He was sent there for his own good,” the official said.",))[0].assertion == "detained"


def test_an_html_page_added_as_claims_writes_paragraphs_and_quotes(case: Case) -> None:
    (outcome,) = add_files(case, [ARTICLES / "county_denial.html"], AddRequest("claims"))
    speakers = [r[0] for r in case.con.execute("SELECT speaker FROM quotes ORDER BY paragraph").fetchall()]
    assert outcome.media_type == "text/html" and "Aynur Tursun" in speakers


def test_a_text_article_added_as_claims_is_read_as_an_article(case: Case) -> None:
    add_files(case, [ARTICLES / "county_zh.txt"], AddRequest("claims"))
    assert case.scalar("SELECT count(*) FROM quotes WHERE assertion = 'never_detained'") >= 1
