"""Persons, independent sources and corroborated families, from the links a run keeps.

A person is a cluster of records joined by links that are accepted, or confirmed or probable
and not rejected; accepted links are transitive within a person. A person's level is its best
link's (accepted counts as confirmed). Sources are counted by file: two testimonies of one file
(two relatives of one family) are one source; a testimony and a second register are two. A
family (household) is corroborated when one reference file confirms two or more of its members.

>>> edges = [Edge(1, 10, "confirmed", "auto", "t.csv"), Edge(2, 11, "confirmed", "auto", "t.csv")]
>>> result = cluster([1, 2, 3], edges, {1: "h1", 2: "h1", 3: "h1"})
>>> [p.level for p in result.persons]
['confirmed', 'confirmed', 'unconfirmed']
>>> result.families
[Family(household_id='h1', source_file='t.csv', members_confirmed=2, members=3)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from veracity.link.components import Components

UNCONFIRMED = "unconfirmed"  # a leak record no kept link reaches
_RANK = {"confirmed": 3, "probable": 2, "possible": 1, UNCONFIRMED: 0}
_JOINING = ("confirmed", "probable")


@dataclass(frozen=True)
class Edge:
    """A kept link as clustering reads it: leak-side record, other record, level, status, other's file."""

    a: int
    b: int
    level: str
    status: str
    source_file_b: str

    @property
    def effective_level(self) -> str | None:
        """Accepted counts as confirmed, rejected as nothing."""
        if self.status == "rejected":
            return None
        return "confirmed" if self.status == "accepted" else self.level


@dataclass(frozen=True)
class Person:
    """A person: its first leak record, level, confirming sources and records."""

    person_id: int
    record_id: int
    level: str
    sources: int
    records: tuple[int, ...]
    household_id: str | None


@dataclass(frozen=True)
class Family:
    """A household corroborated by one source."""

    household_id: str
    source_file: str
    members_confirmed: int
    members: int


@dataclass(frozen=True)
class Clusters:
    """Persons and corroborated families."""

    persons: list[Person]
    families: list[Family]


def _persons(leak: Sequence[int], edges: Sequence[Edge], households: dict[int, str]) -> tuple[
        list[Person], dict[int, set[str]]]:
    comp = Components()
    for e in edges:
        if e.effective_level in _JOINING:
            comp.join(e.a, e.b)
    best: dict[int, str] = defaultdict(lambda: UNCONFIRMED)
    sources: dict[int, set[str]] = defaultdict(set)
    members: dict[int, list[int]] = defaultdict(list)
    for e in edges:
        level = e.effective_level
        if level is None:
            continue
        root = comp.find(e.a)
        if _RANK[level] > _RANK[best[root]]:
            best[root] = level
        if level == "confirmed":
            sources[root].add(e.source_file_b)
    for r in leak:
        members[comp.find(r)].append(r)
    persons = [Person(k, rs[0], best[root], len(sources[root]), tuple(rs), households.get(rs[0]))
               for k, (root, rs) in enumerate(sorted(members.items(), key=lambda kv: kv[1][0]), 1)]
    by_record = {r: sources[comp.find(r)] for r in leak}
    return persons, by_record


def cluster(leak: Sequence[int], edges: Iterable[Edge], households: dict[int, str]) -> Clusters:
    """Persons of the LEAK records and the families one source corroborates."""
    persons, confirming = _persons(leak, list(edges), households)
    size: dict[str, int] = defaultdict(int)
    per_source: dict[tuple[str, str], int] = defaultdict(int)
    for p in persons:
        if p.household_id is None:
            continue
        size[p.household_id] += 1
        for source in confirming[p.record_id] if p.level == "confirmed" else ():
            per_source[(p.household_id, source)] += 1
    best: dict[str, Family] = {}
    for (household, source), n in sorted(per_source.items()):
        if n >= 2 and (household not in best or n > best[household].members_confirmed):
            best[household] = Family(household, source, n, size[household])
    return Clusters(persons, sorted(best.values(), key=lambda f: f.household_id))
