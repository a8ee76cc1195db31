"""The HTML report as a reader sees it: Chromium (Debian's) with every network request blocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from veracity.case import Case
from veracity.report.build import write_report

from ..chromium import launched_chromium

SECTIONS = ("provenance", "authenticity", "identities", "claims", "records", "method")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


def _load(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """Open PATH with non-file requests aborted; return the page, console errors and blocked URLs."""
    page = browser.new_page()
    errors: list[str] = []
    blocked: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r: Any) -> None:
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri(), wait_until="load")
    return page, errors, blocked


@pytest.fixture
def loaded(browser: Any, opened: Case, tmp_path: Path) -> Iterator[tuple[Any, list[str], list[str]]]:
    write_report(opened, tmp_path / "report.html", redact=True)
    page, errors, blocked = _load(browser, tmp_path / "report.html")
    yield page, errors, blocked
    page.close()


def test_report_renders_every_section_and_chart_offline(loaded: tuple[Any, list[str], list[str]]) -> None:
    page, errors, blocked = loaded
    visible = [s for s in SECTIONS if page.locator(f"section#{s} h2").is_visible()]
    charts = page.eval_on_selector_all("svg[data-chart]",
                                       "els => els.filter(e => e.getBBox().width > 0).length")
    assert (visible, charts, errors, blocked) == (list(SECTIONS), 4, [], [])


def test_screenshot_of_report_is_not_blank(loaded: tuple[Any, list[str], list[str]], tmp_path: Path) -> None:
    page = loaded[0]
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
