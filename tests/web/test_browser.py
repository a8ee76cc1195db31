"""The review UI in Debian's Chromium (no browser download), driven by Playwright, against the app
served on 127.0.0.1 over the synthetic sample case after check and link; every other origin is blocked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from veracity.case import create_case
from veracity.checks import run_checks
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.link.run import run_link
from veracity.sample.generate import generate
from veracity.web.serve import Running, start_in_thread

from ..chromium import launched_chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The sample case at its smallest scale, checked and linked, and its truth file."""
    folder = tmp_path_factory.mktemp("sample")
    made = generate(folder / "sample", scale=0.25)
    with create_case(folder / "case") as case:
        for paths, role in (([made.leak], "leak"), ([made.testimonies, made.register], "reference"),
                            ([made.claims], "claims")):
            add_files(case, paths, AddRequest(role=role))
        run_checks(case)
        run_link(case)
    truth = json.loads((folder / "sample" / "truth.json").read_text("utf-8"))
    return folder / "case", truth


@pytest.fixture(scope="module")
def server(sample: tuple[Path, dict[str, Any]]) -> Iterator[Running]:
    running = start_in_thread(sample[0], token="browser-test-token")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any, server: Running) -> Iterator[Any]:
    """A signed-in page (the token address, as printed) that may reach nothing but the server."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    base = server.url.split("/?")[0]
    opened.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    opened.goto(server.url)
    yield opened
    context.close()


def _base(server: Running) -> str:
    return server.url.split("/?")[0]


def _leak_person(truth: dict[str, Any]) -> dict[str, Any]:
    """The first person of the leak with a two-part Latin name."""
    leak_people = [r["person_id"] for r in truth["records"] if r["source_file"].endswith(".xlsx")]
    return next(truth["persons"][p] for p in leak_people if len(truth["persons"][p]["name_latin"].split()) == 2)


def test_overview_of_the_sample_case_shows_figures_and_charts(page: Any) -> None:
    charts = page.eval_on_selector_all("svg[data-chart]", "els => els.filter(e => e.getBBox().width > 0).length")
    assert (page.locator("#summary dd").count() > 8, charts) == (True, 4)


def test_latin_search_finds_the_chinese_record(page: Any, sample: tuple[Path, dict[str, Any]]) -> None:
    person = _leak_person(sample[1])
    page.fill("header input[type=search]", person["name_latin"])
    page.press("header input[type=search]", "Enter")
    page.wait_for_selector("#records")
    assert person["name_zh"] in page.locator("#records").inner_text()


def test_accepting_a_link_with_the_keyboard_changes_the_summary(page: Any, server: Running) -> None:
    page.goto(_base(server) + "/review")
    before, link = page.inner_text("#review-summary"), page.get_attribute("#review-item", "data-link")
    with page.expect_navigation():
        page.keyboard.press("a")
    assert (page.inner_text("#review-summary") != before,
            page.get_attribute("#review-item", "data-link") != link) == (True, True)


def test_redacted_report_downloads_without_names(page: Any, server: Running,
                                                 sample: tuple[Path, dict[str, Any]]) -> None:
    person = _leak_person(sample[1])
    page.goto(_base(server) + "/download")
    with page.expect_download() as info:
        page.click("#report-redacted")
    text = Path(info.value.path()).read_text("utf-8")
    assert ("<svg" in text, person["name_zh"] in text, person["id_number"] in text) == (True, False, False)
