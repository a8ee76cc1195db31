"""The SQL id rules and ``veracity.idnumber.validate`` name the same problems on generated numbers."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from veracity.case import Case
from veracity.checks import run_checks
from veracity.idnumber import check_character, validate

from .check_fixtures import TODAY, insert_rows

SHARED = ("id.format", "id.checksum", "id.birthdate_invalid", "id.region_unknown")


def _numbers(n: int, seed: int = 9) -> list[str]:
    """Generated numbers, about half with one defect each (never real people)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(36_000))
        region = rng.choice(("653222", "653201", "650102", "659999", "110105"))
        day = rng.choice((f"{born:%Y%m%d}",) * 8 + ("19850230", "19851301", "20300101"))
        body = f"{region}{day}{rng.randrange(1000):03d}"
        number = body + (check_character(body) if rng.random() < 0.7 else rng.choice("0123456789X"))
        out.append(rng.choice((number,) * 9 + (number[:17], number[:6] + number[8:17])))
    return out


def test_sql_rules_agree_with_validate(new_case: Callable[[], Case]) -> None:
    numbers = _numbers(600)
    case = new_case()
    insert_rows(case, [{"id_number": n} for n in numbers], document_date=None)
    run_checks(case, today=TODAY)
    found = case.con.execute(f"SELECT \"row\", check_id FROM findings WHERE check_id IN {SHARED}").fetchall()
    expected = {(k + 1, problem) for k, n in enumerate(numbers)
                for problem in validate(n, today=TODAY).problems if problem in SHARED}
    assert set(found) == expected
