"""Contract case 7: a household register laid out the Chinese way, one in Uyghur Latin, and testimonies whose
"Relation" column is the witness's relation to the person.

The register lists each household as a block, head (户主) first: 户号, 户主姓名 and 家庭住址 written on the
head's row only, merged down over the members in household 1, left blank in household 2, written 同上 ("same as
above") in household 3; 与户主关系 labels (妻子, 之妻, 长子, 次子, 之女, 之母), ages instead of birth dates,
numbers with a lower-case x and, for people born before 1960, in the 15-digit form. A member's household is
the head's, so the family checks (family.parent_age, family.patronymic on the child's row, DESIGN.md) reach
every household. The second register is the same families (other numbers) under Uyghur Latin headers and
relations (A'ile nomuri, Munasiwiti: ayali, chong oghli, qizi, anisi); the third is the register printed to
PDF, its addresses wrapping in their cells.

The testimonies say who gave them and how the witness is related to the person (brother, wife, son): that is
not the person's relation to a head of household (fields.py ``relation``), and must not be read as one.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from .case import FINDING_HEAD, FORMATS, LINK_HEAD, RECORD_HEAD, ContractCase, cut, numbers, row_findings, spellings
from .cli import veracity
from .shapes import (
    ULY_RELATIONS,
    home,
    household_cast,
    household_pdf,
    household_xlsx,
    uly_household_xlsx,
    witness_csv,
)

LEAK, ULY, PDF, WITNESSES = "奎雅乡_户籍.xlsx", "aile_tizimliki.xlsx", "户籍_打印.pdf", "witnesses.csv"
SHEET, ULY_SHEET, PDF_TABLE = "户籍信息", "A'ile", "table 1"
HOUSEHOLDS, ULY_HOUSEHOLDS, PDF_HOUSEHOLDS = household_cast(), household_cast(serials=100), household_cast(serials=200)
PS = [p for members in HOUSEHOLDS for p, _ in members]
OTHERS = [p for households in (ULY_HOUSEHOLDS, PDF_HOUSEHOLDS) for members in households for p, _ in members]
TESTIFIED = [PS[0], PS[4], PS[7], PS[9]]  # one per household (and the 15-digit head), named in Latin

pytestmark = pytest.mark.xdist_group("contract-household")  # one case per module, built once


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("household-case")
    built = ContractCase(folder)
    built.truth = (household_xlsx(folder, HOUSEHOLDS, LEAK) + uly_household_xlsx(folder, ULY_HOUSEHOLDS, ULY)
                   + household_pdf(folder, PDF_HOUSEHOLDS, PDF) + witness_csv(folder, TESTIFIED, WITNESSES))
    built.init()
    built.add([folder / LEAK], "leak", "--name", "奎雅乡户籍")
    built.add([folder / ULY, folder / PDF], "leak")
    built.add([folder / WITNESSES], "reference")
    built.stage("run")
    return built


def test_run_completes(case: ContractCase) -> None:
    assert case.ran["run"].code == 0, case.ran["run"].stdout + case.ran["run"].stderr


def test_every_member_is_exported_at_its_row_with_its_number_normalised(case: ContractCase) -> None:
    """Rows counted from the header, the blank lines between households counted; lower-case x exported upper,
    15-digit numbers kept as they are; no birth date where the register gives only ages."""
    expected = [e.exported() for e in case.truth]
    assert cut(case.export("records")) == expected
    for fmt in FORMATS[1:]:
        assert cut(case.export("records", fmt)) == expected, fmt


def test_ages_are_exported_as_written(case: ContractCase) -> None:
    leak = [r for r in case.export("records") if r["source_file"] == LEAK]
    assert [r["age"] for r in leak] == [str(2018 - p.born.year) for p in PS]


@pytest.mark.parametrize("name", [LEAK, ULY, PDF])
def test_members_belong_to_the_household_and_address_of_their_head(case: ContractCase, name: str) -> None:
    """Merged down (household 1 of the Chinese file) or left blank under the head's row: each member's household
    and address are the head's (in the PDF, an address wrapped in its cell reads without a space); the relation
    stays each member's own, as written."""
    leak = [r for r in case.export("records") if r["source_file"] == name]
    assert [(r["household"], r["address"]) for r in leak] == [home(h) for h, members in enumerate(HOUSEHOLDS, 1)
                                                              for _ in members]
    relations = [rel for members in HOUSEHOLDS for _, rel in members]
    assert [r["relation"] for r in leak] == (relations if name != ULY else [ULY_RELATIONS[r] for r in relations])


def test_family_defects_are_found_on_the_childs_row_in_every_household(case: ContractCase) -> None:
    """Planted: household 1's daughter (row 4) does not carry her father's name; household 2's second son
    (row 9; 8 in the ULY file, which has no blank lines) is 12 years younger than his father and 7 than his
    mother; household 3's head (row 12; 10) is older than his mother. Households 2 and 3 write their number on
    the head's row only; the ULY file writes relations in Uyghur Latin (ayali, chong oghli, qizi, anisi)."""
    findings = case.export("findings")
    family = {f for f in row_findings(findings) if f[0].startswith("family.")}
    assert family == {("family.patronymic", LEAK, SHEET, "4"), ("family.parent_age", LEAK, SHEET, "9"),
                      ("family.parent_age", LEAK, SHEET, "12"), ("family.patronymic", ULY, ULY_SHEET, "4"),
                      ("family.parent_age", ULY, ULY_SHEET, "8"), ("family.parent_age", ULY, ULY_SHEET, "10"),
                      ("family.patronymic", PDF, PDF_TABLE, "4"), ("family.parent_age", PDF, PDF_TABLE, "8"),
                      ("family.parent_age", PDF, PDF_TABLE, "10")}
    ages = {f["message"] for f in findings if (f["check_id"], f["row"]) == ("family.parent_age", "9")}
    assert any("row 6" in m for m in ages) and any("row 7" in m for m in ages), ages  # father and mother named
    assert [f for f in row_findings(findings) if f[0].startswith("id.")] == []


def test_the_witness_relation_is_not_the_persons_relation_to_a_head(case: ContractCase) -> None:
    witnesses = [r for r in case.export("records") if r["source_file"] == WITNESSES]
    assert [r["relation"] for r in witnesses] == [""] * len(TESTIFIED)
    assert [r["sex"] for r in witnesses] == [""] * len(TESTIFIED)  # "wife" is the witness, not the person


def test_each_testimony_links_to_its_persons_register_row(case: ContractCase) -> None:
    links = case.export("links")
    row_of = {e.person: e.row for e in case.truth if e.role == "leak"}
    wanted = {(LEAK, SHEET, str(row_of[e.person]), WITNESSES, "", str(e.row)) for e in case.truth
              if e.role == "reference"}
    got = {(li["source_file_a"], li["sheet_a"], li["row_a"], li["source_file_b"], li["sheet_b"], li["row_b"])
           for li in links}
    assert wanted <= got
    assert {li["level"] for li in links if (li["source_file_a"], li["sheet_a"], li["row_a"], li["source_file_b"],
                                            li["sheet_b"], li["row_b"]) in wanted} == {"confirmed"}


@pytest.mark.parametrize("what", ["records", "findings", "links", "claims", "quotes"])
def test_every_export_reads_the_same_in_csv_json_and_parquet(case: ContractCase, what: str) -> None:
    heads = {"records": RECORD_HEAD, "findings": FINDING_HEAD, "links": LINK_HEAD}
    rows = case.export(what)
    keys = heads.get(what) or (list(rows[0]) if rows else [])
    for fmt in FORMATS[1:]:
        assert cut(case.export(what, fmt), keys) == cut(rows, keys), fmt


def test_summary_counts_records_findings_and_links(case: ContractCase) -> None:
    summary = case.summary()
    assert summary["records_by_role"] == {"leak": len(PS) + len(OTHERS), "reference": len(TESTIFIED)}
    assert summary["findings_by_check"] == dict(Counter(f["check_id"] for f in case.export("findings")))
    assert summary["links_by_level"] == dict(Counter(li["level"] for li in case.export("links")))


def test_redacted_outputs_hold_no_name_nor_number(case: ContractCase) -> None:
    report = case.folder / "report-redacted.html"
    veracity("report", case.path, "-o", report, "--redact").ok()
    texts = {"report": report.read_text("utf-8")}
    for what in ("records", "findings", "links"):
        texts[what] = case.exported_file(what, "csv", redact=True).read_text("utf-8")
    texts["records.parquet"] = json.dumps(case.export("records", "parquet", redact=True), ensure_ascii=False)
    held = spellings(PS) | numbers(PS + OTHERS, [p.id18.lower() for p in PS + OTHERS])
    assert [f"{k}: {v}" for k, text in texts.items() for v in held if v.lower() in text.lower()] == []


def test_verify_passes_then_names_a_rewritten_audit_log(case: ContractCase, tmp_path: Path) -> None:
    veracity("verify", case.path).ok()
    copy = tmp_path / "copy"
    shutil.copytree(case.path, copy)
    log = copy / "audit.log"
    lines = log.read_text("utf-8").splitlines()
    log.chmod(0o644)
    log.write_text("\n".join(lines[:-1]) + "\n", "utf-8")  # the last entry dropped: a truncated log
    tampered = veracity("verify", copy)
    assert tampered.code == 1, tampered.stdout + tampered.stderr
    assert "Traceback" not in tampered.stderr


def test_adding_the_same_bytes_with_another_map_says_the_map_is_not_applied(case: ContractCase) -> None:
    before = case.fingerprint()[1:]
    ran = veracity("add", case.path, case.folder / WITNESSES, "--role", "leak", "--map", "Relation=relation").ok()
    assert "already in the case" in ran.stdout
    assert "--role leak not applied" in ran.stdout
    assert "--map Relation=relation not applied: column Relation was read as none" in ran.stdout
    assert case.fingerprint()[1:] == before
    same = veracity("add", case.path, case.folder / WITNESSES, "--role", "reference").ok()
    assert "not applied" not in same.stdout
