"""Comparison with published excerpts: identical, differing and absent passages, with their pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from veracity.case import Case
from veracity.errors import InputError
from veracity.excerpts import Status, compare_published, compare_texts
from veracity.limits import Limits

PAGES = [(1, "关于加强职业技能教育培训中心管理的意见\n第一条 严格执行学员管理制度，防止逃跑。"),
         (2, "第二条 学员结业须经评估，表现良好者方可结业。\n第三条 加强视频监控，全覆盖无死角。")]


def test_a_passage_published_verbatim_is_identical_and_located() -> None:
    [match] = compare_texts("第二条 学员结业须经评估，表现良好者方可结业。", PAGES)
    assert (match.status, match.page) == (Status.IDENTICAL, 2)


def test_a_changed_passage_says_what_changed() -> None:
    [match] = compare_texts("第一条 严格执行学员管理制度，防止外逃。", PAGES)
    assert (match.status, match.page) == (Status.DIFFERS, 1)
    assert [(d.published, d.in_file) for d in match.differences] == [("外逃", "逃跑")]


def test_a_passage_not_in_the_file_is_absent() -> None:
    [match] = compare_texts("所有人员均已自愿返回家中，与家人团聚。", PAGES)
    assert (match.status, match.page) == (Status.ABSENT, None)


def test_comparison_reads_the_page_texts_of_the_case(case: Case, tmp_path: Path) -> None:
    case.con.executemany("INSERT INTO document_pages VALUES (1, 'papers.pdf', ?, ?, false, NULL)", PAGES)
    published = tmp_path / "article.txt"
    published.write_text("第三条 加强视频监控，全覆盖无死角。", encoding="utf-8")
    [match] = compare_published(case, "papers.pdf", published, Limits())
    assert (match.status, match.page) == (Status.IDENTICAL, 2)


def test_a_file_without_pages_is_one_error(case: Case, tmp_path: Path) -> None:
    published = tmp_path / "article.txt"
    published.write_text("第三条 加强视频监控。", encoding="utf-8")
    with pytest.raises(InputError, match="no page text"):
        compare_published(case, "list.csv", published, Limits())
