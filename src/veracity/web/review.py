"""The review queue as the UI shows it: links side by side, first and blind second review,
bulk decisions on a filtered set, and the disagreements an editor settles.

Every decision goes through ``veracity.link.review.decide`` (the path the CLI takes), which
records it in ``link_decisions``, audits it with the reviewer's name and rebuilds persons.
A reviewer's queue skips the links they have decided, so it resumes where they stopped.
In the blind second review a reviewer sees links someone else decided, without that decision;
links whose reviewers disagree are listed until an editor decides them from that list.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from veracity.case import Case
from veracity.link.levels import Decision, Level
from veracity.link.review import Decided, decide, evidence_lines, list_queue
from veracity.names import compare
from veracity.report.summary import Summary, summarise
from veracity.web.records import FindingLine, RecordRow, linkage_ran, record_detail

EDITOR_MARK = "[editor]"  # starts the note of a decision taken on the disagreements list
BULK_LIMIT = 200  # each decision rebuilds persons; a larger set is decided in several passes
NAME_COLUMNS = ("name", "name_zh", "name_latin", "name_arabic")
COMPARED = (*NAME_COLUMNS, "id_number", "sex", "birth_date", "age", "ethnicity",
            "address", "household", "relation")


class Mode(Enum):
    """Which queue a reviewer works through."""

    FIRST = "first"
    SECOND = "second"


@dataclass(frozen=True)
class QueueFilter:
    """The set of links a queue (or a bulk decision) covers.

    >>> QueueFilter(level="possible").levels()
    (<Level.POSSIBLE: 'possible'>,)
    """

    level: str = ""
    source: str = ""
    min_p: float = 0.0
    max_p: float = 1.0

    def levels(self) -> tuple[Level, ...]:
        """The levels asked for (probable and possible when none is named)."""
        return (Level(self.level),) if self.level in {lv.value for lv in Level} else (Level.PROBABLE, Level.POSSIBLE)


@dataclass(frozen=True)
class FieldPair:
    """One field on both sides; ``agree`` is None when a side leaves it empty."""

    field: str
    a: str
    b: str
    agree: bool | None


@dataclass(frozen=True)
class Side:
    """One record of a link: where it is, who it names, its original cells and findings."""

    row: RecordRow
    cells: tuple[tuple[str, str], ...]
    findings: tuple[FindingLine, ...]


@dataclass(frozen=True)
class ReviewItem:
    """A link to decide, with both records and what the model saw."""

    link_id: str
    level: str
    probability: float
    rule: str
    a: Side
    b: Side
    fields: tuple[FieldPair, ...]
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Queue:
    """A reviewer's queue: the link to decide now (None when done), how many remain, how many they decided."""

    mode: Mode
    filter: QueueFilter
    item: ReviewItem | None
    remaining: int
    decided_by_me: int
    linked: bool
    summary: Summary


def _mine(case: Case, user: str) -> set[str]:
    return {str(i) for (i,) in case.con.execute(
        "SELECT DISTINCT link_id FROM link_decisions WHERE decided_by = ?", [user]).fetchall()}


def _first_queue(case: Case, user: str, wanted: QueueFilter) -> list[str]:
    done = _mine(case, user)
    return [q.link_id for q in list_queue(case, wanted.levels(), limit=1_000_000)
            if q.link_id not in done and (not wanted.source or wanted.source in (q.source_file_a, q.source_file_b))
            and wanted.min_p <= q.match_probability <= wanted.max_p]


def _second_queue(case: Case, user: str, wanted: QueueFilter) -> list[str]:
    rows = case.con.execute(
        "SELECT l.link_id FROM links l WHERE EXISTS (SELECT 1 FROM link_decisions d WHERE d.link_id = l.link_id "
        "AND d.decided_by <> ?) AND NOT EXISTS (SELECT 1 FROM link_decisions d WHERE d.link_id = l.link_id "
        "AND d.decided_by = ?) AND (? = '' OR l.level = ?) AND (? = '' OR ? IN (l.source_file_a, l.source_file_b)) "
        "AND l.match_probability BETWEEN ? AND ? ORDER BY l.match_probability DESC, l.link_id",
        [user, user, wanted.level, wanted.level, wanted.source, wanted.source, wanted.min_p, wanted.max_p]).fetchall()
    return [str(r[0]) for r in rows]


def queue_ids(case: Case, user: str, mode: Mode, wanted: QueueFilter) -> list[str]:
    """The links USER still has to decide in MODE's queue, best first."""
    return (_first_queue if mode is Mode.FIRST else _second_queue)(case, user, wanted)


def _side(case: Case, record_id: int) -> Side:
    detail = record_detail(case, record_id)
    assert detail is not None, record_id
    return Side(detail.row, detail.cells, detail.findings)


def _best_names(names_a: list[str], names_b: list[str]) -> FieldPair | None:
    """The closest pair of names across the two records' name columns, in any scripts.

    >>> _best_names(["Memet Rozi", "买买提·肉孜"], ["مەمەت روزى"]).agree
    True
    """
    scored = [(compare(x, y), x, y) for x in names_a if x for y in names_b if y]
    if not scored:
        return None
    match, x, y = max(scored, key=lambda t: t[0].score)
    return FieldPair(f"closest names ({match.score:.2f})", x, y, match.same_person)


def _fields(case: Case, a: int, b: int) -> tuple[FieldPair, ...]:
    quoted = ", ".join(f'coalesce(CAST("{c}" AS VARCHAR), \'\')' for c in COMPARED)
    values = {int(r[0]): r[1:] for r in case.con.execute(
        f"SELECT record_id, {quoted} FROM records WHERE record_id IN (?, ?)", [a, b]).fetchall()}
    names = len(NAME_COLUMNS)
    best = _best_names([str(v) for v in values[a][:names]], [str(v) for v in values[b][:names]])
    pairs = [best] if best else []
    for field, x, y in zip(COMPARED, values[a], values[b], strict=True):
        if x or y:
            pairs.append(FieldPair(field, str(x), str(y), None if not (x and y) else _same(str(x), str(y))))
    return tuple(pairs)


def _same(x: str, y: str) -> bool:
    """Whether two values agree, ignoring case, spaces and the Chinese name separator.

    >>> _same("Memet  Rozi", "memet rozi"), _same("买买提·肉孜", "买买提肉孜"), _same("1980", "1981")
    (True, True, False)
    """
    def norm(s: str) -> str:
        return "".join(s.replace("·", "").split()).casefold()
    return norm(x) == norm(y)


def review_item(case: Case, link_id: str) -> ReviewItem | None:
    """LINK_ID with both records side by side, or None when there is no such link."""
    row = case.con.execute("SELECT level, match_probability, rule, record_id_a, record_id_b, evidence FROM links "
                           "WHERE link_id = ?", [link_id]).fetchone()
    if row is None:
        return None
    level, probability, rule, a, b, evidence = row
    return ReviewItem(link_id, str(level), float(probability), str(rule), _side(case, int(a)), _side(case, int(b)),
                      _fields(case, int(a), int(b)), tuple(evidence_lines(str(evidence))))


def queue(case: Case, user: str, mode: Mode, wanted: QueueFilter) -> Queue:
    """USER's queue in MODE: the next link to decide and the counts."""
    if not linkage_ran(case):
        return Queue(mode, wanted, None, 0, 0, False, summarise(case))
    ids = queue_ids(case, user, mode, wanted)
    item = review_item(case, ids[0]) if ids else None
    return Queue(mode, wanted, item, len(ids), len(_mine(case, user)), True, summarise(case))


def decide_link(case: Case, link_id: str, decision: Decision, note: str, user: str) -> Decided:
    """Record USER's DECISION on LINK_ID through the linkage library (audited, persons rebuilt)."""
    return decide(case, link_id, decision, note.strip()[:2000], user=user)


def decide_bulk(case: Case, user: str, mode: Mode, wanted: QueueFilter, decision: Decision, note: str) -> int:
    """Decide every link of USER's filtered queue (at most BULK_LIMIT), the same way; the number decided."""
    ids = queue_ids(case, user, mode, wanted)[:BULK_LIMIT]
    for link_id in ids:
        decide_link(case, link_id, decision, note, user)
    return len(ids)


@dataclass(frozen=True)
class Opinion:
    """One reviewer's latest decision on a link."""

    reviewer: str
    decision: str
    note: str
    at: str


@dataclass(frozen=True)
class Disagreement:
    """A link whose reviewers decided differently, and no editor has settled since."""

    link_id: str
    level: str
    status: str
    a: RecordRow
    b: RecordRow
    opinions: tuple[Opinion, ...]


_LATEST = """SELECT link_id, decided_by, decision, note, decided_at FROM (
    SELECT *, row_number() OVER (PARTITION BY link_id, decided_by ORDER BY decided_at DESC) AS k
    FROM link_decisions WHERE NOT starts_with(note, ?)) WHERE k = 1"""
_OPEN = f"""WITH latest AS ({_LATEST}),
split AS (SELECT link_id, max(decided_at) AS last FROM latest GROUP BY link_id HAVING count(DISTINCT decision) > 1)
SELECT s.link_id FROM split s WHERE NOT EXISTS (SELECT 1 FROM link_decisions d WHERE d.link_id = s.link_id
    AND starts_with(d.note, ?) AND d.decided_at > s.last) ORDER BY s.link_id"""


def disagreements(case: Case) -> tuple[Disagreement, ...]:
    """The links reviewers disagree on that no editor has settled, with each reviewer's decision."""
    if not linkage_ran(case):
        return ()
    ids = [str(i) for (i,) in case.con.execute(_OPEN, [EDITOR_MARK, EDITOR_MARK]).fetchall()]
    out = []
    for link_id in ids:
        level, status, a, b = case.con.execute(
            "SELECT level, status, record_id_a, record_id_b FROM links WHERE link_id = ?", [link_id]).fetchone() or (
            "", "", None, None)
        if a is None:
            continue  # a decision on a link that re-running linkage no longer proposes
        opinions = tuple(Opinion(str(r[1]), str(r[2]), str(r[3]), str(r[4])) for r in case.con.execute(
            f"SELECT * FROM ({_LATEST}) WHERE link_id = ? ORDER BY decided_at", [EDITOR_MARK, link_id]).fetchall())
        out.append(Disagreement(link_id, str(level), str(status), _side(case, int(a)).row, _side(case, int(b)).row,
                                opinions))
    return tuple(out)


def settle(case: Case, link_id: str, decision: Decision, note: str, editor: str) -> Decided:
    """The editor's final DECISION on a disputed link (marked as the editor's, so the dispute closes)."""
    return decide_link(case, link_id, decision, f"{EDITOR_MARK} {note}", editor)
