"""First release dates of document-making software, read from ``data/software_releases.tsv`` with its sources.

The table is data, not code: each row names the source of its date. It is
checked when it loads; a malformed row is a ``ConfigError`` naming the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

from veracity.errors import ConfigError

TABLE = "software_releases.tsv"


@dataclass(frozen=True)
class Release:
    """Software whose name matches ``pattern`` was first released on ``released`` (per ``source``)."""

    pattern: re.Pattern[str]
    released: dt.date
    source: str


@dataclass(frozen=True)
class SoftwareReleases:
    """The release table, asked by the software named in a file's metadata."""

    releases: tuple[Release, ...]

    def first_release(self, software: str) -> dt.date | None:
        """The latest date among the rows matching SOFTWARE (the most specific row wins), or None.

        >>> table = parse_releases("pattern\\treleased\\tsource\\nLibreOffice\\t2011-01-25\\ta\\n"
        ...                        "LibreOffice 7\\t2020-08-05\\tb\\n", "t.tsv")
        >>> table.first_release("LibreOffice 7.3"), table.first_release("LibreOffice 6.4"), table.first_release("Acme")
        (datetime.date(2020, 8, 5), datetime.date(2011, 1, 25), None)
        """
        dates = [r.released for r in self.releases if r.pattern.search(software)]
        return max(dates) if dates else None


def parse_releases(text: str, name: str) -> SoftwareReleases:
    """The table from TSV text (``#`` comment lines, a header, then pattern, date, source); ConfigError on a bad row.

    >>> parse_releases("pattern\\treleased\\tsource\\nAcme\\t2020-13-01\\tx\\n", "t.tsv")
    Traceback (most recent call last):
    veracity.errors.ConfigError: t.tsv: line 2: released '2020-13-01' is not an ISO date
    """
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines or lines[0][1].split("\t") != ["pattern", "released", "source"]:
        raise ConfigError(f"{name}: the header must be pattern, released, source")
    releases = []
    for number, line in lines[1:]:
        fields = line.split("\t")
        if len(fields) != 3 or not all(f.strip() for f in fields):
            raise ConfigError(f"{name}: line {number}: needs a pattern, a date and a source, tab-separated")
        pattern, released, source = fields
        try:
            when = dt.date.fromisoformat(released)
        except ValueError:
            raise ConfigError(f"{name}: line {number}: released {released!r} is not an ISO date") from None
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{name}: line {number}: pattern {pattern!r} is not a regular expression "
                              f"({exc})") from None
        releases.append(Release(compiled, when, source))
    return SoftwareReleases(tuple(releases))


def load_releases() -> SoftwareReleases:
    """The table shipped in ``veracity/data``."""
    text = resources.files("veracity").joinpath("data", TABLE).read_text("utf-8")
    return parse_releases(text, f"data/{TABLE}")
