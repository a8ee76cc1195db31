"""Persons, independent sources and corroborated families, from the links a run keeps.

A person is a cluster of records joined by links that are accepted, or confirmed or probable
and not rejected; accepted links are transitive within a person. A person's level is its best
link's (accepted counts as confirmed). Sources are counted by file: two testimonies of one file
(two relatives of one family) are one source; a testimony and a second register are two. A link
between two versions of one document (a copy, a revision: ``store.versions``) joins their records
into one person but confirms nothing and is no source: the document does not confirm itself.

A family (leak household) is corroborated when one testimony source confirms two or more of its
members: a testimony confirms the person it is about (a confirmed link) and names relatives, and
the relatives it names that agree with the household's other members are confirmed with it; the
testimonies of one file about one household (its relatives abroad) are one source together. A
record that names no relatives (a register row) confirms persons but corroborates no family.

>>> edges = [Edge(1, 10, "confirmed", "auto", "t.csv", 1), Edge(4, 12, "confirmed", "auto", "r.docx")]
>>> result = cluster([1, 2, 3, 4, 5], edges, {1: "h1", 2: "h1", 3: "h1", 4: "h2", 5: "h2"})
>>> [p.level for p in result.persons]
['confirmed', 'unconfirmed', 'unconfirmed', 'confirmed', 'unconfirmed']
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
    relatives_named: int | None = None  # relatives of a that b names and a's household shows; None when b names none
    independent: bool = True  # False between two versions of one document: the link joins, it does not confirm

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
    """A household corroborated by one testimony source, with at least ``members_confirmed`` members
    confirmed by it (the relatives a testimony names are counted, not identified)."""

    household_id: str
    source_file: str
    members_confirmed: int
    members: int


@dataclass(frozen=True)
class Clusters:
    """Persons and corroborated families."""

    persons: list[Person]
    families: list[Family]


def _persons(leak: Sequence[int], edges: Sequence[Edge], households: dict[int, str]) -> list[Person]:
    comp = Components()
    for e in edges:
        if e.effective_level in _JOINING:
            comp.join(e.a, e.b)
    best: dict[int, str] = defaultdict(lambda: UNCONFIRMED)
    sources: dict[int, set[str]] = defaultdict(set)
    members: dict[int, list[int]] = defaultdict(list)
    for e in edges:
        level = e.effective_level
        if level is None or not e.independent:
            continue
        root = comp.find(e.a)
        if _RANK[level] > _RANK[best[root]]:
            best[root] = level
        if level == "confirmed":
            sources[root].add(e.source_file_b)
    for r in leak:
        members[comp.find(r)].append(r)
    return [Person(k, rs[0], best[root], len(sources[root]), tuple(rs), households.get(rs[0]))
            for k, (root, rs) in enumerate(sorted(members.items(), key=lambda kv: kv[1][0]), 1)]


def _families(persons: Sequence[Person], edges: Sequence[Edge], households: dict[int, str]) -> list[Family]:
    """Households that one testimony source confirms two or more members of (each leak record in its
    own household: a testimony that reaches two leak records reaches two households)."""
    person_of = {r: p.person_id for p in persons for r in p.records}
    size: dict[str, int] = defaultdict(int)
    for p in persons:
        if p.household_id is not None:
            size[p.household_id] += 1
    about: dict[tuple[str, str], set[int]] = defaultdict(set)  # persons the testimonies are about
    with_named: dict[tuple[str, str], int] = defaultdict(int)  # most persons one testimony confirms
    for e in edges:
        household = households.get(e.a)
        if e.relatives_named is None or e.effective_level not in _JOINING or household is None:
            continue
        key = (household, e.source_file_b)
        about[key].add(person_of[e.a])
        with_named[key] = max(with_named[key], 1 + e.relatives_named)
    best: dict[str, Family] = {}
    for (household, source), ids in sorted(about.items()):
        n = min(size[household], max(len(ids), with_named[(household, source)]))
        if n >= 2 and (household not in best or n > best[household].members_confirmed):
            best[household] = Family(household, source, n, size[household])
    return sorted(best.values(), key=lambda f: f.household_id)


def cluster(leak: Sequence[int], edges: Iterable[Edge], households: dict[int, str]) -> Clusters:
    """Persons of the LEAK records and the families one testimony source corroborates."""
    kept = list(edges)
    persons = _persons(leak, kept, households)
    return Clusters(persons, _families(persons, kept, households))
