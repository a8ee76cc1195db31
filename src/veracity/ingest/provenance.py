"""Authenticity signals in document metadata, for the report's provenance section (table ``document_signals``).

Each signal has a stable id, a severity and a sentence a journalist can
repeat. A signal is a reason to look, not a verdict: metadata can be edited,
and its absence proves nothing.

- ``metadata.after_claimed``: a time in the file is after the date the leak
  is claimed to be from (``sources.document_date``).
- ``metadata.before_own_dates``: the file was made before a date it states
  (its latest detention date).
- ``metadata.modified_before_created``: the modification time precedes the creation time.
- ``metadata.software_anachronism``: the creating software was released after
  the file's creation time or the claimed date (release dates, each with its
  source, in ``data/software_releases.tsv``; see ``software_releases``).
- ``metadata.converted``: a PDF made by a spreadsheet or word processor, or a
  printer driver: the original file's own metadata did not survive.
- ``metadata.absent``: no metadata; lost or stripped, not evidence either way.
- ``metadata.mixed_zones``: files of one set state times in different UTC offsets.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from veracity.ingest.metadata import DocumentMetadata, MetadataState
from veracity.ingest.software_releases import SoftwareReleases, load_releases

if TYPE_CHECKING:
    from veracity.case import Case


class Severity(enum.Enum):
    """How much a signal weighs: notice (context) or warning (look closely)."""

    NOTICE = "notice"
    WARNING = "warning"


@dataclass(frozen=True)
class Signal:
    """One provenance signal about one file (``source_file`` empty for a set-level signal)."""

    signal_id: str
    severity: Severity
    source_file: str
    message: str


CONVERTERS = re.compile(r"Excel|Calc|Word|Writer|WPS|表格|文字|\bPrint|Printer|Distiller|Quartz|Skia", re.I)
_ZONE = re.compile(r"([+-]\d{2}:\d{2})$")


def _date(iso: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso[:10]) if len(iso) >= 10 else None
    except ValueError:
        return None


def file_signals(name: str, meta: DocumentMetadata, claimed: dt.date | None,
                 own_latest: dt.date | None, releases: SoftwareReleases) -> list[Signal]:
    """The signals of one file's metadata.

    >>> m = DocumentMetadata("pdf", "LibreOffice 7.0", "Calc", created="2019-05-01T10:00:00+08:00")
    >>> [s.signal_id for s in file_signals("a.pdf", m, dt.date(2018, 12, 31), None, load_releases())]
    ['metadata.after_claimed', 'metadata.software_anachronism', 'metadata.converted']
    """
    if meta.state is MetadataState.ABSENT:
        return [Signal("metadata.absent", Severity.NOTICE, name, f"{name} carries no metadata: it was lost "
                       "(a conversion, a messaging app) or stripped; its absence is not evidence either way")]
    out: list[Signal] = []
    times = [(label, t) for label, t in (("created", meta.created), ("modified", meta.modified),
                                         ("taken", meta.taken)) if _date(t)]
    for label, text in times:
        if claimed and (_date(text) or claimed) > claimed:
            out.append(Signal("metadata.after_claimed", Severity.WARNING, name,
                              f"{name} was {label} {text}, after the date it is claimed to be from ({claimed})"))
            break
    made = _date(meta.created or meta.taken)
    if made and own_latest and made < own_latest:
        out.append(Signal("metadata.before_own_dates", Severity.WARNING, name,
                          f"{name} was created {made}, before {own_latest}, a date it states"))
    if _date(meta.modified) and made and (_date(meta.modified) or made) < made:
        out.append(Signal("metadata.modified_before_created", Severity.WARNING, name,
                          f"{name} was modified ({meta.modified}) before it was created ({meta.created})"))
    out.extend(_software(name, meta, claimed, releases))
    return out


def _software(name: str, meta: DocumentMetadata, claimed: dt.date | None,
              releases: SoftwareReleases) -> list[Signal]:
    out: list[Signal] = []
    software = " / ".join(s for s in (meta.creator, meta.producer) if s)
    first = releases.first_release(software)
    made = _date(meta.created)
    limit = min((d for d in (made, claimed) if d), default=None)
    if first and limit and first > limit:
        out.append(Signal("metadata.software_anachronism", Severity.WARNING, name,
                          f"{name} names {software}, first released {first}, after {limit}"))
    if meta.kind == "pdf" and CONVERTERS.search(software):
        out.append(Signal("metadata.converted", Severity.NOTICE, name,
                          f"{name} is a PDF made by {software}: the original file's metadata (author, times) "
                          "did not survive the conversion; its absence is not evidence"))
    return out


def set_signals(files: Sequence[tuple[str, DocumentMetadata]]) -> list[Signal]:
    """Signals across a set of files: times stated in more than one UTC offset.

    >>> a = DocumentMetadata("image", created="2018-01-05T09:00:00+08:00")
    >>> b = DocumentMetadata("image", created="2018-01-05T09:10:00+06:00")
    >>> [s.message for s in set_signals([("a.jpg", a), ("b.jpg", b)])]
    ['the files state times in 2 UTC offsets (+06:00: b.jpg; +08:00: a.jpg)']
    """
    zones: dict[str, list[str]] = {}
    for name, meta in files:
        for text in (meta.created, meta.modified):
            m = _ZONE.search(text)
            if m:
                zones.setdefault(m.group(1), []).append(name)
                break
    if len(zones) < 2:
        return []
    listed = "; ".join(f"{z}: {', '.join(sorted(set(n)))}" for z, n in sorted(zones.items()))
    return [Signal("metadata.mixed_zones", Severity.NOTICE, "",
                   f"the files state times in {len(zones)} UTC offsets ({listed})")]


def provenance_signals(files: Sequence[tuple[str, DocumentMetadata]], claimed: Mapping[str, dt.date],
                       own_latest: Mapping[str, dt.date], releases: SoftwareReleases) -> list[Signal]:
    """Every file's signals, then the set's."""
    out = [s for name, meta in files
           for s in file_signals(name, meta, claimed.get(name), own_latest.get(name), releases)]
    return out + set_signals(files)


def refresh_signals(case: Case) -> list[Signal]:
    """Recompute ``document_signals`` from ``documents``, ``sources.document_date`` and the records' dates."""
    rows = case.con.execute(
        "SELECT d.source_file, d.kind, d.producer, d.creator, d.author, d.created, d.modified, d.taken, "
        "d.camera, s.document_date, (SELECT max(detained_on) FROM records r WHERE r.source_id = d.source_id) "
        "FROM documents d JOIN sources s USING (source_id) ORDER BY d.source_id").fetchall()
    files, claimed, latest = [], {}, {}
    for name, kind, producer, creator, author, created, modified, taken, camera, claim, last in rows:
        files.append((name, DocumentMetadata(kind, producer, creator, author, created, modified,
                                             camera=camera, taken=taken)))
        if claim and _date(claim):
            claimed[name] = _date(claim)
        if last and _date(str(last)):
            latest[name] = _date(str(last))
    signals = provenance_signals(files, {k: v for k, v in claimed.items() if v},
                                 {k: v for k, v in latest.items() if v}, load_releases())
    case.con.execute("DELETE FROM document_signals")
    for s in signals:
        case.con.execute("INSERT INTO document_signals VALUES (?, ?, ?, ?, ?)",
                         [s.signal_id, s.severity.value, s.source_file, s.message, json.dumps({})])
    return signals
