"""Finding a claim's subject in the records: by identity number, else by cross-script name with place and age.

A subject is found by its identity number when the claim gives one (15-digit numbers are read in
their 18-digit form). Otherwise, or when no record holds the number, records are blocked on the
name's phonetic keys (``veracity.names.keys``) and scored with ``veracity.names.compare``. A record
whose name scores at least ``SAME_PERSON_THRESHOLD`` is a match; one scoring from ``LOW_FLOOR`` up is
a *low* match, accepted only when an age or place the claim gives agrees with the record. Records
that carry another valid identity number than the one claimed are never the subject. Records with the
same identity number are one person; a subject matching several persons is returned as several
candidates, never silently resolved.

>>> parse_subject("Kamil Osman (34, Karakax)", "").place
'Karakax'
>>> normalise_id("650121491231002")
'650121194912310025'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from veracity import idnumber, regions
from veracity.case import Case
from veracity.locator import Locator
from veracity.names import SAME_PERSON_THRESHOLD, compare, keys

LOW_FLOOR = 0.6        # below this a name is not reported at all ("Memet Tohti" ~ "Mehmet Ali": 0.5)
MARGIN = 0.03          # candidates within this of the best score stay: "Kérim Barat" ~ 克力木 0.97, 克里木 0.95
EXACT = 0.999         # the same name as written: 阿依古丽·吐尔逊 ~ 阿依古丽·吐尔逊, not 阿依古丽·吐尔洪 (0.97)
_QUALIFIER = re.compile(r"^(?P<name>[^(（]+)[(（](?P<q>[^)）]*)[)）]\s*$")
_NAME_FIELDS = ("name", "name_zh", "name_latin", "name_arabic")


class MatchLevel(Enum):
    """How a candidate was matched, strongest first."""

    ID = "id"                            # the identity number
    NAME_CONFIRMED = "name_confirmed"    # the name, and an age or place the claim gives
    NAME = "name"                        # the name alone
    LOW = "low_name"                     # a low name score, nothing else agreeing


@dataclass(frozen=True)
class Subject:
    """Who a claim is about: a name, an identity number, and an age, birth year or place when given."""

    name: str
    id_number: str = ""
    age: int | None = None
    birth_year: int | None = None
    place: str = ""


@dataclass(frozen=True)
class Rec:
    """One record as judging needs it."""

    record_id: int
    locator: Locator
    several_tables: bool
    role: str
    names: tuple[str, ...]
    id_number: str
    birth_date: str
    address: str
    category: str
    reason: str
    detained_on: str
    decision: str

    @property
    def item(self) -> str:
        """The contract's evidence item for this record."""
        return self.locator.evidence_item(self.several_tables)


@dataclass(frozen=True)
class Candidate:
    """One person the subject may be: their records, the best name score, the level, and notes."""

    records: tuple[Rec, ...]
    score: float
    level: MatchLevel
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Presupposition:
    """What a claim's wording takes for granted about its subject ("X was not held for praying": X was held).

    Among the persons the name matches, those whose leak rows FITS are preferred before the closest
    spelling is chosen; WORDS says, in a note, why the others were set aside.
    """

    fits: Callable[[Rec], bool]
    words: str


@dataclass(frozen=True)
class Found:
    """Every candidate person, strongest first, and what was ruled out on the way."""

    candidates: tuple[Candidate, ...]
    notes: tuple[str, ...] = ()


def normalise_id(value: str) -> str:
    """An identity number in its 18-character form, or '' when it is not one."""
    text = idnumber.compact(value or "")
    if not re.fullmatch(r"\d{15}|\d{17}[\dX]", text):
        return ""
    try:
        return idnumber.to_18(text)
    except idnumber.IdNumberError:
        return ""


def parse_subject(name: str, id_number: str) -> Subject:
    """A subject from a claim's cells; ``Name (34, Karakax)`` gives an age (or birth year) and a place.

    >>> parse_subject("阿依古丽·吐尔逊（1985，墨玉县）", "")
    Subject(name='阿依古丽·吐尔逊', id_number='', age=None, birth_year=1985, place='墨玉县')
    """
    m = _QUALIFIER.match(name.strip())
    if not m:
        return Subject(name.strip(), normalise_id(id_number))
    age: int | None = None
    year: int | None = None
    places: list[str] = []
    for part in re.split(r"[,，;；]", m["q"]):
        text = part.strip().removesuffix("岁").removeprefix("age ").strip()
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
        elif re.fullmatch(r"\d{1,3}", text):
            age = int(text)
        elif text:
            places.append(text)
    return Subject(m["name"].strip(), normalise_id(id_number), age, year, ", ".join(places))


@dataclass
class RecordIndex:
    """The case's records, by normalised identity number and by name key (built once per judging)."""

    records: list[Rec] = field(default_factory=list)
    by_id: dict[str, list[int]] = field(default_factory=dict)
    by_key: dict[str, list[int]] = field(default_factory=dict)

    def add(self, rec: Rec) -> None:
        k = len(self.records)
        self.records.append(rec)
        if rec.id_number:
            self.by_id.setdefault(rec.id_number, []).append(k)
        for key in {key for name in rec.names for key in keys(name)}:
            self.by_key.setdefault(key, []).append(k)

    def blocked(self, name: str, need: int = 2) -> list[Rec]:
        """Records sharing at least NEED of NAME's keys (all of them when it has fewer)."""
        wanted = set(keys(name))
        counts: dict[int, int] = {}
        for key in wanted:
            for k in self.by_key.get(key, ()):
                counts[k] = counts.get(k, 0) + 1
        need = min(need, len(wanted))
        return [self.records[k] for k, n in counts.items() if n >= need]


_RECORDS_SQL = """
SELECT r.record_id, r.source_file, r.sheet, r."row", r.role, r.name, r.name_zh, r.name_latin, r.name_arabic,
       r.given_name, r.family_name, r.id_number, r.birth_date, r.address, r.category, r.reason,
       r.detained_on, r.decision, s.n_tables > 1
FROM records r JOIN sources s USING (source_id) ORDER BY r.record_id
"""


def _names(row: Sequence[object]) -> tuple[str, ...]:
    found = [str(v) for v in row[5:9] if v]
    if row[9] and row[10]:
        found.append(f"{row[9]} {row[10]}")
    return tuple(dict.fromkeys(found))


def load_index(case: Case) -> RecordIndex:
    """Every record of CASE, indexed."""
    index = RecordIndex()
    cursor = case.con.execute(_RECORDS_SQL)
    while chunk := cursor.fetchmany(10_000):
        for row in chunk:
            text = ["" if v is None else str(v) for v in row]
            index.add(Rec(int(row[0]), Locator(text[1], text[2], int(row[3])), bool(row[18]), text[4],
                          _names(row), normalise_id(text[11]), text[12], text[13], text[14], text[15],
                          text[16], text[17]))
    return index


def _agreement(subject: Subject, rec: Rec, on: dt.date | None) -> tuple[bool, bool]:
    """(something agrees, something disagrees) between the claim's age/birth year/place and REC."""
    agree = disagree = False
    born = int(rec.birth_date[:4]) if rec.birth_date[:4].isdigit() else None
    if born is not None and subject.birth_year is not None:
        agree, disagree = agree or born == subject.birth_year, disagree or born != subject.birth_year
    if born is not None and subject.age is not None and on is not None:
        ok = abs((on.year - born) - subject.age) <= 1
        agree, disagree = agree or ok, disagree or not ok
    if subject.place:
        code = idnumber.region_code(rec.id_number) if rec.id_number else None
        by_code = regions.matches_place(code, subject.place).outcome if code else None
        ok = subject.place in rec.address or by_code is regions.Outcome.PASS
        agree, disagree = agree or ok, disagree or (not ok and by_code is regions.Outcome.FAIL)
    return agree, disagree


def _group(scored: Iterable[tuple[float, Rec]]) -> list[tuple[float, list[Rec]]]:
    """Records grouped into persons by identity number (a record without one is its own person)."""
    persons: dict[str, tuple[float, list[Rec]]] = {}
    for score, rec in scored:
        key = rec.id_number or f"#{rec.record_id}"
        best, recs = persons.get(key, (0.0, []))
        persons[key] = (max(best, score), [*recs, rec])
    return sorted(persons.values(), key=lambda p: (-p[0], p[1][0].record_id))


def _fitting(presupposed: Presupposition | None, recs: Iterable[Rec]) -> bool:
    """Whether a leak row among RECS fits what the claim presupposes (any leak row, when it presupposes nothing)."""
    return any(r.role == "leak" and (presupposed is None or presupposed.fits(r)) for r in recs)


def _near(name: str, recs: Iterable[Rec]) -> list[tuple[float, Rec]]:
    """RECS with their best name score against NAME, those from ``LOW_FLOOR`` up."""
    scored = ((max(compare(name, n).score for n in rec.names), rec) for rec in recs)
    return [(score, rec) for score, rec in scored if score >= LOW_FLOOR]


def _by_name(index: RecordIndex, subject: Subject, on: dt.date | None, presupposed: Presupposition | None
             ) -> Found:
    notes: list[str] = []
    near = _near(subject.name, index.blocked(subject.name))
    if not _fitting(presupposed, (rec for _, rec in near)):
        # a part spelt too differently to share its key, or only persons the claim cannot be about: look wider
        near = _near(subject.name, index.blocked(subject.name, need=1))
    scored: list[tuple[float, Rec]] = []
    for score, rec in near:
        if subject.id_number and rec.id_number and rec.id_number != subject.id_number:
            notes.append(f"{rec.item} has a similar name ({score:.2f}) but another identity number")
            continue
        scored.append((score, rec))
    out: list[Candidate] = []
    for score, recs in _group(scored):
        checks = [_agreement(subject, r, on) for r in recs]
        agree, disagree = any(a for a, _ in checks), any(d for _, d in checks)
        if disagree:
            notes.append(f"{recs[0].item} has the name ({score:.2f}) but another age or place")
            continue
        strong = score >= SAME_PERSON_THRESHOLD
        level = (MatchLevel.NAME_CONFIRMED if agree else MatchLevel.NAME) if strong else (
            MatchLevel.NAME_CONFIRMED if agree else MatchLevel.LOW)
        out.append(Candidate(tuple(recs), score, level))
    kept: list[Candidate] = []
    unfit = 0
    for side in ("leak", "other"):
        strongest, set_aside = _strongest([c for c in out if _side(c) == side], presupposed)
        kept, unfit = kept + strongest, unfit + set_aside
    if unfit and presupposed is not None:
        notes.append(f"{unfit} person(s) the name matches set aside: {presupposed.words}")
    if len(kept) + unfit < len(out):
        notes.append(f"{len(out) - len(kept) - unfit} weaker name match(es) set aside")
    return Found(tuple(kept), tuple(notes))


def _side(c: Candidate) -> str:
    return "leak" if _fitting(None, c.records) else "other"


def _strongest(cands: list[Candidate], presupposed: Presupposition | None) -> tuple[list[Candidate], int]:
    """Within one side (leak, or other sources): the candidates near the best, or the low ones if all are.

    The name as written beats its variant spellings; below that, persons that fit what the claim
    presupposes beat those that do not (their number is returned), then the closest spellings stay.
    """
    pool = [c for c in cands if c.level is not MatchLevel.LOW]
    if not pool:
        return cands, 0
    if max(c.score for c in pool) >= EXACT:
        pool = [c for c in pool if c.score >= EXACT]
    fitting = [c for c in pool if presupposed is not None and _fitting(presupposed, c.records)]
    unfit = len(pool) - len(fitting) if fitting else 0
    pool = fitting or pool
    best = max(c.score for c in pool)
    floor = best if best >= EXACT else best - MARGIN
    return [c for c in pool if c.score >= floor], unfit


def find_subject(index: RecordIndex, subject: Subject, on: dt.date | None = None,
                 presupposed: Presupposition | None = None) -> Found:
    """The candidates for SUBJECT among the indexed records (ON: the claim's date, for an age; PRESUPPOSED:
    what the claim takes for granted about its subject, which decides between persons the name matches)."""
    if subject.id_number and subject.id_number in index.by_id:
        recs = [index.records[k] for k in index.by_id[subject.id_number]]
        score = max((compare(subject.name, n).score for r in recs for n in r.names), default=0.0) \
            if subject.name else 1.0
        notes = () if score >= SAME_PERSON_THRESHOLD or not subject.name else (
            f"the records under this identity number carry another name (best score {score:.2f})",)
        return Found((Candidate(tuple(recs), score, MatchLevel.ID, notes),))
    found = _by_name(index, subject, on, presupposed) if subject.name else Found(())
    if subject.id_number:
        return Found(found.candidates, ("no record holds the identity number given", *found.notes))
    return found
