"""Contract case 4: a register printed to PDF, one table over three pages, once with the header repeated on
every page and once with it printed on page 1 only; claims about people on page 1 and page 3.

DESIGN.md: a PDF table that runs over several pages is one table (`table 1`) and its rows are counted across
pages; a repeated header gets no number. A file of one table is cited `source_file:row` in `evidence`.
"""

from __future__ import annotations

import pytest

from .case import ContractCase, cut, row_findings
from .files import claims_csv, pdf_register
from .people import people

PS = people(80, seed=13)
REPEATED, ONCE = "register_repeated.pdf", "register_once.pdf"

pytestmark = pytest.mark.xdist_group("contract-pdf")  # one case per module, built once



@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("pdf-case")
    built = ContractCase(folder)
    built.truth = (pdf_register(folder, PS, REPEATED, repeat_header=True)
                   + pdf_register(folder, PS, ONCE, repeat_header=False))
    claims_csv(folder, [("P1", PS[2].zh, "", "never_detained", ""), ("P2", PS[59].latin, "", "detained", ""),
                        ("P3", "", PS[77].id18, "detained_for", "praying")])
    built.init()
    built.add([folder / REPEATED, folder / ONCE], "leak")
    built.add([folder / "claims.csv"], "claims")
    built.stage("run")
    return built


def test_rows_are_counted_across_pages_and_repeated_headers_are_not_records(case: ContractCase) -> None:
    assert cut(case.export("records")) == [e.exported() for e in case.truth]


def test_run_completes(case: ContractCase) -> None:
    assert case.ran["run"].code == 0, case.ran["run"].stderr


def test_the_wrong_check_character_on_page_3_is_found_at_row_80(case: ContractCase) -> None:
    found = {f for f in row_findings(case.export("findings")) if f[0].startswith("id.")}
    assert found == {("id.checksum", name, "table 1", "80") for name in (REPEATED, ONCE)}


def test_claims_cite_rows_on_every_page_as_file_and_row(case: ContractCase) -> None:
    got = {c["claim_id"]: (c["verdict"], sorted(c["evidence"].split(";"))) for c in case.export("claims")}
    assert got == {"P1": ("contradicted", [f"{ONCE}:3", f"{REPEATED}:3"]),
                   "P2": ("supported", [f"{ONCE}:60", f"{REPEATED}:60"]),
                   "P3": ("supported", [f"{ONCE}:78", f"{REPEATED}:78"])}
    for _, items in got.values():
        for item in items:
            assert case.record_at(item)["name"] in (PS[2].zh, PS[59].zh, PS[77].zh)
