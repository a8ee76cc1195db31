"""Official claims about people of the sample leak, with the verdict the records should give.

Speakers are generic roles (a county spokesperson, a state-media reporter);
quotes are invented for the sample. Values of ``detained_for`` and
``not_detained_for`` are the English labels of ``reasons.tsv``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from veracity.locator import Locator
from veracity.sample.detention import Detention
from veracity.sample.idgen import draw_sequence, make_id
from veracity.sample.name_parts import GivenName, full_zh
from veracity.sample.people import Person
from veracity.sample.taxonomy import Taxonomy

COLUMNS = (
    "claim_id",
    "speaker",
    "date",
    "source",
    "subject_name",
    "subject_id",
    "assertion",
    "value",
    "quote",
)
_COUNTY = ("墨玉县人民政府新闻发言人", "2020-02-20", "墨玉县新闻发布会（合成样例）")
_MEDIA = ("state-media reporter", "2020-03-02", "state-media video report (synthetic sample)")
_REGION = ("自治区政府新闻发言人", "2020-03-10", "自治区新闻发布会（合成样例）")


@dataclass(frozen=True)
class ExpectedClaim:
    """One claims-file row, the verdict expected, the records that decide it, the people it is about."""

    cells: tuple[str, ...]
    verdict: str
    evidence: tuple[Locator, ...]
    subjects: tuple[str, ...]
    rationale: str


@dataclass(frozen=True)
class Context:
    """What claims are drawn from: people, leak detentions, every person's record locations (leak first)."""

    persons: dict[str, Person]
    detentions: dict[str, Detention]
    where: dict[str, list[Locator]]
    leak_file: str
    avoid: frozenset[str]  # pids not to make claims about (rows carrying defects)


def _latin(p: Person) -> str:
    return f"{p.given.uly} {p.patronymic.uly}"


def _pick(rng: random.Random, ctx: Context, used: set[str], test: Callable[[str], bool]) -> str:
    """A leak detainee not used yet who passes TEST."""
    pool = sorted(pid for pid in ctx.detentions if pid not in used and pid not in ctx.avoid and test(pid))
    pid = rng.choice(pool)
    used.add(pid)
    return pid


def _leak_rows(ctx: Context, pid: str) -> tuple[Locator, ...]:
    return tuple(loc for loc in ctx.where[pid] if loc.source_file == ctx.leak_file)


def _about_one(rng: random.Random, ctx: Context, tax: Taxonomy) -> list[ExpectedClaim]:
    """Claims about single detainees and one relative, each decided by the person's leak row."""
    used: set[str] = set()
    has = {pid for pid, locs in ctx.where.items() if len(locs) > 1}
    a = _pick(rng, ctx, used, lambda pid: pid in has)
    b = _pick(rng, ctx, used, lambda pid: True)
    c = _pick(rng, ctx, used, lambda pid: "relatives_abroad" in ctx.detentions[pid].reasons)
    d = _pick(rng, ctx, used, lambda pid: "family_planning" in ctx.detentions[pid].reasons)
    e = _pick(rng, ctx, used, lambda pid: ctx.detentions[pid].decision == "graduated")
    f = _pick(rng, ctx, used, lambda pid: "praying" not in ctx.detentions[pid].reasons)
    g = _pick(rng, ctx, used, lambda pid: True)
    p = ctx.persons
    relative = rng.choice(
        sorted(
            pid
            for pid, locs in ctx.where.items()
            if pid not in ctx.detentions and pid not in ctx.avoid and locs[0].source_file == ctx.leak_file
        )
    )
    rows: list[tuple[tuple[str, ...], str, str, str]] = [
        (
            (
                *_COUNTY,
                full_zh(p[a].given, p[a].patronymic),
                "",
                "never_detained",
                "",
                f"{full_zh(p[a].given, p[a].patronymic)}从未进入过职业技能教育培训中心。",
            ),
            a,
            "contradicted",
            "the leak lists the person as a detainee (学员)",
        ),
        (
            (
                *_MEDIA,
                _latin(p[b]),
                "",
                "never_detained",
                "",
                f"{_latin(p[b])} has never attended a training centre.",
            ),
            b,
            "contradicted",
            "the leak lists the person as a detainee (学员)",
        ),
        (
            (
                *_MEDIA,
                _latin(p[c]),
                "",
                "not_detained_for",
                tax.reasons["relatives_abroad"].en,
                f"{_latin(p[c])} was not detained because relatives live abroad.",
            ),
            c,
            "contradicted",
            "the leak's reason includes relatives abroad",
        ),
        (
            (
                *_COUNTY,
                full_zh(p[d].given, p[d].patronymic),
                "",
                "detained_for",
                tax.reasons["family_planning"].en,
                "该学员因违反计划生育政策接受培训。",
            ),
            d,
            "supported",
            "the leak's reason includes family planning",
        ),
        (
            (*_REGION, full_zh(p[e].given, p[e].patronymic), "", "released", "", "该学员已经结业回家。"),
            e,
            "supported",
            "the leak's decision is 已结业 (graduated)",
        ),
        (
            (
                *_MEDIA,
                _latin(p[f]),
                "",
                "not_detained_for",
                tax.reasons["praying"].en,
                f"{_latin(p[f])} was not held for praying.",
            ),
            f,
            "supported",
            "the leak's reasons do not include praying",
        ),
        (
            (
                *_COUNTY,
                full_zh(p[g].given, p[g].patronymic),
                p[g].id_number,
                "detained",
                "",
                "该人员在培训中心学习。",
            ),
            g,
            "supported",
            "the leak lists the person (by name and id number) as a detainee",
        ),
        (
            (
                *_COUNTY,
                full_zh(p[relative].given, p[relative].patronymic),
                "",
                "never_detained",
                "",
                "此人从未被送去培训。",
            ),
            relative,
            "supported",
            "the leak lists the person only as a relative (家属)",
        ),
    ]
    return [
        ExpectedClaim(cells, verdict, _leak_rows(ctx, pid), (pid,), why) for cells, pid, verdict, why in rows
    ]


def _nobody(
    rng: random.Random, ctx: Context, names: tuple[GivenName, ...], used_ids: set[str]
) -> ExpectedClaim:
    """A claim about a person in no record: a name and id number the case does not hold."""
    taken = {full_zh(p.given, p.patronymic) for p in ctx.persons.values()}
    male = [n for n in names if n.sex == "M"]
    while (name := full_zh(rng.choice(male), rng.choice(male))) in taken:
        pass
    while (
        number := make_id(
            "653222", dt.date(1979, 1, 1) + dt.timedelta(days=rng.randrange(3650)), draw_sequence(rng, "M")
        )
    ) in used_ids:
        pass
    cells = (*_COUNTY, name, number, "detained", "", f"{name}曾在培训中心学习，现已结业。")
    return ExpectedClaim(cells, "not_found", (), (), "no record holds this name or id number")


def _group(ctx: Context, tax: Taxonomy, township_zh: str) -> ExpectedClaim:
    """A claim about every detainee of the township: none was held for praying."""
    members = tuple(sorted(pid for pid, d in ctx.detentions.items() if "praying" in d.reasons))
    cells = (
        *_REGION,
        f"{township_zh}全体学员",
        "",
        "not_detained_for",
        tax.reasons["praying"].en,
        "没有任何学员是因为做礼拜而被送去培训的。",
    )
    evidence = tuple(loc for pid in members for loc in _leak_rows(ctx, pid))
    return ExpectedClaim(
        cells, "contradicted", evidence, members, "the leak gives praying as a reason for these rows"
    )


def expected_claims(
    rng: random.Random,
    ctx: Context,
    tax: Taxonomy,
    names: tuple[GivenName, ...],
    used_ids: set[str],
    township_zh: str,
) -> list[ExpectedClaim]:
    """All claims, numbered C01, C02 ... in file order."""
    claims = [*_about_one(rng, ctx, tax), _nobody(rng, ctx, names, used_ids), _group(ctx, tax, township_zh)]
    return [
        ExpectedClaim((f"C{i:02d}", *c.cells), c.verdict, c.evidence, c.subjects, c.rationale)
        for i, c in enumerate(claims, 1)
    ]
