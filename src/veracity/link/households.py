"""Households rebuilt from the records: by household number where the source gives one, else
by shared address and patronymic structure (a child's patronymic is the father's given name,
siblings share a patronymic).

>>> rows = [Member(1, "a.xlsx", "s", "0102", "", "阿不都·吐尔逊"),
...         Member(2, "a.xlsx", "s", "0102", "", "古丽·阿不都"),
...         Member(3, "a.xlsx", "s", "", "墨玉县1组", "艾力·买买提"),
...         Member(4, "a.xlsx", "s", "", "墨玉县1组", "买买提·玉素甫"),
...         Member(5, "a.xlsx", "s", "", "墨玉县1组", "努尔·阿不拉")]
>>> found = rebuild(rows)
>>> found[1].household_id == found[2].household_id, found[3].household_id == found[4].household_id
(True, True)
>>> found[5].household_id == found[3].household_id, found[3].method
(False, <Method.ADDRESS_PATRONYMIC: 'address_patronymic'>)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from veracity.link.components import Components
from veracity.names import parse


class Method(Enum):
    """How a household was found."""

    NUMBER = "household_number"  # the source's household number (户号)
    ADDRESS_PATRONYMIC = "address_patronymic"  # same address, linked by father's name
    ALONE = "alone"  # no number and no relative at the address


@dataclass(frozen=True)
class Member:
    """What household rebuilding reads of a record."""

    record_id: int
    source_file: str
    sheet: str
    household: str
    address: str
    name: str


@dataclass(frozen=True)
class Placement:
    """A record's household and how it was found."""

    household_id: str
    method: Method


def _given_and_patronymic(name: str) -> tuple[str, str] | None:
    parts = parse(name).parts
    if len(parts) < 2:
        return None
    return parts[0].key, parts[-1].key


def _by_patronymic(group: Sequence[Member], union: Components) -> None:
    """Join, at one address, a father and his children and siblings sharing a patronymic."""
    by_given: dict[str, list[int]] = defaultdict(list)
    by_patronymic: dict[str, list[int]] = defaultdict(list)
    for m in group:
        union.find(m.record_id)
        split = _given_and_patronymic(m.name)
        if split:
            by_given[split[0]].append(m.record_id)
            by_patronymic[split[1]].append(m.record_id)
    for key, children in by_patronymic.items():
        for other in children[1:] + by_given.get(key, []):
            union.join(children[0], other)


def rebuild(members: Iterable[Member]) -> dict[int, Placement]:
    """Each record's household: ``file|sheet|number``, or ``file|sheet|address|#n`` when rebuilt."""
    out: dict[int, Placement] = {}
    unnumbered: dict[tuple[str, str, str], list[Member]] = defaultdict(list)
    for m in members:
        if m.household.strip():
            out[m.record_id] = Placement(f"{m.source_file}|{m.sheet}|{m.household.strip()}", Method.NUMBER)
        elif m.address.strip():
            unnumbered[(m.source_file, m.sheet, m.address.strip())].append(m)
    for (source, sheet, address), group in unnumbered.items():
        union = Components()
        _by_patronymic(group, union)
        sizes: dict[int, int] = defaultdict(int)
        for m in group:
            sizes[union.find(m.record_id)] += 1
        for m in group:
            root = union.find(m.record_id)
            method = Method.ADDRESS_PATRONYMIC if sizes[root] > 1 else Method.ALONE
            out[m.record_id] = Placement(f"{source}|{sheet}|{address}|#{root}", method)
    return out
