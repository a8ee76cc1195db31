"""Official claims about people of the sample leak, with the verdict the records should give.

Speakers are generic roles (a county spokesperson, a state-media reporter);
quotes are invented for the sample. Values of ``detained_for`` and
``not_detained_for`` are the English labels of ``reasons.tsv``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from veracity.locator import Locator
from veracity.sample.detention import Detention
from veracity.sample.idgen import draw_sequence, make_id
from veracity.sample.name_parts import OUTSIDE_RECORDS, GivenName, by_uly, full_zh
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

    @cached_property
    def namesakes(self) -> frozenset[str]:
        """Persons who share their name with someone else: a claim naming them is honestly unverifiable
        without an identity number, so the sample makes claims only about people with a name of their own."""
        names = Counter(full_zh(p.given, p.patronymic) for p in self.persons.values())
        return frozenset(pid for pid, p in self.persons.items() if names[full_zh(p.given, p.patronymic)] > 1)


@dataclass(frozen=True)
class _Spec:
    """One single-person claim: who it is about, who says it, what, and the verdict expected."""

    subject: Callable[[Context, str], bool]  # which leak detainee (or, with relative=True, relative) fits
    speaker: tuple[str, str, str]  # speaker, date, source
    latin: bool  # the subject named in Latin script (an English-language source) or in Chinese
    with_id: bool
    assertion: str
    value: str  # a reason code of reasons.tsv, or empty
    quote: str  # {name} is replaced by the subject's name
    verdict: str
    rationale: str
    relative: bool = False


def _reason(code: str, present: bool) -> Callable[[Context, str], bool]:
    return lambda ctx, pid: (code in ctx.detentions[pid].reasons) == present


_SPECS = (
    _Spec(
        lambda ctx, pid: len(ctx.where[pid]) > 1,
        _COUNTY,
        False,
        False,
        "never_detained",
        "",
        "{name}从未进入过职业技能教育培训中心。",
        "contradicted",
        "the leak lists the person as a detainee (学员)",
    ),
    _Spec(
        lambda ctx, pid: True,
        _MEDIA,
        True,
        False,
        "never_detained",
        "",
        "{name} has never attended a training centre.",
        "contradicted",
        "the leak lists the person as a detainee (学员)",
    ),
    _Spec(
        _reason("relatives_abroad", True),
        _MEDIA,
        True,
        False,
        "not_detained_for",
        "relatives_abroad",
        "{name} was not detained because relatives live abroad.",
        "contradicted",
        "the leak's reasons include relatives abroad",
    ),
    _Spec(
        _reason("family_planning", True),
        _COUNTY,
        False,
        False,
        "detained_for",
        "family_planning",
        "该学员因违反计划生育政策接受培训。",
        "supported",
        "the leak's reasons include family planning",
    ),
    _Spec(
        lambda ctx, pid: ctx.detentions[pid].decision == "graduated",
        _REGION,
        False,
        False,
        "released",
        "",
        "该学员已经结业回家。",
        "supported",
        "the leak's decision is 已结业 (graduated)",
    ),
    _Spec(
        _reason("praying", False),
        _MEDIA,
        True,
        False,
        "not_detained_for",
        "praying",
        "{name} was not held for praying.",
        "supported",
        "the leak's reasons do not include praying",
    ),
    _Spec(
        lambda ctx, pid: True,
        _COUNTY,
        False,
        True,
        "detained",
        "",
        "该人员在培训中心学习。",
        "supported",
        "the leak lists the person (by name and id number) as a detainee",
    ),
    _Spec(
        lambda ctx, pid: True,
        _COUNTY,
        False,
        False,
        "never_detained",
        "",
        "此人从未被送去培训。",
        "supported",
        "the leak lists the person only as a relative (家属)",
        relative=True,
    ),
)


def _leak_rows(ctx: Context, pid: str) -> tuple[Locator, ...]:
    return tuple(loc for loc in ctx.where[pid] if loc.source_file == ctx.leak_file)


def _subject(rng: random.Random, ctx: Context, spec: _Spec, used: set[str]) -> str:
    """A leak person not used yet who fits SPEC (a detainee, or a relative when SPEC says so), with a
    name no one else in the case has; at large scales, where every name is shared, any who fits."""
    if spec.relative:
        pool = [
            pid for pid, locs in ctx.where.items() if pid not in ctx.detentions and locs[0].source_file == ctx.leak_file
        ]
    else:
        pool = [pid for pid in ctx.detentions if spec.subject(ctx, pid)]
    free = [pid for pid in pool if pid not in used and pid not in ctx.avoid]
    pid = rng.choice(sorted([pid for pid in free if pid not in ctx.namesakes] or free))
    used.add(pid)
    return pid


def _about_one(rng: random.Random, ctx: Context, tax: Taxonomy) -> list[ExpectedClaim]:
    """Claims about single people, each decided by the person's leak row."""
    used: set[str] = set()
    out = []
    for spec in _SPECS:
        p = ctx.persons[_subject(rng, ctx, spec, used)]
        name = f"{p.given.uly} {p.patronymic.uly}" if spec.latin else full_zh(p.given, p.patronymic)
        value = tax.reasons[spec.value].en if spec.value else ""
        cells = (
            *spec.speaker,
            name,
            p.id_number if spec.with_id else "",
            spec.assertion,
            value,
            spec.quote.format(name=name),
        )
        out.append(ExpectedClaim(cells, spec.verdict, _leak_rows(ctx, p.pid), (p.pid,), spec.rationale))
    return out


def _nobody(rng: random.Random, names: tuple[GivenName, ...], used_ids: set[str]) -> ExpectedClaim:
    """A claim about a person in no record: names no generated person carries, an id number nobody has."""
    given, father = (by_uly(names)[uly] for uly in OUTSIDE_RECORDS)
    name = full_zh(given, father)
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
    return ExpectedClaim(cells, "contradicted", evidence, members, "the leak gives praying as a reason for these rows")


def expected_claims(
    rng: random.Random,
    ctx: Context,
    tax: Taxonomy,
    names: tuple[GivenName, ...],
    used_ids: set[str],
    township_zh: str,
) -> list[ExpectedClaim]:
    """All claims, numbered C01, C02 ... in file order."""
    claims = [*_about_one(rng, ctx, tax), _nobody(rng, names, used_ids), _group(ctx, tax, township_zh)]
    return [
        ExpectedClaim((f"C{i:02d}", *c.cells), c.verdict, c.evidence, c.subjects, c.rationale)
        for i, c in enumerate(claims, 1)
    ]
