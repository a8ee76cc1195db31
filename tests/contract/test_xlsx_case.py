"""Contract case 1: a two-sheet XLSX leak, testimonies from abroad and a claims file, driven as a script would.

The workbook differs from the sample case in shape: sheet 喀尔赛乡 has a merged title row, a two-row merged
header whose 基本情况 spans three columns, a blank spacer row and a 合计 row, birth dates as 1985.03, 1985年3月,
a date cell and a bare Excel serial, numbers with spaces and lower-case x and in the 15-digit form; sheet
扎瓦镇 has one header row, its columns in another order and sex written 1/2. Every exported record, finding,
link and evidence item must name the sheet and data row where a reader finds it (DESIGN.md).
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from .case import (
    CLAIM_HEAD,
    FINDING_HEAD,
    FORMATS,
    LINK_HEAD,
    RECORD_HEAD,
    ContractCase,
    cut,
    numbers,
    row_findings,
    spellings,
)
from .cli import veracity
from .files import claims_csv, karakax_xlsx, relatives_abroad_csv, wrong_check
from .people import Person, people

LEAK, TESTIMONIES, CLAIMS = "karakax_2019.xlsx", "testimonies.csv", "claims.csv"
ONE, TWO = "喀尔赛乡", "扎瓦镇"

pytestmark = pytest.mark.xdist_group("contract-xlsx")  # one case per module, built once



def _cast() -> list[Person]:
    """Eighteen people; the third one's number ends in X (written x in the leak)."""
    ps = people(40, seed=5)
    x = next(k for k, p in enumerate(ps) if p.id18.endswith("X"))
    ps[2], ps[x] = ps[x], ps[2]
    assert ps[10].born.strftime("%Y%m%d") != ps[0].born.strftime("%Y%m%d")
    return ps[:18]


PS = _cast()
# claim_id -> (subject name, subject id, assertion, value, verdict, evidence items)
CLAIMS_TRUTH = {
    "C1": (PS[0].zh, "", "never_detained", "", "contradicted", [f"{LEAK}:{ONE}:1"]),
    "C2": ("", PS[2].id18, "detained", "", "supported", [f"{LEAK}:{ONE}:3"]),
    "C3": (PS[0].latin, "", "detained_for", "praying", "supported", [f"{LEAK}:{ONE}:1"]),
    "C4": (PS[0].zh, "", "not_detained_for", "religious practice", "contradicted", [f"{LEAK}:{ONE}:1"]),
    "C5": (PS[2].zh, "", "released", "", "supported", [f"{LEAK}:{ONE}:3"]),
    "C6": (PS[3].zh, "", "released", "", "contradicted", [f"{LEAK}:{ONE}:4"]),
    "C7": (PS[1].zh, "", "never_detained", "", "supported", [f"{LEAK}:{ONE}:2"]),
    "C8": (PS[15].zh, "", "never_detained", "", "not_found", []),
    "C9": (PS[8].arabic, "", "detained_for", "礼拜", "supported", [f"{LEAK}:{TWO}:2"]),
    "C10": (PS[5].zh, "", "released", "2016-01-01", "contradicted", [f"{LEAK}:{ONE}:7"]),
}


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("xlsx-case")
    built = ContractCase(folder)
    built.truth = karakax_xlsx(folder, PS) + relatives_abroad_csv(folder, [PS[0], PS[2], PS[3], PS[8]])
    claims_csv(folder, [(c, n, i, a, v) for c, (n, i, a, v, *_) in CLAIMS_TRUTH.items()])
    built.init()
    built.add([folder / LEAK], "leak", "--name", "Karakax list")
    built.add([folder / TESTIMONIES], "reference")
    built.add([folder / CLAIMS], "claims")
    for stage in ("check", "link", "judge"):
        built.stage(stage)
    return built


def test_every_record_is_exported_at_its_sheet_and_data_row(case: ContractCase) -> None:
    assert cut(case.export("records")) == [e.exported() for e in case.truth]


@pytest.mark.parametrize("what", ["records", "findings", "claims"])
def test_json_and_parquet_hold_what_csv_holds(case: ContractCase, what: str) -> None:
    heads = {"records": RECORD_HEAD, "findings": FINDING_HEAD, "claims": CLAIM_HEAD}
    csv_rows = cut(case.export(what), heads[what])
    for fmt in FORMATS[1:]:
        assert cut(case.export(what, fmt), heads[what]) == csv_rows, fmt


def test_exports_start_with_the_contract_columns(case: ContractCase) -> None:
    heads = {"records": RECORD_HEAD, "findings": FINDING_HEAD, "links": LINK_HEAD, "claims": CLAIM_HEAD}
    for what, head in heads.items():
        first = case.exported_file(what, "csv").read_text("utf-8").splitlines()[0].split(",")
        assert first[: len(head)] == head, what
    assert isinstance(json.loads(case.exported_file("records", "json").read_text("utf-8")), list)


def test_the_label_is_shown_beside_the_file_name_and_does_not_replace_it(case: ContractCase) -> None:
    leak = [r for r in case.export("records") if r["role"] == "leak"]
    assert {(r["source_file"], r["label"]) for r in leak} == {(LEAK, "Karakax list")}


def test_planted_defects_are_found_on_their_sheet_and_row(case: ContractCase) -> None:
    findings = case.export("findings")
    expected = {("id.checksum", LEAK, ONE, "6"), ("id.sex_mismatch", LEAK, ONE, "7"),
                ("id.duplicate", LEAK, ONE, "1"), ("id.duplicate", LEAK, TWO, "5"),
                ("id.birthdate_mismatch", LEAK, TWO, "5")}
    if PS[10].male != PS[0].male:
        expected.add(("id.sex_mismatch", LEAK, TWO, "5"))
    assert {f for f in row_findings(findings) if f[0].startswith("id.")} == expected
    duplicate = next(f for f in findings if (f["check_id"], f["sheet"]) == ("id.duplicate", TWO))
    assert f"{LEAK}, {ONE}, row 1" in duplicate["message"]  # the first row, with its sheet


def test_row_findings_name_exported_records_and_dataset_findings_no_row(case: ContractCase) -> None:
    places = {(r["source_file"], r["sheet"], r["row"]) for r in case.export("records")}
    for f in case.export("findings"):
        if f["check_id"].startswith("stat.") or f["check_id"].startswith("format."):
            assert (f["sheet"], f["row"]) == ("", ""), f
        elif f["row"]:
            assert (f["source_file"], f["sheet"], f["row"]) in places, f


def test_each_claim_gets_its_verdict_and_the_rows_it_rests_on(case: ContractCase) -> None:
    assert case.ran["judge"].code == 0, case.ran["judge"].stderr
    got = {c["claim_id"]: (c["verdict"], c["evidence"].split(";") if c["evidence"] else [])
           for c in case.export("claims")}
    assert got == {c: (t[4], t[5]) for c, t in CLAIMS_TRUTH.items()}
    for _, items in got.values():
        for item in items:
            assert case.record_at(item)["role"] == "leak"


def test_summary_counts_what_the_exports_hold(case: ContractCase) -> None:
    summary = case.summary()
    assert summary["records"] == len(case.truth)
    assert summary["records_by_role"] == {"leak": 11, "reference": 4}
    assert summary["findings_by_check"] == dict(Counter(f["check_id"] for f in case.export("findings")))
    assert summary["verdicts"] == dict(Counter(t[4] for t in CLAIMS_TRUTH.values()))


def test_link_pairs_the_testimonies_with_their_leak_rows(case: ContractCase) -> None:
    """A case this small trains no model of its own (data/link_start.tsv): each testimony still reaches its
    person's leak row, on the sheet that holds it, and no testimony reaches anyone else."""
    assert case.ran["link"].code == 0, case.ran["link"].stderr
    links = case.export("links")
    leak = {e.person: e for e in case.truth if e.role == "leak"}
    found = {(li["source_file_a"], li.get("sheet_a", ""), li["row_a"], li["source_file_b"], li["row_b"])
             for li in links}
    expected = {(LEAK, leak[t.person].sheet, str(leak[t.person].row), TESTIMONIES, str(t.row))
                for t in case.truth if t.role == "reference"}
    assert expected <= found
    assert {li["level"] for li in links} <= {"confirmed", "probable", "possible"}
    wrong = {f for f in found if f not in expected}
    assert all(li["level"] == "possible" for li in links
               if (li["source_file_a"], li.get("sheet_a", ""), li["row_a"], li["source_file_b"], li["row_b"]) in wrong)


def test_redacted_report_and_exports_hold_no_name_or_number(case: ContractCase) -> None:
    report = case.folder / "report-redacted.html"
    veracity("report", case.path, "-o", report, "--redact").ok()
    texts = {"report": report.read_text("utf-8")}
    for what in ("records", "findings", "links", "claims", "quotes"):
        texts[what] = case.exported_file(what, "csv", redact=True).read_text("utf-8")
    for fmt in FORMATS[1:]:
        texts[f"records.{fmt}"] = json.dumps(case.export("records", fmt, redact=True), ensure_ascii=False)
    held = spellings(PS[:11]) | numbers(PS[:11], [wrong_check(PS[4].id18), PS[2].id18.lower()])
    assert [f"{k}: {v}" for k, text in texts.items() for v in held if v.lower() in text.lower()] == []


def test_verify_passes_then_names_the_tampered_evidence_file(case: ContractCase, tmp_path: Path) -> None:
    intact = veracity("verify", case.path).ok()
    head = json.loads((case.path / "audit.log").read_text("utf-8").splitlines()[-1])["hash"]
    assert head in intact.stdout  # the head a user may note elsewhere, as a notary would
    copy = tmp_path / "copy"
    shutil.copytree(case.path, copy)
    stored = next(p for p in (copy / "evidence").rglob("*") if p.is_file() and p.stat().st_size > 1000)
    stored.chmod(0o644)
    stored.write_bytes(stored.read_bytes()[:-1] + b"!")
    tampered = veracity("verify", copy)
    assert tampered.code == 1
    assert stored.name[:12] in tampered.stdout + tampered.stderr
