"""A small generated leak (detainees and relatives, synthetic names and numbers) and claims about it."""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import synthetic_id
from veracity.case import Case
from veracity.claims.judge import judge_case
from veracity.ingest.pipeline import AddRequest, add_files

LEAK_HEADER = ("序号", "姓名", "与户主关系", "性别", "身份证号", "出生日期", "住址", "人员类别", "收押原因", "收押时间",
               "处理意见")
CLAIM_HEADER = ("claim_id", "speaker", "date", "source", "subject_name", "subject_id", "assertion", "value", "quote")
PLACE = "墨玉县喀尔赛乡3村"


def person(name: str, category: str, reason: str = "", detained_on: str = "", decision: str = "",
           born: date = date(1985, 3, 12), seed: int = 0) -> tuple[str, ...]:
    """One leak row (without its serial number) for a generated person."""
    number = synthetic_id(random.Random(f"{name}{seed}"), born, True)
    return (name, "户主", "男", number, born.isoformat(), PLACE, category, reason, detained_on, decision)


ROWS = (
    person("买买提·吐尔逊", "学员", "做礼拜；属于不放心人员", "2017-05-02", "建议继续培训"),
    person("阿不都热依木·艾买提", "学员", "超生", "2017-06-10", "已结业"),
    person("热依拉·肉孜", "家属"),
    person("努尔买买提·库尔班", "学员", "", "2017-08-01", "可以结业"),
    person("帕提古丽·托合提", "学员", "80后不放心人员", "2018-01-03", ""),
    person("艾合买提·阿不都拉", "学员", "有亲属在国外", "2017-09-09", "继续培训", seed=1),
    person("艾合买提·阿不都拉", "家属", seed=2),
    person("古丽米热·吐尔逊", "学员", "不按时交电费", "2017-04-04", ""),
    person("木克热木·吾拉木", "学员", "亲属在境外", "2017-07-07", "继续培训"),  # Mukerrem Ghulam
    person("木克热木·克力木", "家属"),  # Mukerrem Kerim, whom "Mukerrem Ghulam" matches more closely by sound
)


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def leak_case(case: Case, tmp_path: Path) -> Case:
    """A case holding the small leak (leak.csv, one table: evidence items are leak.csv:ROW)."""
    rows = [(str(k), *r) for k, r in enumerate(ROWS, start=1)]
    add_files(case, [write_csv(tmp_path / "leak.csv", LEAK_HEADER, rows)], AddRequest("leak"))
    return case


Judge = Callable[..., tuple[str, str, str]]


@pytest.fixture
def judge_one(leak_case: Case, tmp_path: Path) -> Judge:
    """Add one claim, judge the case, return (verdict, evidence, sentence) of that claim."""
    counter = iter(range(1, 1000))

    def run(subject: str, assertion: str, value: str = "", subject_id: str = "", date_: str = "2020-02-20"
            ) -> tuple[str, str, str]:
        k = next(counter)
        path = write_csv(tmp_path / f"claims{k}.csv", CLAIM_HEADER,
                         [(f"K{k}", "a county spokesperson", date_, "press conference", subject, subject_id,
                           assertion, value, "")])
        add_files(leak_case, [path], AddRequest("claims"))
        judge_case(leak_case)
        row = leak_case.con.execute("SELECT verdict, evidence, sentence FROM verdicts WHERE claim_id = ?",
                                    [f"K{k}"]).fetchone()
        assert row is not None
        return str(row[0]), str(row[1]), str(row[2])

    return run


def leak_id(row: int) -> str:
    """The identity number on data row ROW of the small leak."""
    return ROWS[row - 1][3]
