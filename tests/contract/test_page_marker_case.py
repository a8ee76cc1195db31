"""Contract case 6: registers pasted together from printed pages, with page markers (第2页, "- 3 -") and the
header repeated between pages, as CSV and as XLSX. Markers are counted (a reader finds row r at a fixed offset)
but, like blank and total rows, are no person: no record may be exported for them (DESIGN.md)."""

from __future__ import annotations

import pytest

from .case import ContractCase, cut
from .files import paged_register
from .people import people

PS = people(6, seed=81)
FILES = ("pages.csv", "pages.xlsx")

pytestmark = pytest.mark.xdist_group("contract-pages")  # one case per module, built once


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("pages-case")
    built = ContractCase(folder)
    for name in FILES:
        built.truth += paged_register(folder, PS, name)
    built.init()
    built.add([folder / name for name in FILES], "leak")
    return built


def test_people_keep_their_physical_rows_across_pages(case: ContractCase) -> None:
    people_rows = [r for r in case.export("records") if r["name"]]
    assert cut(people_rows, ("source_file", "sheet", "row", "name", "id_number")) == cut(
        [e.exported() for e in case.truth], ("source_file", "sheet", "row", "name", "id_number"))


def test_page_markers_are_not_records(case: ContractCase) -> None:
    assert [r["row"] for r in case.export("records") if not r["name"]] == []
