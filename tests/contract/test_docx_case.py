"""Contract case 2: a Word leak of three tables under Uyghur headers, names in Arabic script only, linked to
a second official register in GB18030 that writes the same people in Chinese.

Table 2 continues table 1 after a page break under the header repeated: in a Word file these are two tables
(`table 1`, `table 2`), each counted from its own header (DESIGN.md: `sheet` is `table N` for the N-th table of
a document). The file name itself is in Uyghur script, and `source_file` must keep it.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from .case import ContractCase, cut, numbers, row_findings, spellings
from .cli import veracity
from .files import claims_csv, gb18030_register, uyghur_docx, wrong_check
from .people import people

PS = people(12, seed=9)
LEAK, REGISTER = "قاراقاش_تىزىملىك.docx", "户籍登记.csv"
CLAIMS_TRUTH = {  # claim_id -> (subject name, assertion, value, verdict, evidence)
    "D1": (PS[0].latin, "never_detained", "", "contradicted", f"{LEAK}:table 1:1"),
    "D2": (PS[5].arabic, "detained_for", "praying", "supported", f"{LEAK}:table 2:1"),
    "D3": (PS[2].zh, "never_detained", "", "contradicted", f"{LEAK}:table 1:4"),
}

pytestmark = pytest.mark.xdist_group("contract-docx")  # one case per module, built once



@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("docx-case")
    built = ContractCase(folder)
    built.truth = uyghur_docx(folder, PS[:10]) + gb18030_register(folder, PS[:8])
    claims_csv(folder, [(c, n, "", a, v) for c, (n, a, v, *_) in CLAIMS_TRUTH.items()])
    built.init()
    built.add([folder / LEAK], "leak")
    built.add([folder / REGISTER], "reference", "--name", "户籍")
    built.add([folder / "claims.csv"], "claims")
    built.stage("run")
    return built


def test_every_table_row_is_exported_with_its_table_and_row(case: ContractCase) -> None:
    assert cut(case.export("records")) == [e.exported() for e in case.truth]


def test_the_gb18030_register_is_read_as_gb18030(case: ContractCase) -> None:
    assert "gb18030" in case.ran[f"add {REGISTER}"].stdout.lower()


def test_run_completes(case: ContractCase) -> None:
    assert case.ran["run"].code == 0, case.ran["run"].stderr


def test_the_wrong_check_character_is_found_in_table_2_row_2(case: ContractCase) -> None:
    found = {f for f in row_findings(case.export("findings")) if f[0].startswith("id.")}
    assert found == {("id.checksum", LEAK, "table 2", "2")}


def test_a_small_register_with_every_number_right_is_not_flagged(case: ContractCase) -> None:
    """Eight rows, every check character and sex digit right: too few to tell from chance, no reason to flag."""
    assert [f["check_id"] for f in case.export("findings") if f["source_file"] == REGISTER] == []


def test_links_join_each_arabic_row_to_the_register_row_of_its_number(case: ContractCase) -> None:
    links = case.export("links")
    leak = {e.id_number: e for e in case.truth if e.role == "leak"}
    wanted = {(LEAK, leak[e.id_number].sheet, str(leak[e.id_number].row), REGISTER, str(e.row))
              for e in case.truth if e.role == "reference" and e.id_number in leak}
    got = {(li["source_file_a"], li["sheet_a"], li["row_a"], li["source_file_b"], li["row_b"]) for li in links}
    assert len(wanted) == 7
    assert wanted <= got
    assert {li["level"] for li in links if (li["sheet_a"], li["row_a"]) in {(w[1], w[2]) for w in wanted}} == {
        "confirmed"}
    records = {(r["source_file"], r["sheet"], r["row"]): r for r in case.export("records")}
    for li in links:  # side a is the leak record, and both sides name records that exist
        assert records[(li["source_file_a"], li["sheet_a"], li["row_a"])]["role"] == "leak"
        assert (li["source_file_b"], li["sheet_b"], li["row_b"]) in records


def test_claims_in_any_script_find_the_arabic_rows_and_cite_their_table(case: ContractCase) -> None:
    got = {c["claim_id"]: (c["verdict"], c["evidence"]) for c in case.export("claims")}
    assert got == {c: (t[3], t[4]) for c, t in CLAIMS_TRUTH.items()}
    for _, evidence in got.values():
        assert case.record_at(evidence)["source_file"] == LEAK


def test_summary_counts_links_and_confirmed_persons(case: ContractCase) -> None:
    summary = case.summary()
    assert summary["links_by_level"] == dict(Counter(li["level"] for li in case.export("links")))
    assert summary["confirmed_persons"] == len({(li["sheet_a"], li["row_a"]) for li in case.export("links")
                                                if li["level"] == "confirmed"})


def test_redacted_outputs_hold_no_arabic_chinese_or_latin_name_nor_number(case: ContractCase) -> None:
    report = case.folder / "report-redacted.html"
    veracity("report", case.path, "-o", report, "--redact").ok()
    texts = {"report": report.read_text("utf-8")}
    for what in ("records", "links", "claims", "findings"):
        texts[what] = json.dumps(case.export(what, "json", redact=True), ensure_ascii=False)
    held = spellings(PS[:10]) | numbers(PS[:10], [wrong_check(PS[6].id18)])
    assert [f"{k}: {v}" for k, text in texts.items() for v in held if v.lower() in text.lower()] == []
