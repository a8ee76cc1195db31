"""What registry systems export as an "Excel" file that is not one: an HTML page, an Excel 2003 XML workbook."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from veracity.case import Case
from veracity.errors import InputError
from veracity.ingest.pipeline import AddRequest, add_files
from veracity.limits import Limits

from .samples import synthetic_id

HEADS = ("买买提·吐尔逊", "热依拉·肉孜")
IDS = tuple(synthetic_id(random.Random(seed)) for seed in range(4))


def _records(case: Case) -> list[tuple[object, ...]]:
    return case.con.execute('SELECT sheet, "row", name, household, address, relation, id_number, birth_date '
                            "FROM records ORDER BY record_id").fetchall()


def _snapshot(case: Case) -> tuple[object, ...]:
    return (case.scalar("SELECT count(*) FROM records"), case.scalar("SELECT count(*) FROM sources"),
            case.audit_head)


PAGE = f"""<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="gb2312">
<style>td {{ mso-number-format:"\\@"; }}</style><script>var rows = "<tr><td>x</td></tr>";</script></head><body>
<table border=1>
<tr><td colspan=5>墨玉县某乡 户籍人员名单</td></tr>
<tr><th>户号</th><th>住址</th><th>姓名</th><th>与户主关系</th><th>身份证号</th></tr>
<tr><td rowspan=2>H001</td><td rowspan=2>墨玉县<br>一村1号</td><td>{HEADS[0]}</td><td>户主</td><td>{IDS[0]}</td></tr>
<tr><td>阿依古丽·买买提</td><td>妻子</td><td>{IDS[1]}&nbsp;</td>
<tr><td>H002</td><td>墨玉县  一村2号</td><td>{HEADS[1]}<table><tr><td>nested</td></tr></table></td><td>户主<td>{IDS[2]}
</table>
<p>制表人：某某</p>
<table><tr><th>姓名</th><th>身份证号</th></tr><tr><td>古丽</td><td>{IDS[3]}</td></tr></table>
</body></html>"""


def test_an_html_page_saved_as_xls_is_read_for_its_tables(case: Case, tmp_path: Path) -> None:
    """Spans fill the rows they cover, <br> is a line break, nested tables and scripts are no cells."""
    path = tmp_path / "名单.xls"
    path.write_bytes(PAGE.encode("gb18030"))
    [outcome] = add_files(case, [path], AddRequest(role="leak"))
    assert (outcome.media_type, outcome.encoding, outcome.tables, outcome.records) == ("text/html", "gb18030", 2, 4)
    assert _records(case) == [
        ("table 1", 1, HEADS[0], "H001", "墨玉县\n一村1号", "户主", IDS[0], None),
        ("table 1", 2, "阿依古丽·买买提", "H001", "墨玉县\n一村1号", "妻子", IDS[1], None),
        ("table 1", 3, HEADS[1], "H002", "墨玉县 一村2号", "户主", IDS[2], None),
        ("table 2", 1, "古丽", None, None, None, IDS[3], None)]


def test_a_page_that_is_only_a_table_is_read(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text(f"<table><tr><td>姓名<td>身份证号<tr><td>{HEADS[0]}<td>{IDS[0]}</table>", encoding="utf-8")
    add_files(case, [path], AddRequest(role="reference"))
    assert [r[:3] for r in _records(case)] == [("table 1", 1, HEADS[0])]


def test_a_page_without_a_table_is_refused_as_a_table_and_the_case_is_unchanged(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text("<html><body><p>官员说：他们从未去过培训中心。</p></body></html>", encoding="utf-8")
    before = _snapshot(case)
    with pytest.raises(InputError, match="without a table; add it with --role claims") as caught:
        add_files(case, [path], AddRequest(role="leak"))
    assert caught.value.source == "news.html" and _snapshot(case) == before


def test_a_span_wider_than_the_column_limit_names_its_place(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "wide.html"
    path.write_text("<table><tr><td>姓名<td>性别<tr><td colspan=5000>x</table>", encoding="utf-8")
    with pytest.raises(InputError, match="1000 columns, more than the limit of 20") as caught:
        add_files(case, [path], AddRequest(role="leak", limits=Limits(max_columns=20)))
    assert caught.value.place == "table 1 row 2"


SS = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'


def _cell(value: str, kind: str = "String", extra: str = "") -> str:
    return f'<Cell{extra}><Data ss:Type="{kind}">{value}</Data></Cell>'


WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook {SS} xmlns:html="http://www.w3.org/TR/REC-html40">
<Worksheet ss:Name="一村"><Table>
<Row>{_cell("一村人员名单", extra=' ss:MergeAcross="3"')}</Row>
<Row ss:Index="3">{''.join(_cell(h) for h in ("户号", "姓名", "身份证号", "出生日期"))}</Row>
<Row>{_cell("H001", extra=' ss:MergeDown="1"')}{_cell(HEADS[0])}{_cell(IDS[0])}{_cell("1975-03-15T00:00:00.000",
                                                                                        "DateTime")}</Row>
<Row><Cell ss:Index="2"><ss:Data ss:Type="String"><html:B>阿依古丽</html:B>·买买提</ss:Data></Cell>
  {_cell(IDS[1])}{_cell("1978.10.5")}</Row>
<Row ss:Index="7">{_cell("H002")}{_cell(HEADS[1])}{_cell(IDS[2], extra=' ss:Index="3"')}{_cell("28000", "Number")}</Row>
</Table></Worksheet>
<Worksheet ss:Name="空"><Table></Table></Worksheet>
<Worksheet ss:Name="二村"><Table>
<Row>{_cell("姓名")}{_cell("身份证号")}</Row><Row>{_cell("古丽")}{_cell(IDS[3])}</Row>
</Table></Worksheet>
</Workbook>"""


def test_an_excel_2003_xml_workbook_is_read_sheet_by_sheet(case: Case, tmp_path: Path) -> None:
    """Rows and cells that name their index leave the skipped ones empty; merges fill what they cover;
    DateTime and Number cells keep their type (a date and an Excel serial)."""
    path = tmp_path / "名单.xls"
    path.write_text(WORKBOOK, encoding="utf-8")
    [outcome] = add_files(case, [path], AddRequest(role="leak"))
    assert (outcome.media_type, outcome.tables, outcome.records) == ("application/xml", 3, 4)
    assert [(r[0], r[1], r[2], r[3], r[6], r[7]) for r in _records(case)] == [
        ("一村", 1, HEADS[0], "H001", IDS[0], "1975-03-15"),
        ("一村", 2, "阿依古丽·买买提", "H001", IDS[1], "1978-10-05"),
        ("一村", 4, HEADS[1], "H002", IDS[2], (dt.date(1899, 12, 30) + dt.timedelta(28000)).isoformat()),
        ("二村", 1, "古丽", None, IDS[3], None)]


@pytest.mark.parametrize(("text", "message"), [
    ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "an XML document, not a table"),
    (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><Workbook {SS}>'
     "<Worksheet><Table><Row><Cell><Data>&b;</Data></Cell></Row></Table></Worksheet></Workbook>",
     "cannot read the file"),
    (f'<?xml version="1.0"?><Workbook {SS}><Worksheet><Table><Row><Cell>', "cannot read the file"),
], ids=["other-xml", "entities", "truncated"])
def test_other_and_hostile_xml_is_refused_and_the_case_is_unchanged(
        case: Case, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    before = _snapshot(case)
    with pytest.raises(InputError, match=message) as caught:
        add_files(case, [path], AddRequest(role="leak"))
    assert caught.value.source == "export.xml" and _snapshot(case) == before
