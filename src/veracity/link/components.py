"""Union-find over record ids: which records end up in one person, household or accepted chain.

>>> c = Components()
>>> c.join(3, 7); c.join(7, 9)
>>> c.find(9) == c.find(3) == 3
True
"""

from __future__ import annotations


class Components:
    """Union-find over record ids."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
