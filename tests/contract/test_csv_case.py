"""Contract case 3: a register as Excel exports it to CSV (UTF-8 with BOM, CRLF, a title line, quoted cells
holding commas and line breaks, a blank line, a total line, dates 1985/3/14), the same register in GB18030,
and bad input of every kind refused with exit code 2, one line naming the file and place, the case unchanged.

Rows are counted as a reader counts them in the spreadsheet the CSV came from: one per CSV record (a quoted
line break does not start a row), the blank line counted, the title above the header not numbered.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from .case import ContractCase, cut, row_findings
from .cli import Ran, veracity
from .files import address, claims_csv, excel_csv, karakax_xlsx
from .people import people

PS = people(12, seed=21)
UTF8, GB = "名单_导出.csv", "名单_gb18030.csv"

pytestmark = pytest.mark.xdist_group("contract-csv")  # one case per module, built once



@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("csv-case")
    built = ContractCase(folder)
    built.truth = excel_csv(folder, PS, UTF8) + excel_csv(folder, PS, GB, encoding="gb18030")
    built.init()
    built.add([folder / UTF8, folder / GB], "leak")
    built.stage("check")
    return built


def test_records_are_counted_by_csv_record_not_by_line(case: ContractCase) -> None:
    assert cut(case.export("records")) == [e.exported() for e in case.truth]


def test_quoted_commas_and_line_breaks_stay_in_the_cell(case: ContractCase) -> None:
    assert [r["address"] for r in case.export("records")] == [address(k) for k in range(1, 7)] * 2


def test_both_encodings_give_the_same_records(case: ContractCase) -> None:
    rows = case.export("records", "parquet")
    utf8, gb = ([{k: v for k, v in r.items() if k not in ("source_file", "label")} for r in rows
                 if r["source_file"] == name] for name in (UTF8, GB))
    assert utf8 == gb


def test_the_shared_number_and_its_mismatches_are_found_on_rows_2_and_5(case: ContractCase) -> None:
    expected = {("id.duplicate", name, "", "2") for name in (UTF8, GB)}
    expected |= {(check, name, "", "5") for name in (UTF8, GB) for check in ("id.duplicate", "id.birthdate_mismatch")}
    if PS[3].male != PS[1].male:
        expected |= {("id.sex_mismatch", name, "", "5") for name in (UTF8, GB)}
    assert {f for f in row_findings(case.export("findings")) if f[0].startswith("id.")} == expected


# ------------------------------------------------------------------ bad input: exit 2, one line, case unchanged

def _refused(ran: Ran, *named: str) -> None:
    lines = [line for line in (ran.stdout + ran.stderr).splitlines() if line.strip()]
    assert ran.code == 2, (ran.code, lines)
    assert len(lines) == 1, lines
    for text in named:
        assert text in lines[0], (text, lines[0])
    assert "Traceback" not in ran.stderr


def _truncated_xlsx(folder: Path) -> Path:
    karakax_xlsx(folder, people(12, seed=3), name="whole.xlsx")
    data = (folder / "whole.xlsx").read_bytes()
    (folder / "cut.xlsx").write_bytes(data[: len(data) // 2])
    return folder / "cut.xlsx"


def _bomb_xlsx(folder: Path) -> Path:
    """A workbook whose sheet inflates a thousandfold (a zip bomb in miniature, over the ratio limit)."""
    karakax_xlsx(folder, people(12, seed=3), name="base.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(folder / "base.xlsx") as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b"</sheetData>" + b" " * 50_000_000)
            dst.writestr(item, data)
    (folder / "bomb.xlsx").write_bytes(out.getvalue())
    return folder / "bomb.xlsx"


BAD_INPUTS = {
    "missing file": lambda f: (["add", "{case}", f / "absent.csv", "--role", "leak"], ["absent.csv"]),
    "truncated xlsx": lambda f: (["add", "{case}", _truncated_xlsx(f), "--role", "leak"], ["cut.xlsx"]),
    "zip bomb": lambda f: (["add", "{case}", _bomb_xlsx(f), "--role", "leak"], ["bomb.xlsx"]),
    "binary as csv": lambda f: (["add", "{case}", _write(f / "photo.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
                                 "--role", "leak"], ["photo.csv"]),
    "header only": lambda f: (["add", "{case}", _write(f / "empty.csv", "序号,姓名,身份证号\r\n".encode()),
                               "--role", "leak"], ["empty.csv"]),
    "map unknown column": lambda f: (["add", "{case}", _copy(f, UTF8, "other.csv"), "--role", "leak",
                                      "--map", "电话=name"], ["other.csv", "电话"]),
    "map unknown field": lambda f: (["add", "{case}", _copy(f, UTF8, "other2.csv"), "--role", "leak",
                                     "--map", "姓名=nickname"], ["姓名", "nickname"]),
    "unknown assertion": lambda f: (["add", "{case}", claims_csv(f, [("K1", PS[0].zh, "", "disappeared", "")],
                                                                   "bad_claims.csv"), "--role", "claims"],
                                    ["bad_claims.csv", "row 1"]),
    "not a case": lambda f: (["export", f / "nowhere", "--what", "records", "--format", "csv"], ["nowhere"]),
    "export into a missing folder": lambda f: (["export", "{case}", "--what", "records", "--format", "csv", "-o",
                                                f / "gone" / "r.csv"], ["gone"]),
    "report into a missing folder": lambda f: (["report", "{case}", "-o", f / "gone" / "r.html"], ["gone"]),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _copy(folder: Path, name: str, to: str) -> Path:
    return _write(folder / to, (folder / name).read_bytes().replace("墨玉县".encode(), "和田县".encode()))


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_one_line_and_the_case_unchanged(case: ContractCase, kind: str) -> None:
    before = case.fingerprint()
    args, named = BAD_INPUTS[kind](case.folder)
    ran = veracity(*[case.path if a == "{case}" else a for a in args])
    _refused(ran, *named)
    assert case.fingerprint() == before


def test_adding_the_same_bytes_again_succeeds_and_says_so(case: ContractCase) -> None:
    before = case.fingerprint()[1:]
    ran = veracity("add", case.path, case.folder / UTF8, "--role", "leak").ok()
    assert "already" in ran.stdout
    assert case.fingerprint()[1:] == before


def test_usage_errors_exit_2(case: ContractCase) -> None:
    assert veracity("export", case.path, "--what", "people", "--format", "csv").code == 2
    assert veracity("add", case.path, case.folder / UTF8, "--role", "witness").code == 2
    assert veracity("init", case.path).code == 2  # already a case


def test_export_to_dash_writes_stdout(case: ContractCase) -> None:
    ran = veracity("export", case.path, "--what", "records", "--format", "csv", "-o", "-", cwd=case.folder).ok()
    assert ran.stdout.splitlines()[0].startswith("source_file,sheet,row,role,name,id_number")
    assert not (case.folder / "-").exists()
