"""``veracity link CASE``: prepare features, train and score with Splink, keep links with their
levels and evidence, apply the reviewer's decisions, rebuild persons, households and families.

A re-run replaces the model's links and keeps every decision: a rejected pair stays rejected
(never proposed again), an accepted pair stays accepted even when the new model scores it lower.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pyarrow as pa

from veracity.case import Case
from veracity.engine import ENGINES
from veracity.errors import UsageError
from veracity.link.levels import Level, Settings, Status, load_settings
from veracity.link.links import Link, build
from veracity.link.model import Backend, train_and_score
from veracity.link.prepare import prepare
from veracity.link.rivals import demote_rivals
from veracity.link.store import latest_decisions, locators, recompute_persons, record_at, write_households, write_links
from veracity.progress import Progress, silent


@dataclass(frozen=True)
class LinkSummary:
    """What a run found: links by level, confirmed persons of all leak persons, families."""

    engine: str
    links_by_level: dict[str, int]
    persons: int
    confirmed_persons: int
    families: int
    seconds: float

    def sentence(self) -> str:
        """One line for the CLI.

        >>> LinkSummary("duckdb", {"confirmed": 3}, 2846, 337, 8, 1.0).sentence()
        'link (duckdb): 337 of 2,846 persons confirmed; 8 families corroborated; links: 3 confirmed'
        """
        levels = ", ".join(f"{n:,} {lv}" for lv, n in self.links_by_level.items())
        return (f"link ({self.engine}): {self.confirmed_persons:,} of {self.persons:,} persons confirmed; "
                f"{self.families:,} families corroborated; links: {levels or 'none'}")


def apply_decisions(case: Case, links: Sequence[Link]) -> list[Link]:
    """LINKS with the latest decision on each applied, plus accepted pairs the model no longer keeps."""
    decisions = latest_decisions(case)
    out = []
    for lk in links:
        decided = decisions.pop(lk.link_id, None)
        if decided and decided[0] == "accept":
            lk = replace(lk, status=Status.ACCEPTED, level=Level.CONFIRMED)
        elif decided and decided[0] == "reject":
            lk = replace(lk, status=Status.REJECTED)
        out.append(lk)
    for decision, a, b in decisions.values():
        ra, rb = record_at(case, a), record_at(case, b)
        if decision == "accept" and ra is not None and rb is not None:
            out.append(Link(a, b, ra, rb, 1.0, None, Level.CONFIRMED, Status.ACCEPTED, None, "reviewer",
                            json.dumps({"fields": [], "name": "", "rule": "reviewer"})))
    return out


def _spark_session() -> object:
    from veracity.engine.spark import SparkEngine

    return SparkEngine.local().spark


def score_links(case: Case, engine: str, settings: Settings, progress: Progress = silent) -> tuple[
        list[Link], pa.Table]:
    """The model's links on CASE (no decisions applied) and the rebuilt households."""
    if engine not in ENGINES:
        raise UsageError(f"--engine {engine}: unknown engine (choose from {', '.join(ENGINES)})")
    progress("link: features", 0, 3)
    prepared = prepare(case, settings)
    if prepared.table is None or len(prepared.datasets) < 2:
        return [], prepared.households
    progress("link: features", 1, 3)
    with Backend(engine, _spark_session() if engine == "spark" else None) as backend:
        scored = train_and_score(backend, prepared.table, prepared.datasets, prepared.present, settings.keep_above)
    households = prepared.households
    del prepared  # the features table (a million records: about a gigabyte) is not needed for the links
    progress("link: features", 2, 3)
    ids = scored.pairs.column("unique_id_l").to_pylist() + scored.pairs.column("unique_id_r").to_pylist()
    links = demote_rivals(list(build(scored.pairs, scored.levels, locators(case, ids), settings)))
    progress("link: features", 3, 3)
    return links, households


def run_link(case: Case, engine: str = "duckdb", progress: Progress | None = None) -> LinkSummary:
    """Link every leak record to every reference source of CASE on ENGINE (duckdb or spark)."""
    started = time.monotonic()
    settings = load_settings()
    links, households = score_links(case, engine, settings, progress or silent)
    with case.change("link", {"engine": engine}) as change:
        kept = apply_decisions(case, links)
        write_links(case, kept)
        write_households(case, households)
        clusters = recompute_persons(case)
        by_level: dict[str, int] = {}
        for lk in kept:
            if lk.status is not Status.REJECTED:
                by_level[lk.level.value] = by_level.get(lk.level.value, 0) + 1
        summary = LinkSummary(engine, {lv.value: by_level.get(lv.value, 0) for lv in Level},
                              len(clusters.persons), sum(p.level == "confirmed" for p in clusters.persons),
                              len(clusters.families), round(time.monotonic() - started, 2))
        change.detail.update({"links": by_level, "confirmed_persons": summary.confirmed_persons,
                              "families": summary.families})
    return summary
