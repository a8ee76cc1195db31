"""Build the synthetic sample case: leak, testimonies, other register, claims and truth, from one seed."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from veracity.locator import Locator
from veracity.sample import claims as claims_mod
from veracity.sample import files, leak, register, testimonies
from veracity.sample.defects import plant
from veracity.sample.detention import Detention, candidates, detain
from veracity.sample.name_parts import GivenName, load_given_names, population_names
from veracity.sample.people import LIST_DATE, Household, Person, build_households, new_builder, persons_by_pid
from veracity.sample.places import TOWNSHIPS
from veracity.sample.taxonomy import Taxonomy, load_taxonomy
from veracity.sample.truth import FORMAT, Known, build
from veracity.sample.writers import DocTable, write_csv, write_docx, write_xlsx

DETAINEES_AT_SCALE_1 = 300
MIN_SCALE = 0.25  # below this some claims find no subject (e.g. no detainee whose decision is "graduated")
TOWNSHIP = 0  # index into places.TOWNSHIPS: the township the leak and the register cover


@dataclass(frozen=True)
class SampleCase:
    """A written sample case: its folder, the files in it, and how many of each thing it holds."""

    out_dir: Path
    detainees: int
    relatives: int
    testimony_rows: int
    register_rows: int
    defects: int

    @property
    def leak(self) -> Path:
        return self.out_dir / files.LEAK

    @property
    def testimonies(self) -> Path:
        return self.out_dir / files.TESTIMONIES

    @property
    def register(self) -> Path:
        return self.out_dir / files.REGISTER

    @property
    def claims(self) -> Path:
        return self.out_dir / files.CLAIMS

    @property
    def truth(self) -> Path:
        return self.out_dir / files.TRUTH


@dataclass(frozen=True)
class _World:
    """The population, which households the leak lists, and the detentions."""

    persons: dict[str, Person]
    leak: list[Household]
    extra: list[Household]
    detentions: dict[str, Detention]


def _world(rng: random.Random, names: tuple[GivenName, ...], tax: Taxonomy, target: int) -> _World:
    """Households until exactly TARGET detainees are listed, then a third as many the leak omits."""
    b = new_builder(rng, names)
    leak_hh: list[Household] = []
    extra: list[Household] = []
    detentions: dict[str, Detention] = {}
    while len(detentions) < target:
        (h,) = build_households(b, 1, TOWNSHIP, len(leak_hh) + len(extra) + 1)
        held = detain(rng, tax, h, b.persons)[: target - len(detentions)]
        (leak_hh if held else extra).append(h)
        detentions.update((d.pid, d) for d in held)
    extra += build_households(b, len(leak_hh) // 3, TOWNSHIP, len(leak_hh) + len(extra) + 1)
    return _World(persons_by_pid(b), sorted(leak_hh, key=lambda h: h.number), extra, detentions)


def _sample(rng: random.Random, pool: list[str], share: float) -> list[str]:
    return rng.sample(pool, round(share * len(pool)))


def _testimonies(
    rng: random.Random,
    w: _World,
    outsiders: list[str],
    tax: Taxonomy,
    names: tuple[GivenName, ...],
    where: dict[str, list[Locator]],
) -> list[testimonies.Testimony]:
    """Testimonies about 37 % of the detainees and about OUTSIDERS; their rows are added to WHERE."""
    victims = _sample(rng, sorted(w.detentions), 0.37) + outsiders
    members = {h.hid: [w.persons[pid] for pid in h.members] for h in [*w.leak, *w.extra]}
    tests = testimonies.collect(rng, w.persons, members, w.detentions, victims, tax, names)
    for row, t in enumerate(tests, 1):
        where.setdefault(t.pid, []).append(Locator(files.TESTIMONIES, "", row))
    return tests


def _register(
    rng: random.Random,
    w: _World,
    in_leak: list[str],
    outsiders: list[str],
    victims_out: list[str],
    where: dict[str, list[Locator]],
) -> tuple[list[register.Entry], list[DocTable]]:
    """A fifth of the leak's people, half the outside victims, other outsiders; rows added to WHERE."""
    chosen = set(_sample(rng, in_leak, 0.2))
    held = [pid for pid in in_leak if pid in chosen and pid in w.detentions] + victims_out[: len(victims_out) // 2]
    others = [(pid, "学员家属") for pid in in_leak if pid in chosen and pid not in w.detentions]
    taken = set(held)
    others += [(pid, "重点人员") for pid in _sample(rng, [o for o in outsiders if o not in taken], 0.3)]
    entries, tables = register.ledger(rng, w.persons, held, others)
    for e in entries:
        where.setdefault(e.pid, []).append(Locator(files.REGISTER, f"table {e.table}", e.row))
    return entries, tables


def generate(out_dir: Path, seed: int = 2020, scale: float = 1.0) -> SampleCase:
    """Write the sample case into OUT_DIR (created if missing); same seed and scale, same content."""
    if scale < MIN_SCALE:
        raise ValueError(f"scale must be at least {MIN_SCALE}, got {scale}")
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    all_names, tax = load_given_names(), load_taxonomy()
    names = population_names(all_names)
    w = _world(rng, names, tax, round(DETAINEES_AT_SCALE_1 * scale))
    in_leak = [pid for h in w.leak for pid in h.members]
    defects = plant(rng, [w.persons[pid] for pid in in_leak], w.persons, w.detentions, names)
    layout = leak.lay_out(w.leak, w.persons, w.detentions, defects, tax, rng, TOWNSHIP)
    where: dict[str, list[Locator]] = {pid: [Locator(files.LEAK, leak.SHEET, row)] for pid, row in layout.rows.items()}

    outsiders = sorted(p.pid for h in w.extra for p in candidates(h, w.persons))
    victims_out = _sample(rng, outsiders, 0.15)
    tests = _testimonies(rng, w, victims_out, tax, names, where)
    entries, tables = _register(rng, w, in_leak, outsiders, victims_out, where)

    avoid = frozenset(d.pid for d in defects)
    ctx = claims_mod.Context(w.persons, w.detentions, where, files.LEAK, avoid)
    used_ids = {p.id_number for p in w.persons.values()}
    claims = claims_mod.expected_claims(rng, ctx, tax, all_names, used_ids, TOWNSHIPS[TOWNSHIP][0])

    n = len(w.detentions)
    out = SampleCase(out_dir, n, len(in_leak) - n, len(tests), len(entries), len(defects))
    write_xlsx(out.leak, layout.sheets)
    write_csv(out.testimonies, testimonies.COLUMNS, [t.cells for t in tests])
    write_docx(out.register, register.title(TOWNSHIP), tables)
    write_csv(out.claims, claims_mod.COLUMNS, [c.cells for c in claims])
    hids = frozenset(h.hid for h in w.leak)
    known = Known(
        w.persons,
        [*w.leak, *w.extra],
        hids,
        frozenset(w.detentions),
        where,
        defects,
        claims,
        tests,
        files.TESTIMONIES,
    )
    header = {
        "format": FORMAT,
        "seed": seed,
        "scale": scale,
        "list_date": LIST_DATE.isoformat(),
        "files": _files(layout, len(tests), entries, len(claims)),
    }
    truth = build(known, header, files.LEAK, leak.SHEET, layout.rows)
    # no indent: json's fast C encoder only runs without one (the 100x truth file is large)
    out.truth.write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    return out


def _table(sheet: str, header_rows: list[int], data_rows: int, **extra: object) -> dict[str, object]:
    return {
        "sheet": sheet,
        "header_rows": header_rows,
        "first_data_row": header_rows[-1] + 1,
        "data_rows": data_rows,
        **extra,
    }


def _files(layout: leak.Layout, tests: int, entries: list[register.Entry], claims: int) -> dict[str, object]:
    """Each file's role and table layout (``first_data_row`` is the physical row of data row 1)."""
    main, stats = layout.sheets
    per_table = [sum(1 for e in entries if e.table == t) for t in (1, 2)]
    return {
        files.LEAK: {
            "role": "leak",
            "tables": [
                _table(
                    main.name,
                    [2, 3],
                    layout.total_row,
                    title_rows=[1],
                    blank_rows=list(layout.blank_rows),
                    total_rows=[layout.total_row],
                    records=True,
                ),
                _table(
                    stats.name,
                    [1],
                    len(stats.rows) - 1,
                    title_rows=[],
                    total_rows=[len(stats.rows) - 1],
                    records=False,
                ),
            ],
        },
        files.TESTIMONIES: {"role": "reference", "tables": [_table("", [1], tests, records=True)]},
        files.REGISTER: {
            "role": "reference",
            "tables": [_table(f"table {t}", [1], n, records=True) for t, n in zip((1, 2), per_table, strict=True)],
        },
        files.CLAIMS: {"role": "claims", "tables": [_table("", [1], claims, records=False)]},
    }
