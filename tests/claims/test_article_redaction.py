"""People named only in an article (in no record) are held by the case: redacted exports hold none of their names."""

from __future__ import annotations

import json
from pathlib import Path

from veracity.case import Case
from veracity.claims.quotes import ARTICLE_NAMES_SQL
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.report.export import Format, export_table

# synthetic names; none is in any record of the case
ARTICLE = (
    "Officials deny the list\n\n"
    "“Rozi Qurban has never been to a training centre,” a county spokesperson said.\n\n"
    "“My cousin Patigul Yasin was taken in 2018 and we have heard nothing since,” Gulmire Toxti said.\n\n"
    "“His son ياسىن قۇربان studied abroad and came back in 2016,” the official added.\n\n"
    "发言人说：“热合曼·伊力哈木从未进入职业技能教育培训中心，他在家里生活。”\n\n"
    "“They came for him at night and took him away,” Yasin Rehman's sister said.\n\n"
    "阿依古丽·肉孜的哥哥在国外接受采访时表示，他的妹妹2017年被带走，至今没有音讯。\n"
)
NAMES = ("Rozi Qurban", "Patigul Yasin", "Gulmire Toxti", "ياسىن قۇربان", "热合曼·伊力哈木", "热合曼", "伊力哈木",
         "Yasin Rehman", "阿依古丽·肉孜", "阿依古丽", "肉孜")


def _added(case: Case, tmp_path: Path) -> Case:
    article = tmp_path / "officials.txt"
    article.write_text(ARTICLE, "utf-8")
    add_files(case, [article], AddRequest("claims"))
    return case


def test_the_names_held_through_articles_are_the_persons_and_the_names_in_speakers(
        case: Case, tmp_path: Path) -> None:
    held = {r[0] for r in _added(case, tmp_path).con.execute(ARTICLE_NAMES_SQL).fetchall()}
    assert held == {"Rozi Qurban", "Patigul Yasin", "Gulmire Toxti", "ياسىن قۇربان", "热合曼·伊力哈木", "Yasin Rehman",
                    "阿依古丽·肉孜"}


def test_redacted_quotes_hold_no_name_of_a_person_named_only_in_the_article(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "quotes.json"
    assert export_table(_added(case, tmp_path), "quotes", Format.JSON, out, redact=True) == 6
    rows = json.loads(out.read_text("utf-8"))
    text = out.read_text("utf-8")
    assert [n for n in NAMES if n in text] == []
    assert [r["speaker"] for r in rows][:1] == ["a county spokesperson"]  # not a name: kept
    relatives = [r["speaker"] for r in rows][-2:]  # a relation of a named person: the name goes, the relation stays
    assert [(s[:2], s.endswith(("sister", "的哥哥"))) for s in relatives] == [("P-", True), ("P-", True)]
    assert all(r["persons"].startswith("P-") for r in rows if r["persons"])


def test_unredacted_quotes_keep_the_names(case: Case, tmp_path: Path) -> None:
    out = tmp_path / "quotes.json"
    export_table(_added(case, tmp_path), "quotes", Format.JSON, out)
    assert {r["persons"] for r in json.loads(out.read_text("utf-8"))} == {
        "Rozi Qurban", "Patigul Yasin", "ياسىن قۇربان", "热合曼·伊力哈木", ""}
