"""Shared fixtures: a fresh case and small generated input files (synthetic people only)."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from veracity.case import Case, create_case
from veracity.idnumber import check_character

GIVEN = ("买买提", "阿不都热依木", "艾合买提", "阿依古丽", "古丽米热", "热依拉", "努尔买买提", "帕提古丽")
FATHERS = ("吐尔逊", "艾买提", "阿不都拉", "肉孜", "托合提", "库尔班")


def synthetic_id(rng: random.Random, born: date, male: bool, region: str = "653222") -> str:
    """A valid-looking number for a generated person (never a real one)."""
    body = f"{region}{born:%Y%m%d}{rng.randrange(500) * 2 + male:03d}"
    return body + check_character(body)


def synthetic_people(n: int, seed: int = 7) -> list[dict[str, str]]:
    """N generated people with Chinese-transliterated Uyghur names, sex, birth date and id."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        male = rng.random() < 0.5
        born = date(1950, 1, 1) + timedelta(days=rng.randrange(20000))
        out.append({"name": f"{rng.choice(GIVEN)}{k}·{rng.choice(FATHERS)}", "sex": "男" if male else "女",
                    "born": born.isoformat(), "id": synthetic_id(rng, born, male)})
    return out


def write_register(path: Path, people: list[dict[str, str]], encoding: str = "utf-8") -> Path:
    """A CSV register with Chinese headers."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["序号", "姓名", "性别", "身份证号", "出生日期", "住址"])
        for k, p in enumerate(people, start=1):
            writer.writerow([k, p["name"], p["sex"], p["id"], p["born"], "墨玉县喀尔赛乡3村"])
    return path


@pytest.fixture
def case(tmp_path: Path) -> Iterator[Case]:
    with create_case(tmp_path / "case") as made:
        yield made
