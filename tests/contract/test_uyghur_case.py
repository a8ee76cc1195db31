"""Contract case 8: a workbook with Uyghur headers and a UTF-16 "Unicode text" export, judged against claims that
name people by Latin spelling only or by identity number only.

Sheet Qaraqash puts a title, a date line and a blank line above its header (row 4), written in Uyghur Latin
(ULY: Ismi, Kimlik nomuri, Tughulghan waqti, Sewebi, Izahat); sheet يېزا has an Arabic-script header in row 1,
its columns in another order. Both remarks columns (Izahat, ئىزاھات) hold identity numbers of relatives or old
15-digit numbers: they must not take the place of the number column. The text file is what Excel's "Save as
Unicode text" writes: UTF-16 with a byte-order mark, tabs, an empty last column, a blank line and a total line.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from .case import CLAIM_HEAD, FINDING_HEAD, FORMATS, RECORD_HEAD, ContractCase, cut, numbers, row_findings, spellings
from .cli import veracity
from .files import claims_csv, wrong_check
from .people import people
from .shapes import unicode_text, uyghur_xlsx

PS = people(30, seed=44)
BOOK, TEXT = "qaraqash_tizimlik.xlsx", "名单.txt"
LATIN, ARABIC = "Qaraqash", "يېزا"
STRANGER = "Ablikim Abdulla"  # in no file

# claim_id -> (subject_name, subject_id, assertion, value, verdict, evidence)
CLAIMS_TRUTH = {
    "Q1": (PS[0].latin, "", "never_detained", "", "contradicted", f"{BOOK}:{LATIN}:1"),
    "Q2": (PS[6].latin, "", "never_detained", "", "contradicted", f"{BOOK}:{ARABIC}:2"),  # Latin -> Arabic script
    "Q3": ("", PS[7].id18, "detained", "", "supported", f"{BOOK}:{ARABIC}:3"),
    "Q4": ("", PS[8].id15, "detained", "", "supported", f"{BOOK}:{ARABIC}:4"),  # the old form of its number
    "Q5": (STRANGER, "", "never_detained", "", "not_found", ""),
    "Q6": ("", PS[22].id18, "never_detained", "", "unverifiable", f"{TEXT}:3"),  # a list that gives no reason
    "Q7": ("", PS[4].id18, "released", "", "unverifiable", f"{BOOK}:{LATIN}:5"),  # no decision recorded
}

pytestmark = pytest.mark.xdist_group("contract-uyghur")  # one case per module, built once


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("uyghur-case")
    built = ContractCase(folder)
    built.truth = uyghur_xlsx(folder, PS, BOOK) + unicode_text(folder, PS[20:], TEXT)
    claims_csv(folder, [(c, n, i, a, v) for c, (n, i, a, v, *_) in CLAIMS_TRUTH.items()])
    built.init()
    built.add([folder / BOOK, folder / TEXT], "leak")
    built.add([folder / "claims.csv"], "claims")
    for stage in ("check", "link", "judge"):
        built.stage(stage)
    return built


def test_records_are_counted_from_each_sheets_own_header(case: ContractCase) -> None:
    """Qaraqash's header is its fourth line: its first person is row 1. The text file's blank line is row 4."""
    expected = [e.exported() for e in case.truth]
    for fmt in FORMATS:
        assert cut(case.export("records", fmt)) == expected, fmt


def test_the_number_column_is_not_taken_from_the_remarks(case: ContractCase) -> None:
    book = [r for r in case.export("records") if r["source_file"] == BOOK]
    remarks = {p.id18 for p in PS[10:15]} | {p.id15 for p in PS[5:9]}
    assert not remarks & {r["id_number"] for r in book}
    assert {r["other_id"] for r in book} <= {""}


def test_the_text_file_is_read_as_utf16(case: ContractCase) -> None:
    assert "utf-16" in case.ran[f"add {BOOK}"].stdout.lower()


def test_planted_defects_are_found_on_their_sheet_and_row(case: ContractCase) -> None:
    expected = {("id.checksum", BOOK, LATIN, "3"), ("id.duplicate", TEXT, "", "2"), ("id.duplicate", TEXT, "", "6"),
                ("id.birthdate_mismatch", TEXT, "", "6")}
    if PS[21].male != PS[24].male:
        expected.add(("id.sex_mismatch", TEXT, "", "6"))
    findings = case.export("findings")
    assert {f for f in row_findings(findings) if f[0].startswith("id.")} == expected
    for fmt in FORMATS[1:]:
        assert cut(case.export("findings", fmt), FINDING_HEAD) == cut(findings, FINDING_HEAD), fmt


def test_claims_by_latin_spelling_or_number_alone_find_their_rows(case: ContractCase) -> None:
    assert case.ran["judge"].code == 0, case.ran["judge"].stderr
    got = {c["claim_id"]: (c["verdict"], c["evidence"]) for c in case.export("claims")}
    assert got == {c: (t[4], t[5]) for c, t in CLAIMS_TRUTH.items()}
    for _, evidence in got.values():
        for item in filter(None, evidence.split(";")):
            assert case.record_at(item)["role"] == "leak"
    for fmt in FORMATS[1:]:
        assert cut(case.export("claims", fmt), CLAIM_HEAD) == cut(case.export("claims"), CLAIM_HEAD), fmt


def _judged_in_a_copy(case: ContractCase, folder: Path, claims: list[tuple[str, str, str, str, str]]
                      ) -> dict[str, tuple[str, str]]:
    """CLAIMS added to a copy of the case and judged: claim_id -> (verdict, evidence)."""
    copy = folder / "case"
    shutil.copytree(case.path, copy)
    veracity("add", copy, claims_csv(folder, claims, "more_claims.csv"), "--role", "claims").ok()
    veracity("judge", copy).ok()
    out = folder / "claims.json"
    veracity("export", copy, "--what", "claims", "--format", "json", "-o", out).ok()
    return {c["claim_id"]: (c["verdict"], c["evidence"]) for c in json.loads(out.read_text("utf-8"))}


def test_a_claim_in_english_spelling_finds_the_arabic_script_row(case: ContractCase, tmp_path: Path) -> None:
    english = PS[6].latin.replace("Toxti", "Tohti").replace("Exmet", "Ehmet")
    assert english != PS[6].latin
    got = _judged_in_a_copy(case, tmp_path, [("E1", english, "", "never_detained", "")])
    assert got["E1"] == ("contradicted", f"{BOOK}:{ARABIC}:2")


def test_a_reason_written_in_uyghur_latin_is_understood(case: ContractCase, tmp_path: Path) -> None:
    got = _judged_in_a_copy(case, tmp_path, [("R1", PS[0].latin, "", "detained_for", "praying")])
    assert got["R1"] == ("supported", f"{BOOK}:{LATIN}:1")


def test_summary_counts_records_findings_and_verdicts(case: ContractCase) -> None:
    summary = case.summary()
    assert summary["records_by_role"] == {"leak": 15}
    assert summary["findings_by_check"] == dict(Counter(f["check_id"] for f in case.export("findings")))
    assert summary["verdicts"] == dict(Counter(t[4] for t in CLAIMS_TRUTH.values()))


def test_exports_start_with_the_contract_columns(case: ContractCase) -> None:
    for what, head in {"records": RECORD_HEAD, "findings": FINDING_HEAD, "claims": CLAIM_HEAD}.items():
        assert case.exported_file(what, "csv").read_text("utf-8").splitlines()[0].split(",")[: len(head)] == head


def test_redacted_outputs_hold_no_name_nor_number_not_even_in_the_remarks(case: ContractCase) -> None:
    report = case.folder / "report-redacted.html"
    veracity("report", case.path, "-o", report, "--redact").ok()
    texts = {"report": report.read_text("utf-8")}
    for what in ("records", "findings", "claims"):
        texts[what] = json.dumps(case.export(what, "json", redact=True), ensure_ascii=False)
    texts["records.parquet"] = json.dumps(case.export("records", "parquet", redact=True), ensure_ascii=False)
    shown = PS[:9] + PS[20:26]
    held = spellings(shown) | numbers(shown + PS[10:15], [wrong_check(PS[2].id18)])
    assert [f"{k}: {v}" for k, text in texts.items() for v in held if v.lower() in text.lower()] == []


def test_verify_passes(case: ContractCase) -> None:
    veracity("verify", case.path).ok()
