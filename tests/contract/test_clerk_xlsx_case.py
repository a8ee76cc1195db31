"""Contract case 10: a workbook as a clerk leaves it, and a claim about a person whose number was lost.

Sheet 名单 starts in column C under a title and a blank row, its header frozen, its 内部编号 column hidden and one
data row hidden; birth dates are text, Excel serials in General cells, date cells and 1985年3月14日 in turn;
every third person's 18-digit number was typed into a number cell, which keeps 15 significant digits, and one
15-digit number too (it fits). Sheet 备用 is hidden. Hidden rows, columns and sheets are still the leak's
content: read and counted as the reader finds them once unhidden (DESIGN.md: rows counted physically).
A number whose digits were lost must be reported where it is, never exported as a number nor judged as a
forged check character.
"""

from __future__ import annotations

from collections import Counter

import pytest

from .case import FINDING_HEAD, FORMATS, ContractCase, cut, numbers, row_findings, spellings, surviving
from .files import CLAIMS_HEADER, write_csv
from .people import people
from .shapes3 import clerk_xlsx, lossy_rows

PS = people(12, seed=605)
LEAK, CLAIMS = "扎瓦镇_工作底稿.xlsx", "claims.csv"
SHEET, HIDDEN = "名单", "备用"

pytestmark = pytest.mark.xdist_group("contract-clerk")  # one case per module, built once


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("clerk-case")
    built = ContractCase(folder)
    built.truth = clerk_xlsx(folder, PS, LEAK)
    write_csv(folder / CLAIMS, [CLAIMS_HEADER, ["Z1", "", "", "", PS[0].zh, "", "never_detained", "", ""],
                                ["Z2", "", "", "", PS[9].latin, "", "detained", "", ""]])
    built.init()
    built.add([folder / LEAK], "leak")
    built.add([folder / CLAIMS], "claims")
    built.stage("run")
    return built


def test_run_completes(case: ContractCase) -> None:
    assert case.ran["run"].code == 0, case.ran["run"].stdout + case.ran["run"].stderr


def test_every_row_is_exported_at_its_sheet_and_row_hidden_or_not(case: ContractCase) -> None:
    """The header in row 3 from column C: the first person is row 1; the hidden row 6 is a person; the hidden sheet
    is read under its own name; dates in four forms all ISO; the lost numbers left empty."""
    expected = [e.exported() for e in case.truth]
    for fmt in FORMATS:
        assert cut(case.export("records", fmt)) == expected, fmt


def test_the_hidden_column_is_read_and_the_add_names_the_hidden_sheet(case: ContractCase) -> None:
    main = [r for r in case.export("records") if r["sheet"] == SHEET]
    assert [r["other_id"] for r in main] == [f"ZW-{k:04d}" for k in range(1, 9)]
    assert HIDDEN in case.ran[f"add {LEAK}"].stdout and "hidden" in case.ran[f"add {LEAK}"].stdout


def test_a_number_typed_into_a_number_cell_is_reported_on_its_row_not_judged(case: ContractCase) -> None:
    findings = case.export("findings")
    lost = {str(r) for r in lossy_rows(case.truth)}
    assert lost == {"1", "4", "7"}
    assert {f["row"] for f in findings if f["check_id"] == "value.id_unparsed"} == lost
    assert [f for f in row_findings(findings) if f[0].startswith("id.")] == []
    for fmt in FORMATS[1:]:
        assert cut(case.export("findings", fmt), FINDING_HEAD) == cut(findings, FINDING_HEAD), fmt


def test_the_finding_shows_the_digits_the_sheet_kept_and_why(case: ContractCase) -> None:
    first = next(f for f in case.export("findings") if (f["check_id"], f["row"]) == ("value.id_unparsed", "1"))
    assert PS[0].id18[:15] in first["message"] and "15 significant digits" in first["message"]


def test_claims_find_people_whose_number_was_lost_and_people_on_the_hidden_sheet(case: ContractCase) -> None:
    """A list of names with no category, reason or decision does not say anyone was detained: unverifiable, but
    resting on the right rows (by name alone where the number was lost)."""
    got = {c["claim_id"]: (c["verdict"], c["evidence"]) for c in case.export("claims")}
    assert got == {"Z1": ("unverifiable", f"{LEAK}:{SHEET}:1"), "Z2": ("unverifiable", f"{LEAK}:{HIDDEN}:2")}


def test_summary_counts_what_the_exports_hold(case: ContractCase) -> None:
    summary = case.summary()
    findings = case.export("findings")
    assert summary["records_by_role"] == {"leak": len(case.truth)}
    assert summary["findings_by_check"] == dict(Counter(f["check_id"] for f in findings))
    assert summary["verdicts"] == dict(Counter(c["verdict"] for c in case.export("claims")))


def test_redacted_outputs_hold_no_name_nor_the_digits_a_sheet_kept(case: ContractCase) -> None:
    kept = [p.id18[:15] for p in (PS[0], PS[3], PS[6])]  # what the sheet kept of the lost numbers
    held = spellings(PS[:11]) | numbers(PS[:11], kept)
    assert surviving(case.redacted_texts(("records", "findings", "claims")), held) == []
