"""Contract case 12: cells and headers as real clerks leave them.

A form-style roster in GBK whose header labels are spaced and wrapped and carry units, with a 栏次 row of column
numbers under them, identity numbers written in eight mangled ways (one lost to Excel's scientific notation),
dates in six forms, names joined by other dots or carrying a note, a 小计 row, a second list pasted below with its
header and 栏次 row again, a 合计 row; a list with Uyghur Latin headers and a row of units under them, written by
European Excel (semicolons); a list of pupils whose only identity number is a parent's, saved as Excel's
"Unicode text" (UTF-16, tabs); a workbook whose 出生年月 cells are months typed into date cells (stored as the 1st);
a list signed off with a date under it; a published list with masked numbers.

Rows are counted from the row after the header, its annotations included (DESIGN.md: "its last row when the
header spans several"): the units row and the 栏次 row are no person, and no person's row number moves for them.
"""

from __future__ import annotations

import pytest

from .case import ContractCase, cut, row_findings
from .people import Person, people
from .shapes4 import (
    UG_PLACE,
    form_roster,
    masked_csv,
    month_typed_xlsx,
    pupils_txt,
    signed_off_csv,
    uyghur_latin_list,
)

ROSTER, UG, PUPILS = "教培人员花名册.csv", "tizimlik_terjime.csv", "学生名单.txt"
MONTHS, SIGNED, MASKED = "花名册.xlsx", "签字.csv", "公示名单.csv"

pytestmark = pytest.mark.xdist_group("contract-messy")  # one case per module, built once


def _x_first(ps: list[Person]) -> list[Person]:
    """PS with a person whose check character is X moved first (the roster writes it lower-case)."""
    x = next(p for p in ps if p.id18.endswith("X"))
    return [x, *(p for p in ps if p is not x)]


PS = _x_first(people(40, seed=412))


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("messy-case")
    built = ContractCase(folder)
    built.truth = (form_roster(folder, PS[:8], ROSTER) + uyghur_latin_list(folder, PS[8:12], UG)
                   + pupils_txt(folder, PS[12:17], PS[17], PUPILS) + month_typed_xlsx(folder, PS[18:22], MONTHS)
                   + signed_off_csv(folder, PS[22:25], SIGNED))
    masked_csv(folder, PS[25:28], MASKED)
    built.init()
    for name in (ROSTER, UG, PUPILS, MONTHS, SIGNED, MASKED):
        built.add([folder / name], "leak")
    built.stage("check")
    return built


def _records(case: ContractCase, name: str) -> list[dict[str, str]]:
    return [r for r in case.export("records") if r["source_file"] == name]


def test_the_roster_is_read_at_its_rows_with_every_number_and_date_normalised(case: ContractCase) -> None:
    """Rows 1-6, then 本页小计 (7), a blank line (8), the header (9) and 栏次 row (10) again, rows 11-12; 合计,
    以上共8人 and （盖章） below are no one."""
    assert cut(_records(case, ROSTER)) == [e.exported() for e in case.truth if e.source_file == ROSTER]


def test_the_number_excel_wrote_in_scientific_notation_is_reported_on_its_row(case: ContractCase) -> None:
    findings = {f for f in row_findings(case.export("findings")) if f[1] == ROSTER and f[0].startswith(("value.",
                                                                                                          "id."))}
    assert ("value.id_unparsed", ROSTER, "", "6") in findings
    assert not {f for f in findings if f[0] in ("id.checksum", "id.format")}, findings


def test_uyghur_latin_headers_and_a_units_row_are_read(case: ContractCase) -> None:
    rows = _records(case, UG)
    assert cut(rows) == [e.exported() for e in case.truth if e.source_file == UG]
    assert [(r["age"], r["address"]) for r in rows] == [(str(30 + k), UG_PLACE) for k in range(1, 5)]


def test_a_parents_number_is_not_the_pupils(case: ContractCase) -> None:
    """家长身份证号 is the only number on each row: the pupils have none, and they share none."""
    assert cut(_records(case, PUPILS)) == [e.exported() for e in case.truth if e.source_file == PUPILS]
    assert not {f for f in row_findings(case.export("findings")) if f[1] == PUPILS and f[0].startswith("id.")}


def test_months_typed_into_date_cells_are_months_and_no_birth_date_mismatch(case: ContractCase) -> None:
    """Every number's birth date is in the month written; a day invented from the stored 1st would make every row
    an id.birthdate_mismatch."""
    assert cut(_records(case, MONTHS)) == [e.exported() for e in case.truth if e.source_file == MONTHS]
    assert not {f for f in row_findings(case.export("findings")) if f[1] == MONTHS}


def test_lines_under_the_list_that_name_no_one_are_no_record(case: ContractCase) -> None:
    assert cut(_records(case, SIGNED)) == [e.exported() for e in case.truth if e.source_file == SIGNED]


def test_a_masked_number_is_not_said_to_have_the_wrong_length(case: ContractCase) -> None:
    messages = [f["message"] for f in case.export("findings") if f["source_file"] == MASKED
                and f["check_id"] == "id.format"]
    assert not [m for m in messages if "has 18 characters" in m]
    assert sorted(messages) == ["The identity number is masked: 4 of its 18 characters are hidden by *, so it cannot "
                                "be checked in full.", "The identity number is masked: 4 of its 18 characters are "
                                "hidden by *, so it cannot be checked in full.", "The identity number is masked: 8 of "
                                "its 18 characters are hidden by *, so it cannot be checked in full."]
