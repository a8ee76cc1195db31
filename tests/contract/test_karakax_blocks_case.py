"""Contract case 13: the Karakax List's blocks — each detainee's cells merged down over his relatives' rows.

The same list twice: a workbook (detainee cells merged down, 家庭成员 merged over 关系 | 姓名 | 身份证号) and a
printed PDF of it (rowspans, the header printed once per page). Every person is a record at the row that names
them: the detainee once, on his block's first row; each relative on the relative's row (the first row holds
two). A print of the workbook is the same document: it joins the workbook's people and confirms none of them.
The families are consistent (a child's second name is the father's given name), so no family, duplicate
or number finding may fire. Relatives abroad testify (Latin script) about two relatives and one detainee; an
official says a relative and a detainee "never attended".
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from .case import FORMATS, ContractCase, cut, spellings, surviving
from .files import CLAIMS_HEADER, Expected, relatives_abroad_csv, write_csv
from .people import FATHERS, GIVEN, Person

WORKBOOK, PRINTED, WITNESSES, CLAIMS = "教培学员名单.xlsx", "教培学员名单.pdf", "testimonies.csv", "claims.csv"
SHEET = "名单"
TOP = ("序号", "姓名", "身份证号", "户籍地", "家庭成员", "家庭成员", "家庭成员", "收押原因", "处理意见")
SUB = ("关系", "姓名", "身份证号")

pytestmark = pytest.mark.xdist_group("contract-karakax-blocks")  # one case per module, built once


@dataclass(frozen=True)
class Family:
    """A detainee and his relatives (relation, person), with his data row in the list."""

    detainee: Person
    relatives: tuple[tuple[str, Person], ...]
    row: int


def _person(given: tuple[str, str, str, bool], father: tuple[str, str, str, bool], born: dt.date,
            serial: int) -> Person:
    return Person(f"{given[0]}·{father[0]}", f"{given[1]} {father[1]}", f"{given[2]} {father[2]}", given[3], born,
                  serial)


def families(n: int, seed: int) -> list[Family]:
    """N detainees, each with a father (whose given name is the detainee's second name), some a mother and a
    brother; distinct names and numbers."""
    rng = random.Random(seed)
    out: list[Family] = []
    row, serial, seen = 1, 1, set()
    while len(out) < n:
        given, father, grandfather, mother = rng.choice(GIVEN), rng.choice(FATHERS), rng.choice(FATHERS), \
            rng.choice([g for g in GIVEN if not g[3]])
        names = {f"{given[0]}·{father[0]}", f"{father[0]}·{grandfather[0]}"}
        if names & seen or len({given, father, grandfather}) < 3:
            continue
        seen |= names
        born = dt.date(1975, 1, 1) + dt.timedelta(days=rng.randrange(7000))
        dad = _person(father, grandfather, born - dt.timedelta(days=365 * 27 + rng.randrange(2000)), serial + 1)
        kin: list[tuple[str, Person]] = [("父亲", dad)]
        if len(out) % 3 != 2:
            kin.append(("母亲", _person(mother, rng.choice(FATHERS), dad.born + dt.timedelta(days=500), serial + 2)))
        if len(out) % 2 == 0:
            brother = next(g for g in GIVEN if g[3] and g not in (given, father, grandfather))
            if f"{brother[0]}·{father[0]}" not in seen:
                seen.add(f"{brother[0]}·{father[0]}")
                kin.append(("弟弟", _person(brother, father, born + dt.timedelta(days=800), serial + 3)))
        out.append(Family(_person(given, father, born, serial), tuple(kin), row))
        row, serial = row + len(kin), serial + 4
    return out


FAMILIES = families(8, seed=2020)
ABROAD = [FAMILIES[0].relatives[0][1], FAMILIES[3].relatives[-1][1], FAMILIES[5].detainee]


def block_rows() -> list[tuple[list[object], int]]:
    """Each data row's cells (the detainee's on his block's first row only) and the block's length there."""
    rows: list[tuple[list[object], int]] = []
    for k, f in enumerate(FAMILIES, start=1):
        for j, (relation, p) in enumerate(f.relatives):
            own: list[object] = [k, f.detainee.zh, f.detainee.id18, "墨玉县喀拉喀什镇"] if j == 0 else [None] * 4
            tail: list[object] = ["宗教极端", "继续培训"] if j == 0 else [None, None]
            rows.append(([*own, relation, p.zh, p.id18, *tail], len(f.relatives) if j == 0 else 0))
    return rows


def workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.cell(1, 1, "墨玉县教育培训学员及家庭成员名单")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(TOP))
    for c, label in enumerate(TOP, start=1):
        sheet.cell(2, c, label if c < 5 or c > 7 or c == 5 else None)
        if 5 <= c <= 7:
            sheet.cell(3, c, SUB[c - 5])
        else:
            sheet.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    sheet.merge_cells(start_row=2, start_column=5, end_row=2, end_column=7)
    for r, (cells, size) in enumerate(block_rows(), start=4):
        for c, value in enumerate(cells, start=1):
            sheet.cell(r, c, value)
        for c in (1, 2, 3, 4, 8, 9):
            if size > 1:
                sheet.merge_cells(start_row=r, start_column=c, end_row=r + size - 1, end_column=c)
    book.save(path)


def printed(path: Path) -> None:
    from tests.ingest.doc_samples import html_pdf

    body = []
    for cells, size in block_rows():
        span = f' rowspan="{size}"' if size > 1 else ""
        own = "".join(f"<td{span}>{c}</td>" for c in cells[:4]) if size else ""
        tail = "".join(f"<td{span}>{c}</td>" for c in cells[7:]) if size else ""
        body.append(f"<tr>{own}{''.join(f'<td>{c}</td>' for c in cells[4:7])}{tail}</tr>")
    head = ("<tr>" + "".join(f'<th rowspan="2">{t}</th>' for t in TOP[:4]) + '<th colspan="3">家庭成员</th>'
            + "".join(f'<th rowspan="2">{t}</th>' for t in TOP[7:]) + "</tr><tr>"
            + "".join(f"<th>{t}</th>" for t in SUB) + "</tr>")
    page = ('<html><head><meta charset="utf-8"><style>table{border-collapse:collapse} td,th{border:1px solid '
            'black;padding:2px;font-size:9pt}</style></head><body><p>墨玉县教育培训学员及家庭成员名单</p>'
            f"<table><thead>{head}</thead><tbody>{''.join(body)}</tbody></table></body></html>")
    path.write_bytes(html_pdf(page))


def expected(source_file: str, sheet: str) -> list[dict[str, str]]:
    out = []
    for f in FAMILIES:
        out.append(Expected(f.detainee, source_file, sheet, f.row, f.detainee.id18, "", "").exported())
        out += [Expected(p, source_file, sheet, f.row + j, p.id18, "", "").exported()
                for j, (_, p) in enumerate(f.relatives)]
    return out


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("karakax-blocks")
    built = ContractCase(folder)
    workbook(folder / WORKBOOK)
    printed(folder / PRINTED)
    built.truth = relatives_abroad_csv(folder, ABROAD, WITNESSES)
    relative, detainee = FAMILIES[1].relatives[0][1], FAMILIES[2].detainee
    write_csv(folder / CLAIMS, [CLAIMS_HEADER] + [
        [c, "Spokesperson", "2020-02-18", "press conference", p.zh, p.id18, "never_detained", "", f"{p.zh} is fine"]
        for c, p in (("C1", relative), ("C2", detainee))], encoding="utf-8")
    built.init()
    built.add([folder / WORKBOOK], "leak")
    built.add([folder / PRINTED], "leak")
    built.add([folder / WITNESSES], "reference")
    built.add([folder / CLAIMS], "claims")
    built.stage("run")
    return built


def test_every_person_is_a_record_at_the_row_that_names_them(case: ContractCase) -> None:
    records = case.export("records")
    assert [r for r in cut(records) if r["source_file"] == WORKBOOK] == expected(WORKBOOK, SHEET)
    assert [r for r in cut(records) if r["source_file"] == PRINTED] == expected(PRINTED, "table 1")
    for fmt in FORMATS[1:]:
        assert cut(case.export("records", fmt)) == cut(records), fmt
    assert case.summary()["records"] == len(records) == 2 * len(expected(WORKBOOK, SHEET)) + len(ABROAD)


def test_no_finding_on_consistent_families(case: ContractCase) -> None:
    found = {f["check_id"] for f in case.export("findings") if f["source_file"] in (WORKBOOK, PRINTED)}
    assert not {c for c in found if c.startswith(("id.", "family.", "value."))} | (found & {"stat.exact_duplicates"})


def test_testimonies_link_to_the_relatives_and_the_detainee_they_name(case: ContractCase) -> None:
    where: dict[str, set[str]] = {}  # a block's first row names two people: the links export cannot tell which
    for e in expected(WORKBOOK, SHEET):
        where.setdefault(e["row"], set()).add(e["name"])
    joined = {(li["row_b"], name) for li in case.export("links") for name in where.get(li["row_a"], ())
              if li["source_file_a"] == WORKBOOK and li["source_file_b"] == WITNESSES
              and li["level"] in ("confirmed", "probable")}
    for witness in case.truth:
        assert (str(witness.row), witness.person.zh) in joined
    assert len(joined) <= len(case.truth) + 2  # each testimony to its person (and the other one on that row)


def test_a_relative_listed_under_a_detainee_was_not_detained_by_this_list(case: ContractCase) -> None:
    verdicts = {c["claim_id"]: c for c in case.export("claims")}
    assert verdicts["C1"]["verdict"] == "supported"
    assert verdicts["C2"]["verdict"] == "contradicted"
    assert f"{WORKBOOK}:{FAMILIES[2].row}" in verdicts["C2"]["evidence"].split(";")


def test_redacted_exports_hold_no_relative_s_name_or_number(case: ContractCase) -> None:
    people = [p for f in FAMILIES for p in (f.detainee, *(q for _, q in f.relatives))]
    texts = {w: str(case.export(w, "json", redact=True)) for w in ("records", "claims")}
    assert surviving(texts, spellings(people) | {p.id18 for p in people}) == []


def test_the_printed_list_joins_the_workbook_s_people_without_confirming_them(case: ContractCase) -> None:
    joined = [li for li in case.export("links") if {li["source_file_a"], li["source_file_b"]} == {WORKBOOK, PRINTED}]
    assert len(joined) >= len(expected(WORKBOOK, SHEET))  # each person of the workbook to the print
    assert case.summary()["confirmed_persons"] == 0  # a print of the leak is the leak, not an independent source

