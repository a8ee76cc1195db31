"""Review: the links a person should look at, and the decisions they record.

A decision (accept, reject, unsure, with a note) is one audited change naming who and when; it
is kept in ``link_decisions`` and survives re-running ``link``. A rejected link is never proposed
again; accepted links are transitive within a person, so a link whose two records an accepted
chain already joins is not asked about. Each decision rebuilds persons and families at once.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Sequence
from dataclasses import dataclass

from veracity.case import Case
from veracity.errors import UsageError
from veracity.link.components import Components
from veracity.link.levels import Decision, Level, Status
from veracity.link.store import recompute_persons

QUEUE_LEVELS = (Level.PROBABLE, Level.POSSIBLE)  # confirmed links are not queued (they can still be decided)


@dataclass(frozen=True)
class QueueItem:
    """A link to look at, with what the model saw."""

    link_id: str
    source_file_a: str
    sheet_a: str
    row_a: int
    source_file_b: str
    sheet_b: str
    row_b: int
    match_probability: float
    level: Level
    evidence: str


@dataclass(frozen=True)
class Decided:
    """A recorded decision and the counts it leaves."""

    link_id: str
    decision: Decision
    status: Status
    confirmed_persons: int
    families: int


def _accepted_components(case: Case) -> Components:
    comp = Components()
    for a, b in case.con.execute("SELECT record_id_a, record_id_b FROM links WHERE status = 'accepted'").fetchall():
        comp.join(int(a), int(b))
    return comp


def list_queue(case: Case, levels: Sequence[Level] = QUEUE_LEVELS, limit: int = 100) -> list[QueueItem]:
    """Links still to look at: at LEVELS, undecided or marked unsure, best first, at most LIMIT."""
    marks = ", ".join("?" for _ in levels)
    rows = case.con.execute(
        "SELECT link_id, source_file_a, sheet_a, row_a, source_file_b, sheet_b, row_b, match_probability, "
        f"level, evidence, record_id_a, record_id_b FROM links WHERE status = 'auto' AND level IN ({marks}) "
        "ORDER BY match_probability DESC, link_id", [lv.value for lv in levels]).fetchall()
    joined = _accepted_components(case)
    out = []
    for r in rows:
        if joined.find(int(r[10])) == joined.find(int(r[11])):
            continue  # an accepted chain already joins the two records
        out.append(QueueItem(str(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]), str(r[5]), int(r[6]),
                             float(r[7]), Level(r[8]), str(r[9])))
        if len(out) >= limit:
            break
    return out


def _status(decision: Decision, current: str) -> str:
    if decision is Decision.ACCEPT:
        return Status.ACCEPTED.value
    if decision is Decision.REJECT:
        return Status.REJECTED.value
    return current


def decide(case: Case, link_id: str, decision: Decision | str, note: str = "", user: str | None = None) -> Decided:
    """Record DECISION on LINK_ID (audited with USER, else the system user) and rebuild persons."""
    chosen = Decision(decision) if isinstance(decision, str) else decision
    row = case.con.execute("SELECT source_file_a, sheet_a, row_a, source_file_b, sheet_b, row_b, status "
                           "FROM links WHERE link_id = ?", [link_id]).fetchone()
    if row is None:
        raise UsageError(f"link {link_id}: no such link (list them with: veracity review CASE)")
    who = user or getpass.getuser()
    at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    status = _status(chosen, str(row[6]))
    with case.change("review", {"link_id": link_id, "decision": chosen.value, "note": note}, user=user) as c:
        case.con.execute("INSERT INTO link_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [link_id, *row[:6], chosen.value, note, who, at])
        level = "confirmed" if status == Status.ACCEPTED.value else None
        case.con.execute("UPDATE links SET status = ?, level = coalesce(?, level) WHERE link_id = ?",
                         [status, level, link_id])
        clusters = recompute_persons(case)
        confirmed = sum(p.level == "confirmed" for p in clusters.persons)
        c.detail.update({"confirmed_persons": confirmed, "families": len(clusters.families)})
    return Decided(link_id, chosen, Status(status), confirmed, len(clusters.families))


def evidence_lines(evidence: str) -> list[str]:
    """The evidence of a link as lines a reviewer reads.

    >>> evidence_lines('{"fields": [{"comparison": "name", "agreement": "same", "bayes_factor": 9.0}], '
    ...                '"name": "", "rule": "model"}')
    ['name: same (x9)', 'rule: model']
    >>> evidence_lines('{"fields": [], "name": "", "rule": "id_conflict", "why": "Different sex."}')
    ['rule: id_conflict', 'why: Different sex.']
    """
    data = json.loads(evidence)
    lines = [f"{f['comparison']}: {f['agreement']}" + (f" (x{f['bayes_factor']:g})" if f.get("bayes_factor")
                                                       else "") for f in data.get("fields", [])]
    lines += [line for line in str(data.get("name", "")).splitlines() if line]
    lines.append(f"rule: {data.get('rule', '')}")
    lines += [f"why: {data['why']}"] if data.get("why") else []
    return lines
