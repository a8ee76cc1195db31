"""Ditto marks (同上, 〃, ditto) in free-text columns hold the value of the row above."""

from __future__ import annotations

from pathlib import Path

from veracity.case import Case
from veracity.ingest.pipeline import AddRequest, add_files


def _add(case: Case, path: Path, lines: list[str]) -> list[tuple[object, ...]]:
    path.write_text("\r\n".join(lines) + "\r\n", "utf-8")
    add_files(case, [path], AddRequest(role="leak"))
    return case.con.execute('SELECT address, category, reason, name FROM records ORDER BY "row"').fetchall()


def test_marks_take_the_value_above_in_text_columns_only(case: Case, tmp_path: Path) -> None:
    rows = _add(case, tmp_path / "r.csv", [
        "序号,姓名,家庭住址,人员类别,收押原因",
        "1,买买提·肉孜,一村,学员,做礼拜",
        "2,同上,同上,〃,同 上",  # a name is never copied from another person
        "3,托合提·玉素甫,二村,家属,Ditto",
        "4,肉孜·托合提,〃,〃,",
    ])
    assert rows == [("一村", "学员", "做礼拜", "买买提·肉孜"), ("一村", "学员", "做礼拜", "同上"),
                    ("二村", "家属", "做礼拜", "托合提·玉素甫"), ("二村", "家属", None, "肉孜·托合提")]


def test_a_mark_with_nothing_above_stays_and_the_cells_keep_the_marks(case: Case, tmp_path: Path) -> None:
    lines = ["姓名,家庭住址", "买买提·肉孜,同上", "托合提·玉素甫,一村", "肉孜·托合提,同上"]
    rows = _add(case, tmp_path / "r.csv", lines)
    assert [r[0] for r in rows] == ["同上", "一村", "一村"]
    assert '"同上"' in case.scalar('SELECT cells FROM records WHERE "row" = 3')
