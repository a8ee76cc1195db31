"""Row rules within households: parent-child age gaps and Uyghur patronymics, as SQL.

A household is the records of one source, sheet and ``household`` value. The
relation labels of ``data/checks_relations.yaml`` (registered as ``chk_relations``)
give each member a role; parent-child pairs are the head (and spouse) with each
child, and the head's father or mother with the head. Findings are on the
child's row and name the parent's row.

>>> from veracity.engine.duckdb import DUCKDB
>>> name_part("x", 2)
"split_part(translate(lower(trim(x)), '•・‧. ', '·····'), '·', 2)"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from veracity.engine.base import Dialect
from veracity.errors import ConfigError

MIN_PARENT_GAP = 14  # a parent fewer than 14 years older than the child: born 1980, child 1990
SEPARATORS = "•・‧. "  # also between the parts of a name, besides "·": 阿依古丽·买买提, Aygul Memet
# the scripts a name may be written in: (column of the child's and father's rows, label in messages)
SCRIPTS = (("name", "the name column"), ("name_zh", "Chinese"), ("name_latin", "Latin script"),
           ("name_arabic", "Uyghur script"))
_ROLES = ("head", "spouse", "child", "father", "mother")


@dataclass(frozen=True)
class Relation:
    """One relation label (与户主关系) and the role and sex it gives a household member."""

    label: str
    role: str
    sex: str


def load_relations() -> tuple[Relation, ...]:
    """The relation labels of ``data/checks_relations.yaml``; ConfigError when it is malformed.

    >>> Relation("之子", "child", "M") in load_relations()
    True
    """
    text = resources.files("veracity").joinpath("data", "checks_relations.yaml").read_text("utf-8")
    out: list[Relation] = []
    for key, entry in (yaml.safe_load(text) or {}).items():
        role, sex = entry.get("role", key), entry.get("sex", "")
        if role not in _ROLES or sex not in ("", "M", "F") or not entry.get("labels"):
            raise ConfigError(f"data/checks_relations.yaml: {key}: bad role, sex or labels")
        out.extend(Relation(str(label).strip().casefold(), role, sex) for label in entry["labels"])
    return tuple(out)


def name_part(column: str, part: int) -> str:
    """The PART-th part (1-based) of a name, lower-cased, '' when it has fewer parts (same in both engines;
    ``translate`` maps each separator to "·", far cheaper than a regular expression)."""
    dots = "·" * len(SEPARATORS)
    return f"split_part(translate(lower(trim({column})), '{SEPARATORS}', '{dots}'), '·', {part})"


def members_sql(d: Dialect) -> str:
    """Household members with a known role, their sex and birth date (recorded, else the number's)."""
    iso = d.full_match("r.birth_date", "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
    parts = ", ".join(f"coalesce({name_part('r.' + column, 1)}, '') AS first_{column}, "
                      f"coalesce({name_part('r.' + column, 2)}, '') AS second_{column}" for column, _ in SCRIPTS)
    return f"""SELECT r.record_id, r.source_id, r.sheet, r.household, r.row_no,
       lower(trim(coalesce(r.given_name, ''))) AS first_split, lower(trim(coalesce(r.family_name, '')))
         AS second_split, {parts}, rel.role,
       coalesce(NULLIF(rel.sex, ''), CASE WHEN r.sex IN ('M', 'F') THEN r.sex END) AS sex,
       CASE WHEN {iso} THEN r.birth_date WHEN i.date_ok THEN i.birth END AS born
FROM chk_records r
JOIN chk_relations rel ON rel.label = lower(trim(r.relation))
LEFT JOIN chk_ids i ON i.record_id = r.record_id AND i.kind > 0
WHERE r.household <> ''"""


def pairs_sql() -> str:
    """Parent-child pairs within a household, from ``chk_members``."""
    return """SELECT p.record_id AS parent_id, c.record_id AS child_id, p.row_no AS parent_row,
       p.sex AS parent_sex, p.born AS parent_born, c.born AS child_born
FROM chk_members p JOIN chk_members c
  ON p.source_id = c.source_id AND p.sheet = c.sheet AND p.household = c.household
WHERE (p.role IN ('head', 'spouse') AND c.role = 'child')
   OR (p.role IN ('father', 'mother') AND c.role = 'head')"""


def _parent_word(column: str) -> str:
    return f"CASE {column} WHEN 'M' THEN 'father' WHEN 'F' THEN 'mother' ELSE 'parent' END"


def parent_age_sql(d: Dialect) -> str:
    """``family.parent_age``: the parent is fewer than MIN_PARENT_GAP years older (full dates), or
    born fewer than MIN_PARENT_GAP - 1 calendar years before (when a date is only a year or month)."""
    py, cy = d.try_int("substr(parent_born, 1, 4)"), d.try_int("substr(child_born, 1, 4)")
    full = "length(parent_born) = 10 AND length(child_born) = 10"
    before_birthday = "CASE WHEN substr(child_born, 6, 5) < substr(parent_born, 6, 5) THEN 1 ELSE 0 END"
    gap = f"CASE WHEN {full} THEN {cy} - {py} - {before_birthday} ELSE {cy} - {py} END"
    return f"""SELECT child_id AS record_id, {d.concat("'The '", _parent_word('parent_sex'), "' (row '",
        d.text('parent_row'), "') was born '", "parent_born", "', '",
        "CASE WHEN gap < 0 THEN 'after' ELSE 'fewer than " + str(MIN_PARENT_GAP) + " years before' END",
        "' this child (born '", "child_born", "').'")} AS message
FROM (SELECT child_id, parent_row, parent_sex, parent_born, child_born, {gap} AS gap, {full} AS exact
      FROM chk_pairs WHERE parent_born IS NOT NULL AND child_born IS NOT NULL) g
WHERE (exact AND gap < {MIN_PARENT_GAP}) OR (NOT exact AND gap < {MIN_PARENT_GAP - 1})"""


# Two name parts whose ``veracity.names.compare`` score reaches this are one name in two spellings or scripts:
# Toxti/托合提 0.92, Tohti/Toxti 0.97, 托合提/托乎提 0.97, روزى/肉孜 0.96; different names stay below it:
# 艾合买提/艾买提 (Exmet/Emet) 0.86, 吐尔逊/吐尔洪 0.74, 买买提/艾买提 0.72.
SAME_NAME_PART = 0.9
_KEYS = (("split", "the split name columns"), *SCRIPTS)


def _patronymic_parts(d: Dialect) -> str:
    """Each child-father pair whose names differ in some script and agree exactly in none, with the name parts
    (``c_*`` the child's second names, ``f_*`` the father's given names) and the first script that differs."""
    columns = ", ".join(f"c.second_{k} AS c_{k}, f.first_{k} AS f_{k}" for k, _ in _KEYS)
    comparable = {k: f"(c_{k} <> '' AND f_{k} <> '')" for k, _ in _KEYS}
    agree = " OR ".join(f"({comparable[k]} AND c_{k} = f_{k})" for k, _ in _KEYS)
    differ = " OR ".join(f"({comparable[k]} AND c_{k} <> f_{k})" for k, _ in _KEYS)
    first_differ = "CASE " + " ".join(f"WHEN {comparable[k]} AND c_{k} <> f_{k} THEN {d.literal(label)}"
                                      for k, label in _KEYS) + " END"
    parts = ", ".join(f"c_{k}, f_{k}" for k, _ in _KEYS)
    return f"""SELECT child_id, parent_id, parent_row, script, {parts}
FROM (
  SELECT child_id, parent_id, parent_row, {first_differ} AS script, ({agree}) AS agrees, ({differ}) AS differs,
         {parts}
  FROM (SELECT p.child_id, p.parent_id, p.parent_row, {columns}
        FROM chk_pairs p JOIN chk_members c ON c.record_id = p.child_id
        JOIN chk_members f ON f.record_id = p.parent_id
        WHERE p.parent_sex = 'M') n
) s
WHERE differs AND NOT agrees"""


def patronymic_candidates_sql(d: Dialect) -> str:
    """The pairs ``family.patronymic`` would flag on exact parts: (child_id, parent_id, child's second names,
    father's given names), for ``same_spelled_pairs`` to weigh in Python before the rule runs."""
    return f"SELECT child_id, parent_id, {', '.join(f'c_{k}' for k, _ in _KEYS)}, " \
           f"{', '.join(f'f_{k}' for k, _ in _KEYS)} FROM ({_patronymic_parts(d)}) q"


def same_spelled_pairs(rows: Sequence[Sequence[object]]) -> list[tuple[str, str]]:
    """(child_id, parent_id) of the ROWS of ``patronymic_candidates_sql`` where some second name of the child
    and some given name of the father are one name in other spellings or scripts (compared across columns).

    >>> same_spelled_pairs([(1, 2, "toxti", "", "", "", "", "", "", "托合提", "", "", "", ""),
    ...                     (3, 4, "qurban", "", "", "", "", "", "", "托合提", "", "", "", "")])
    [('1', '2')]
    """
    half = len(_KEYS)
    out = []
    for row in rows:
        child = {str(v) for v in row[2:2 + half] if v}
        father = {str(v) for v in row[2 + half:] if v}
        if any(_same_part(a, b) for a in child for b in father):
            out.append((str(row[0]), str(row[1])))
    return out


@lru_cache(maxsize=65536)
def _same_part(a: str, b: str) -> bool:
    from veracity.names import compare

    return compare(a, b).score >= SAME_NAME_PART


def patronymic_sql(d: Dialect) -> str:
    """``family.patronymic``: in no script does the child's second name equal the father's given
    name, and in at least one both are written and differ (exact parts, case-folded), unless some second
    name of the child and given name of the father are one name in other spellings or scripts
    (``chk_same_patronymic``, from ``same_spelled_pairs``: Toxti and 托合提, Tohti and Toxti)."""
    return f"""SELECT s.child_id AS record_id, {d.concat("'In '", "s.script",
        "', the second name of this child is not the given name of the father (row '", d.text('s.parent_row'),
        "'); a Uyghur child takes the given name of the father as second name.'")} AS message
FROM ({_patronymic_parts(d)}) s
LEFT JOIN chk_same_patronymic g ON g.child_id = {d.text('s.child_id')} AND g.parent_id = {d.text('s.parent_id')}
WHERE g.child_id IS NULL"""


RULES = {"family.patronymic": patronymic_sql, "family.parent_age": parent_age_sql}
