"""A small synthetic case written straight into the tables: a leak, testimonies in Latin and Arabic
script, claims, findings. Every person is generated (random name parts, random id numbers)."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from veracity.case import Case, create_case
from veracity.idnumber import check_character

# name parts in three scripts: Chinese transliteration, Uyghur Latin, Uyghur Arabic
PARTS = (
    ("买买提", "Memet", "مەمەت"), ("吐尔逊", "Tursun", "تۇرسۇن"),
    ("阿依古丽", "Aygül", "ئايگۈل"), ("艾合买提", "Exmet", "ئەخمەت"),
    ("热依拉", "Reyila", "رەيىلا"), ("阿不都热依木", "Abduréhim", "ئابدۇرېھىم"),
    ("古丽米热", "Gülmire", "گۈلمىرە"), ("努尔买买提", "Nurmemet", "نۇرمەمەت"),
    ("肉孜", "Rozi", "روزى"), ("库尔班", "Qurban", "قۇربان"),
    ("托合提", "Toxti", "توختى"), ("帕提古丽", "Patigül", "پاتىگۈل"),
)
REASONS = ("宗教极端", "去过26个敏感国家", "无正当理由出国", "不放心人员", "生育超生")
DECISIONS = ("继续培训", "结业", "转入职业技能培训")
LEAK, TESTIMONIES, CLAIMS = "karakax_like.xlsx", "testimonies.csv", "claims.csv"


@dataclass(frozen=True)
class Person:
    """One generated person with the name in three scripts."""

    zh: str
    latin: str
    arabic: str
    id_number: str
    sex: str
    born: dt.date
    household: str


@dataclass(frozen=True)
class Synthetic:
    """The generated people and where the case was written."""

    path: Path
    people: tuple[Person, ...]

    def names(self) -> set[str]:
        """Every name the case holds, in every script, with and without separators."""
        out: set[str] = set()
        for p in self.people:
            for name in (p.zh, p.latin, p.arabic):
                out |= {name, name.replace("·", ""), name.replace(" ", ""), name.replace("·", " ")}
        return out

    def id_numbers(self) -> set[str]:
        return {p.id_number for p in self.people}


def _person(rng: random.Random, k: int, pair: tuple[int, int]) -> Person:
    given, father = PARTS[pair[0]], PARTS[pair[1]]
    male = rng.random() < 0.6
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(18000))
    body = f"653222{born:%Y%m%d}{rng.randrange(500) * 2 + male:03d}"
    return Person(f"{given[0]}·{father[0]}", f"{given[1]} {father[1]}", f"{given[2]} {father[2]}",
                  body + check_character(body), "M" if male else "F", born, f"H{k // 4:03d}")


def _source(case: Case, sid: int, name: str, role: str, n: int) -> None:
    case.con.execute(
        "INSERT INTO sources (source_id, sha256, source_file, label, role, media_type, size, added_at, "
        "encoding, n_tables, n_records, authentic) "
        "VALUES (?, ?, ?, '', ?, 'text/csv', ?, now(), 'utf-8', 1, ?, false)",
        [sid, f"{sid:02d}" + "ab" * 31, name, role, 1000 + n, n])


def _record(case: Case, rid: int, sid: int, row: int, values: dict[str, object]) -> None:
    source_file, role = {1: (LEAK, "leak"), 2: (TESTIMONIES, "reference")}[sid]
    cols = ["record_id", "source_id", "source_file", "sheet", "table_no", "row", "role", "cells", *values]
    sheet = "Sheet1" if sid == 1 else ""
    params = [rid, sid, source_file, sheet, 1, row, role, json.dumps({}), *values.values()]
    quoted = ", ".join(f'"{c}"' for c in cols)
    case.con.execute(f"INSERT INTO records ({quoted}) VALUES ({', '.join('?' * len(cols))})", params)


def _leak(case: Case, rng: random.Random, people: list[Person]) -> None:
    for k, p in enumerate(people):
        detained = k % 4 == 0
        _record(case, k + 1, 1, k + 1, {
            "name": p.zh, "id_number": p.id_number, "sex": p.sex, "birth_date": p.born.isoformat(),
            "address": f"墨玉县喀尔赛乡{k % 5 + 1}村{k}号", "household": p.household,
            "relation": "户主" if detained else "亲属",
            "reason": f"{rng.choice(REASONS)}，其兄{people[(k + 1) % len(people)].zh}在境外"
            if detained else None,
            "detained_on": f"2017-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}"
            if detained else None,
            "decision": rng.choice(DECISIONS) if detained else None})


def _testimonies(case: Case, people: list[Person]) -> None:
    for k, p in enumerate(people[::3]):
        _record(case, 10_000 + k, 2, k + 1, {
            "name_latin": p.latin, "name_arabic": p.arabic, "birth_date": str(p.born.year),
            "address": "Qaraqash County, Qarsay Township, Village 3",
            "reason": f"My brother {p.latin} was taken in 2017; his number is {p.id_number}."})


def _claims(case: Case, people: list[Person]) -> None:
    rows = [("C01", people[0].zh, "", "never_detained", f"{people[0].zh}从未进入过职业技能教育培训中心。"),
            ("C02", people[4].latin, "", "never_detained", f"{people[4].latin} has never attended a centre."),
            ("C03", people[8].zh.replace("·", ""), people[8].id_number, "detained_for",
             f"{people[8].zh.replace('·', '')} ({people[8].id_number}) studied there.")]
    for row, (cid, name, number, assertion, quote) in enumerate(rows, 1):
        case.con.execute(
            "INSERT INTO claims VALUES (?, 3, ?, '', ?, 'spokesperson', '2020-02-20', 'press conference', "
            "?, ?, ?, '', ?)", [cid, CLAIMS, row, name, number, assertion, quote])


def _findings(case: Case, people: list[Person]) -> None:
    for k in (1, 2, 5):
        case.con.execute(
            "INSERT INTO findings VALUES ('id.checksum', 'error', ?, 'Sheet1', ?, ?, ?, 'check', NULL)",
            [LEAK, k + 1, k + 1, f"{people[k].zh}: {people[k].id_number} has a wrong check character"])
    case.con.execute("INSERT INTO findings VALUES ('stat.checksum_share', 'warning', ?, '', NULL, NULL, "
                     "'98% of numbers carry a correct check character', 'check', NULL)", [LEAK])


def build(path: Path, n: int = 40, seed: int = 11) -> Synthetic:
    """Write a case of N leak rows (a quarter detained) at PATH."""
    rng = random.Random(seed)
    pairs = rng.sample([(a, b) for a in range(len(PARTS)) for b in range(len(PARTS)) if a != b], n)
    people = [_person(rng, k, pair) for k, pair in enumerate(pairs)]  # names unique within the case
    with create_case(path) as case:
        for sid, (name, role, count) in enumerate(
                ((LEAK, "leak", n), (TESTIMONIES, "reference", len(people[::3])), (CLAIMS, "claims", 3)), 1):
            _source(case, sid, name, role, count)
        _leak(case, rng, people)
        _testimonies(case, people)
        _claims(case, people)
        _findings(case, people)
    return Synthetic(path, tuple(people))


def add_links(case: Case, people: int) -> None:
    """A links table as linkage will write it: every testimony row linked to its leak row."""
    for k in range(0, people, 3):
        case.con.execute(
            "INSERT INTO links (source_file_a, row_a, source_file_b, row_b, match_probability, level, status, "
            "link_id, sheet_a, sheet_b, record_id_a, record_id_b, rule, evidence) "
            "VALUES (?, ?, ?, ?, ?, ?, 'auto', ?, 'Sheet1', '', ?, ?, 'model', '{}')",
            [LEAK, k + 1, TESTIMONIES, k // 3 + 1, 0.99 - k / 1000, "confirmed" if k % 2 else "probable",
             f"L{k}", k + 1, 10_000 + k // 3])


def fullwidth(text: str) -> str:
    """TEXT with its ASCII digits written full-width, as some Chinese registers hold numbers."""
    return text.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})


def add_names_in_free_text(case: Case, people: tuple[Person, ...]) -> None:
    """Rows whose free text (reasons, decisions, relations, addresses, messages, quotes) names other people
    of the case in Chinese, Latin and Arabic script, and numbers held in unusual forms. Latin and Arabic
    spellings are those of people the testimonies name (every third person), so the case holds them."""
    p = people
    fifteen = p[9].id_number[:6] + p[9].id_number[8:17]
    rows: list[dict[str, object]] = [
        {"name": p[1].zh.replace("·", ""), "address": f"墨玉县喀尔赛乡{p[2].zh}家隔壁",
         "reason": f"与{p[3].arabic}联系，{p[6].latin}的邻居", "decision": f"{p[4].zh.replace('·', '')}担保",
         "relation": f"{p[12].arabic} نىڭ ئىنىسى", "household": "H900"},
        {"name": "", "id_number": fullwidth(p[5].id_number), "household": "h 900",
         "address": f"Qaraqash County, {p[15].latin} Street, Bostan Township, Village 3",
         "reason": f"Brother of {p[18].latin.upper()}; ID {p[8].id_number}"},
        {"name": p[9].latin, "name_arabic": p[9].arabic, "id_number": fifteen, "ethnicity": p[21].arabic,
         "address": "和田市北京路街道办事处1号", "state": f"notes: {p[24].latin.replace(' ', '-')}"},
        {"name_zh": p[11].zh, "id_number": " ".join(p[11].id_number[k:k + 6] for k in (0, 6, 12)),
         "household": "第９户", "category": f"  {p[13].zh}\u3000", "locality": f"{p[27].latin}, Qarasay Yéza"},
        {"sex": "F", "id_number": "6532", "reason": "", "household": "", "address": "", "decision": "=1+2",
         "relation": "-", "age": -1},
    ]
    for k, values in enumerate(rows):
        _record(case, 20_000 + k, 1, 100 + k, values)
    case.con.execute("INSERT INTO findings VALUES ('id.checksum', 'error', ?, 'Sheet1', 101, 20001, ?, 'check', "
                     "NULL)", [LEAK, f"{p[30].latin} and {p[33].arabic}: {p[14].id_number}"])
    case.con.execute("INSERT INTO claims VALUES ('C04', 3, ?, '', 4, 'spokesperson', '2020-02-20', 'video', ?, '', "
                     "'never_detained', '', ?)", [CLAIMS, p[36].arabic, f"{p[36].arabic} ھېچقاچان تۇتۇلمىغان"])
