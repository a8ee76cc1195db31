"""The HTML report: its sections, what it says of stages not run, escaping, self-containment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.errors import UsageError
from veracity.report.build import ReportFormat, write_report

from .synthetic import LEAK, add_links

SECTIONS = ("provenance", "authenticity", "identities", "claims", "records", "method")


def _html(case: Case, tmp_path: Path, redact: bool = False) -> str:
    out = tmp_path / "r.html"
    write_report(case, out, redact=redact)
    return out.read_text("utf-8")


def test_every_section_is_rendered(opened: Case, tmp_path: Path) -> None:
    html = _html(opened, tmp_path)
    assert [s for s in SECTIONS if f'<section id="{s}">' not in html] == []


def test_nothing_external_is_loaded(opened: Case, tmp_path: Path) -> None:
    html = _html(opened, tmp_path)
    assert re.findall(r"""(?:src=|href=|url\()\s*["']?\s*(?:https?:|//)""", html, re.IGNORECASE) == []


def test_identities_says_no_linkage_has_run(opened: Case, tmp_path: Path) -> None:
    assert "No linkage has been run" in _html(opened, tmp_path)


def test_identities_shows_links_by_level_once_linked(opened: Case, tmp_path: Path) -> None:
    add_links(opened, 40)
    section = _html(opened, tmp_path).split('<section id="identities">')[1].split("</section>")[0]
    assert '<td>confirmed</td><td class="num">7</td>' in section  # rows 4, 10, ..., 40 of the leak


def test_claims_say_they_are_not_judged(opened: Case, tmp_path: Path) -> None:
    assert "have not been judged yet" in _html(opened, tmp_path)


def test_detained_are_counted_from_the_leak(opened: Case, tmp_path: Path) -> None:
    assert "40 rows. 10 of them give a reason or a\ndate of detention" in _html(opened, tmp_path)


def test_every_chart_is_inline_svg(opened: Case, tmp_path: Path) -> None:
    assert len(re.findall(r'<svg [^>]*data-chart="', _html(opened, tmp_path))) == 4


def test_examples_cite_source_file_and_row(opened: Case, tmp_path: Path) -> None:
    html = _html(opened, tmp_path)
    assert f"<td>{LEAK}</td><td>Sheet1</td>\n<td class=\"num\">2</td>" in html


def test_hostile_cell_is_escaped(opened: Case, tmp_path: Path) -> None:
    opened.con.execute("UPDATE records SET reason = '<script>alert(1)</script>' "
                       "WHERE \"row\" = 1 AND role = 'leak'")
    html = _html(opened, tmp_path)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_unknown_extension_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        ReportFormat.for_path(Path("report.docx"))


def test_tampered_evidence_is_reported(opened: Case, tmp_path: Path) -> None:
    assert "<span class=\"tampered\">" in _html(opened, tmp_path)  # the fixture's hashes name no stored file


def test_dataset_statistic_is_shown_with_its_meaning(opened: Case, tmp_path: Path) -> None:
    section = _html(opened, tmp_path).split('<section id="authenticity">')[1].split("</section>")[0]
    assert "98% of numbers carry a correct check character" in section.split("Dataset statistics")[1]
