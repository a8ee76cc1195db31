"""Format similarity: how closely a leak's format follows reference documents known to be authentic.

Five aspects, each a similarity in [0, 1]: header vocabulary and category
labels (Jaccard overlap of the sets), date formats and number formats (overlap
of the distributions of value shapes, ``2017-05-03`` -> ``9999-99-99``) and the
identity-number region mix (overlap of the distributions of four-digit
prefixes). The similarity is the mean of the aspects both sides have; the
report lists the points that agree and differ. Compared: each ``leak`` file
against all ``reference`` files added as authentic together.

>>> shape("2017年5月3日")
'9999年9月9日'
>>> overlap({"a": 3, "b": 1}, {"a": 1, "b": 1})
0.75
>>> jaccard({"姓名", "身份证号"}, {"姓名", "性别"})
0.3333333333333333
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping

from veracity.case import Case
from veracity.checks.statistics import Statistic
from veracity.engine.base import Engine

AGREE = 0.6  # an aspect at or above this agrees with the references
FLAG_BELOW = 0.5  # an overall similarity below this is reported as a finding
SAMPLE_ROWS = 2000  # rows of each file whose raw cells are read for date and number formats
LABEL_FIELDS = ("category", "reason", "relation", "decision", "ethnicity")
DATE_FIELDS = ("birth_date", "detained_on")
NUMBER_FIELDS = ("id_number", "age")


def shape(text: str) -> str:
    """TEXT with every digit written 9 and every Latin letter a (the format, not the value)."""
    return re.sub(r"[A-Za-z]", "a", re.sub(r"[0-9]", "9", text.strip()))


def overlap(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """1 minus the total variation distance of two count distributions."""
    na, nb = sum(a.values()), sum(b.values())
    if not na or not nb:
        return 0.0
    return sum(min(a.get(k, 0) / na, b.get(k, 0) / nb) for k in set(a) | set(b))


def jaccard(a: set[str], b: set[str]) -> float:
    """Shared items over all items."""
    return len(a & b) / len(a | b) if a | b else 0.0


def _files(case: Case, where: str) -> list[tuple[int, str]]:
    return [(int(i), str(f)) for i, f in case.con.execute(
        f"SELECT source_id, source_file FROM sources WHERE {where} ORDER BY source_id").fetchall()]


def _headers(case: Case, ids: list[int]) -> set[str]:
    out: set[str] = set()
    for (columns,) in case.con.execute("SELECT columns FROM source_tables WHERE list_contains(?, source_id)",
                                       [ids]).fetchall():
        out |= {str(c.get("label", "")).strip().casefold() for c in json.loads(columns) if isinstance(c, dict)}
    return out - {""}


def _shapes(case: Case, ids: list[int], fields: tuple[str, ...]) -> Counter[str]:
    """Shapes of the raw cells of FIELDS in the first SAMPLE_ROWS rows of each file."""
    out: Counter[str] = Counter()
    for sid in ids:
        labels = {str(c.get("label")) for (columns,) in case.con.execute(
            "SELECT columns FROM source_tables WHERE source_id = ?", [sid]).fetchall()
            for c in json.loads(columns) if isinstance(c, dict) and c.get("field") in fields}
        for (cells,) in case.con.execute("SELECT cells FROM records WHERE source_id = ? ORDER BY \"row\" "
                                         "LIMIT ?", [sid, SAMPLE_ROWS]).fetchall():
            pairs = json.loads(cells)
            out.update(shape(str(text)) for label, text in (pairs if isinstance(pairs, list) else [])
                       if str(label) in labels and text)
    return out


def _labels(engine: Engine, files: list[str]) -> set[str]:
    union = " UNION ".join(f"SELECT {f} AS v FROM chk_records WHERE source_file = ?" for f in LABEL_FIELDS)
    sql = f"SELECT DISTINCT v FROM ({union}) u WHERE v IS NOT NULL"
    return {str(r[0]).strip().casefold() for f in files for r in engine.execute(sql, [f] * len(LABEL_FIELDS)).rows}


def _regions(engine: Engine, files: list[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for file in files:
        rows = engine.execute("SELECT substr(i.region, 1, 4) AS p, count(*) AS n FROM chk_ids i JOIN chk_records r "
                              "ON r.record_id = i.record_id WHERE i.kind > 0 AND r.source_file = ? "
                              "GROUP BY substr(i.region, 1, 4)", [file]).rows
        out.update({str(p): int(str(n)) for p, n in rows})
    return out


def _profile(case: Case, engine: Engine, sources: list[tuple[int, str]]) -> dict[str, object]:
    ids, files = [i for i, _ in sources], [f for _, f in sources]
    return {"headers": _headers(case, ids), "labels": _labels(engine, files),
            "date formats": _shapes(case, ids, DATE_FIELDS), "number formats": _shapes(case, ids, NUMBER_FIELDS),
            "region mix": _regions(engine, files)}


def _aspect(mine: object, theirs: object) -> tuple[float, str] | None:
    if isinstance(mine, set) and isinstance(theirs, set):
        if not mine or not theirs:
            return None
        shared = sorted(mine & theirs)[:5]
        return jaccard(mine, theirs), f"shared {', '.join(shared) or 'none'}; only in the leak " \
            f"{', '.join(sorted(mine - theirs)[:5]) or 'none'}"
    if isinstance(mine, Counter) and isinstance(theirs, Counter) and mine and theirs:
        return overlap(mine, theirs), (f"leak mostly {mine.most_common(1)[0][0]}, references mostly "
                                       f"{theirs.most_common(1)[0][0]}")
    return None


def compute(case: Case, engine: Engine) -> list[Statistic]:
    """One ``format.similarity`` statistic per leak file when authentic references are in the case."""
    references = _files(case, "role = 'reference' AND authentic")
    if not references:
        return []
    theirs = _profile(case, engine, references)
    out = []
    for leak in _files(case, "role = 'leak'"):
        mine = _profile(case, engine, [leak])
        aspects = {name: a for name in mine if (a := _aspect(mine[name], theirs[name])) is not None}
        if not aspects:
            continue
        score = sum(s for s, _ in aspects.values()) / len(aspects)
        agree = [n for n, (s, _) in aspects.items() if s >= AGREE]
        differ = [n for n, (s, _) in aspects.items() if s < AGREE]
        sentence = (f"The format of {leak[1]} resembles the {len(references)} authentic reference file(s) at "
                    f"{score:.2f} of 1; it agrees on {', '.join(agree) or 'nothing'} and differs on "
                    f"{', '.join(differ) or 'nothing'}.")
        details = tuple((n, f"{s:.2f}: {why}") for n, (s, why) in aspects.items())
        out.append(Statistic("format.similarity", leak[1], len(references), score, None, None, None, None,
                             score < FLAG_BELOW, sentence, details))
    return out
