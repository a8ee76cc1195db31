"""Contract case 9: a list shaped like the Karakax List, testimonies under Uyghur headers, and claims in the forms
officials and reporters write them.

One row per detainee: 年龄 and no birth date, 户籍地, a long 家庭情况 (placed before the number column) naming the
parents with their 18-digit numbers, 社会关系 naming a friend, 类别, 收押原因, two 宗教氛围 columns and 判定意见
(继续培训 / 结业 / 转刑事). The free text must not give the row its name or number. Claims name people in Uyghur
Arabic script, by a 15-digit number, with dates written 2020年2月 and 2017年5月, about a person in no source, and
by a number whose record carries another name. The summary must count what the other exports hold.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
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
    spellings,
    surviving,
)
from .cli import SRC, veracity
from .files import CLAIMS_HEADER, Expected, write_csv
from .people import people
from .shapes3 import detainees, karakax_list, ug_testimonies

PS = people(40, seed=311)
LEAK, WITNESSES, CLAIMS = "墨玉县_教培学员.xlsx", "guwahliq.csv", "声明.csv"
SHEET = "喀拉喀什镇"
TESTIFIED = [PS[0], PS[2], PS[5]]
STRANGER = "阿不都拉·热合曼"  # in no file

pytestmark = pytest.mark.xdist_group("contract-karakax")  # one case per module, built once


DETAINEES = detainees(PS, PS[10:40])


def item(k: int) -> str:
    """The evidence item of PS[k]'s row: a workbook of one sheet is cited source_file:row."""
    return f"{LEAK}:{DETAINEES[k].row}"


# claim_id -> (subject_name, subject_id, assertion, value, verdict, evidence). Decisions: PS[k] 继续培训 when k % 3
# is 0, 结业 when 1, 转刑事 when 2.
CLAIMS_TRUTH = {
    "K1": (PS[0].arabic, "", "never_detained", "", "contradicted", item(0)),
    "K2": ("", PS[1].id15, "detained", "", "supported", item(1)),
    "K3": (PS[1].zh, "", "released", "", "supported", item(1)),  # 结业: graduated
    "K4": (PS[2].zh, "", "released", "", "contradicted", item(2)),  # 转刑事: to criminal proceedings
    "K5": (PS[0].latin, "", "released", "2017年5月", "contradicted", item(0)),  # 继续培训
    "K6": (STRANGER, "", "never_detained", "", "not_found", ""),
    "K7": (STRANGER, PS[4].id18, "never_detained", "", "contradicted", item(4)),  # the number is PS[4]'s
    "K8": (PS[5].arabic, "", "detained_for", "family planning", "supported", item(5)),  # 超生
    "K9": (PS[6].zh, "", "not_detained_for", "religious practice", "contradicted", item(6)),  # 做礼拜
    "K10": (PS[3].zh, "", "detained", "", "supported", item(3)),
}


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("karakax-case")
    built = ContractCase(folder)
    karakax_list(folder, DETAINEES, LEAK)
    built.truth = [Expected(d.person, LEAK, SHEET, d.row, d.number, d.person.sex, "") for d in DETAINEES]
    built.truth += ug_testimonies(folder, TESTIFIED, WITNESSES)
    write_csv(folder / CLAIMS, [CLAIMS_HEADER] + [
        [c, "县政府发言人", "2020年2月", "新闻发布会", n, i, a, v, f"{n or i}现在生活正常"]
        for c, (n, i, a, v, *_) in CLAIMS_TRUTH.items()])
    built.init()
    built.add([folder / LEAK], "leak", "--name", "喀拉喀什镇学员")
    built.add([folder / WITNESSES], "reference")
    built.add([folder / CLAIMS], "claims")
    built.stage("run")
    return built


def test_run_completes(case: ContractCase) -> None:
    assert case.ran["run"].code == 0, case.ran["run"].stdout + case.ran["run"].stderr


def test_each_detainee_is_exported_at_its_row_with_the_number_of_its_column(case: ContractCase) -> None:
    """The sheet name stays although the workbook has one sheet; no birth date where the list gives ages; the
    number is the 身份证号 cell's, never one of the parents' numbers in 家庭情况, and the name never a relative's."""
    expected = [e.exported() for e in case.truth]
    for fmt in FORMATS:
        assert cut(case.export("records", fmt)) == expected, fmt


def test_ages_places_categories_reasons_and_decisions_are_read_from_their_columns(case: ContractCase) -> None:
    leak = [r for r in case.export("records") if r["source_file"] == LEAK]
    got = [(r["age"], r["address"], r["category"], r["reason"], r["decision"]) for r in leak]
    assert got == [(str(d.age), f"墨玉县喀拉喀什镇{k + 1}村", "学员", d.reason, d.decision)
                   for k, d in enumerate(DETAINEES)]


def test_the_free_text_gives_no_relative_a_record_nor_a_field(case: ContractCase) -> None:
    relatives = PS[10:40]
    values = {v for r in case.export("records") for v in r.values()}
    assert not values & (spellings(relatives) | numbers(relatives))


def test_the_wrong_check_character_is_found_on_its_row_and_nothing_from_the_free_text(case: ContractCase) -> None:
    """No finding from the parents' numbers in 家庭情况 (nor the friend in 社会关系)."""
    findings = case.export("findings")
    by_row = {(f["check_id"], f["source_file"], f["sheet"], f["row"]) for f in findings if f["row"]}
    assert by_row - {("id.age_mismatch", LEAK, SHEET, "4")} == {("id.checksum", LEAK, SHEET, "9")}
    for fmt in FORMATS[1:]:
        assert cut(case.export("findings", fmt), FINDING_HEAD) == cut(findings, FINDING_HEAD), fmt


def test_an_age_ten_years_off_its_number_is_found_without_a_document_date(case: ContractCase) -> None:
    found = {(f["check_id"], f["row"]) for f in case.export("findings") if f["check_id"] == "id.age_mismatch"}
    assert found == {("id.age_mismatch", "4")}


def test_the_age_is_judged_at_the_date_the_title_states(case: ContractCase) -> None:
    """The merged title says 2019年6月: ages are judged at the end of that month, and the message says where the date
    was read; the ages, computed in June 2019, agree with it (no ``stat.stated_date_ages`` finding)."""
    findings = case.export("findings")
    [message] = [f["message"] for f in findings if f["check_id"] == "id.age_mismatch"]
    assert message.endswith(f"on the date stated in title row 1 of sheet '{SHEET}' (2019年6月), taken to the end of "
                            "that month (2019-06-30).")
    assert not [f for f in findings if f["check_id"] == "stat.stated_date_ages"]


def test_each_testimony_is_confirmed_against_its_detainees_row(case: ContractCase) -> None:
    links = case.export("links")
    wanted = {(LEAK, SHEET, str(DETAINEES[PS.index(p)].row), WITNESSES, "", str(k)) for k, p in enumerate(TESTIFIED, 1)}
    got = {(li["source_file_a"], li["sheet_a"], li["row_a"], li["source_file_b"], li["sheet_b"], li["row_b"]): li
           for li in links}
    assert wanted <= set(got)
    assert {got[w]["level"] for w in wanted} == {"confirmed"}
    assert [li for key, li in got.items() if key not in wanted and li["level"] != "possible"] == []


def test_claims_in_arabic_script_by_old_numbers_and_chinese_dates_get_their_verdicts(case: ContractCase) -> None:
    got = {c["claim_id"]: (c["verdict"], c["evidence"]) for c in case.export("claims")}
    assert got == {c: (t[4], t[5]) for c, t in CLAIMS_TRUTH.items()}
    for fmt in FORMATS[1:]:
        assert cut(case.export("claims", fmt), CLAIM_HEAD) == cut(case.export("claims"), CLAIM_HEAD), fmt


def test_the_claims_export_keeps_the_claims_dates_as_written(case: ContractCase) -> None:
    assert {c["date"] for c in case.export("claims")} == {"2020年2月"}
    assert case.record_at(item(0))["name"] == PS[0].zh


def test_a_claim_whose_number_belongs_to_another_name_says_so_in_the_export(case: ContractCase) -> None:
    k7 = next(c for c in case.export("claims") if c["claim_id"] == "K7")
    assert "another name" in k7.get("sentence", "")


def test_summary_counts_equal_what_the_other_exports_hold(case: ContractCase) -> None:
    summary = case.summary()
    records, findings, links = case.export("records"), case.export("findings"), case.export("links")
    assert summary["records"] == len(records) == len(case.truth)
    assert summary["records_by_role"] == dict(Counter(r["role"] for r in records))
    assert summary["findings"] == len(findings)
    assert summary["findings_by_check"] == dict(Counter(f["check_id"] for f in findings))
    assert summary["links_by_level"] == dict(Counter(li["level"] for li in links))
    assert summary["confirmed_persons"] == len({(li["source_file_a"], li["row_a"]) for li in links
                                                if li["level"] == "confirmed"}) == len(TESTIFIED)
    assert summary["claims"] == len(case.export("claims"))
    assert summary["verdicts"] == dict(Counter(c["verdict"] for c in case.export("claims")))


def test_exports_start_with_the_contract_columns(case: ContractCase) -> None:
    heads = {"records": RECORD_HEAD, "findings": FINDING_HEAD, "links": LINK_HEAD, "claims": CLAIM_HEAD}
    for what, head in heads.items():
        assert case.exported_file(what, "csv").read_text("utf-8").splitlines()[0].split(",")[: len(head)] == head


def test_redacted_outputs_hold_no_name_nor_number_of_a_detainee_or_a_relative(case: ContractCase) -> None:
    held = spellings(PS[:10]) | {p.zh for p in PS[10:40]} | numbers(PS[:40], [case.truth[7].id_number])
    assert surviving(case.redacted_texts(("records", "findings", "links", "claims")), held) == []


def test_verify_passes(case: ContractCase) -> None:
    veracity("verify", case.path).ok()


# ------------------------------------------------------------------ veracity serve, as an outside script reaches it

TOKEN = "contract-audit-token"


@dataclass
class Served:
    """A ``veracity serve`` process on 127.0.0.1 and what it printed so far."""

    url: str
    printed: list[str]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(case: ContractCase) -> Iterator[Served]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC), "VERACITY_TOKEN": TOKEN, "NO_COLOR": "1"}
    process = subprocess.Popen([sys.executable, "-m", "veracity", "serve", str(case.path), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    printed: list[str] = []
    threading.Thread(target=lambda: printed.extend(process.stdout or ()), daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                httpx.get(f"{url}/login", timeout=5)
                break
            except httpx.TransportError:
                assert process.poll() is None, "".join(printed)
                time.sleep(0.5)
        yield Served(url, printed)
    finally:
        process.terminate()
        process.wait(timeout=20)


def _bearer() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_serve_prints_its_address_with_the_token(served: Served) -> None:
    assert any(f"{served.url}/?token={TOKEN}" in line for line in served.printed), served.printed


@pytest.mark.parametrize("route", ["/", f"/records?q={PS[0].latin}", "/records/1", "/review"])
def test_a_request_without_the_token_gets_no_case_data(served: Served, route: str) -> None:
    response = httpx.get(served.url + route, follow_redirects=False, timeout=30)
    assert response.status_code == 401 or (response.status_code in (302, 303, 307)
                                           and response.headers["location"].startswith("/login"))
    assert PS[0].zh not in response.text and PS[0].arabic not in response.text


def test_a_search_in_latin_or_arabic_script_finds_the_chinese_row_and_the_testimony(served: Served) -> None:
    for query in (PS[0].latin, PS[0].arabic):
        page = httpx.get(f"{served.url}/records", params={"q": query}, headers=_bearer(), timeout=60)
        assert page.status_code == 200, query
        assert PS[0].zh in page.text and PS[0].arabic in page.text, query
        assert PS[1].zh not in page.text, query


def test_a_records_page_shows_its_original_cells(served: Served) -> None:
    page = httpx.get(f"{served.url}/records", params={"q": PS[0].zh}, headers=_bearer(), timeout=60).text
    links = re.findall(r'href="(/records/\d+)"', page)
    assert links, page
    shown = [httpx.get(served.url + link, headers=_bearer(), timeout=60).text for link in links]
    assert any(DETAINEES[0].family in text.replace("&#34;", '"') for text in shown)


def test_the_token_once_opens_a_session_and_a_post_without_csrf_is_refused(served: Served,
                                                                          case: ContractCase) -> None:
    with httpx.Client(base_url=served.url, timeout=60) as browser:
        opened = browser.get("/", params={"token": TOKEN}, follow_redirects=True)
        assert opened.status_code == 200 and "token=" not in str(opened.url)  # the address left without it
        assert browser.get("/review").status_code == 200  # the session cookie, no token
        before = case.fingerprint()[0]
        assert 'name="csrf"' in browser.get("/review").text  # its forms carry their CSRF token
        for action in ("/review/bulk", "/logout"):  # accept every link in the queue; end the session
            assert browser.post(action, data={"decision": "accept"}).status_code == 403, action
        assert browser.get("/review").status_code == 200  # still signed in
        assert case.fingerprint()[0] == before  # nothing audited
