"""The reading pages: search across scripts, filters, record page, findings, sources, report."""

from __future__ import annotations

from fastapi.testclient import TestClient

from veracity.case import open_case
from veracity.web import nameindex

from .cases import LEAK, WebCase


def _names(client: TestClient, **params: str) -> str:
    text = client.get("/records", params=params).text
    return text[text.index('id="records"'):]


def test_latin_search_finds_the_chinese_record(client: TestClient) -> None:
    assert "阿不都热合木·吐尔逊" in _names(client, q="Abdurehim Tursun")


def test_arabic_search_finds_the_chinese_record(client: TestClient) -> None:
    assert "阿不都热合木·吐尔逊" in _names(client, q="ئابدۇرېھىم تۇرسۇن")


def test_search_leaves_out_other_people(client: TestClient) -> None:
    assert "买买提·肉孜" not in _names(client, q="Abdurehim Tursun")


def test_identity_number_prefix_is_searched(web_case: WebCase, client: TestClient) -> None:
    with open_case(web_case.path) as case:
        case.con.execute("UPDATE records SET id_number = '65322219800101123X' WHERE record_id = 3")
    assert "阿依古丽·库尔班" in _names(client, q="6532221980")


def test_role_filter_keeps_one_role(client: TestClient) -> None:
    shown = _names(client, q="Abdurehim Tursun", role="reference")
    assert "Abdurehim Tursun" in shown and "阿不都热合木·吐尔逊" not in shown


def test_finding_filter_keeps_the_rows_it_names(client: TestClient) -> None:
    shown = _names(client, check="id.checksum")
    assert "买买提·肉孜" in shown and "阿不都热合木·吐尔逊" not in shown


def test_records_added_later_are_keyed_before_a_search(web_case: WebCase) -> None:
    with open_case(web_case.path) as case:
        nameindex.refresh(case)
        case.con.execute("INSERT INTO records (record_id, source_id, source_file, sheet, table_no, \"row\", role, "
                         "name, cells) VALUES (500, 1, ?, 'Sheet1', 1, 9, 'leak', '古丽米热·托合提', '[]')", [LEAK])
        assert nameindex.refresh(case) == 1


def test_record_page_shows_the_original_cells(client: TestClient) -> None:
    text = client.get("/records/2").text
    assert 'id="cells"' in text and "买买提·肉孜" in text.split('id="cells"')[1]


def test_record_page_shows_its_findings(client: TestClient) -> None:
    assert "wrong check character" in client.get("/records/2").text


def test_record_page_lists_its_household(client: TestClient) -> None:
    assert "热依拉·托合提" in client.get("/records/1").text.split("Household")[1]


def test_unknown_record_is_404(client: TestClient) -> None:
    assert client.get("/records/999").status_code == 404


def test_findings_page_counts_by_rule(client: TestClient) -> None:
    text = client.get("/findings").text
    assert "id.checksum" in text.split('id="rules"')[1]


def test_overview_says_linkage_not_run(client: TestClient) -> None:
    assert "link not run yet" in client.get("/").text


def test_sources_page_reports_integrity(client: TestClient) -> None:
    assert 'id="integrity"' in client.get("/sources").text


def test_report_download_is_an_attachment(client: TestClient) -> None:
    assert client.get("/report", params={"redact": 1}).headers["content-disposition"].startswith("attachment")


def test_redacted_report_drops_the_name_the_full_report_shows(client: TestClient) -> None:
    name = "阿不都热合木·吐尔逊"
    full, redacted = (client.get("/report", params={"redact": r}).text for r in (0, 1))
    assert (name in full, name in redacted) == (True, False)
