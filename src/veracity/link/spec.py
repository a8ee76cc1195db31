"""The linkage model as data: comparisons (each level a SQL condition on ``x_l``/``x_r`` columns
with a label a reviewer reads) and blocking rules. Pure: builds text, runs nothing; the same
text runs on DuckDB and Spark (only functions both share: ``levenshtein``, ``abs``), and array
overlaps are left to Splink's ``ArrayIntersectLevel``, which knows each dialect.

>>> [c.name for c in comparisons(frozenset({"name_sig", "id18"}))]
['name', 'id_number']
>>> blocking_rules(frozenset({"id18", "name_sig", "birth_year"}))[0]
'l.id18 = r.id18'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

FEATURE_COLUMNS = ("name_sig", "id18", "birth_year", "sex", "county", "relatives_n", "other_id", "street",
                   "locality", "postcode", "state")


@dataclass(frozen=True)
class LevelSpec:
    """One comparison level: a SQL condition, or (``array_min`` > 0) an overlap of array COLUMN."""

    label: str
    sql: str = ""
    null: bool = False
    array_column: str = ""
    array_min: int = 0


@dataclass(frozen=True)
class ComparisonSpec:
    """One comparison: its name (the ``gamma_`` column) and its levels, most specific first."""

    name: str
    needs: str  # the feature column that must be present on two datasets
    levels: tuple[LevelSpec, ...]


def _null(*cols: str) -> LevelSpec:
    cond = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in cols)
    return LevelSpec("missing on one side", cond, null=True)


def _text(col: str, *edits: int) -> ComparisonSpec:
    """Same value, then within each number of EDITS (a transposition is two)."""
    return ComparisonSpec(col, col, (
        _null(col),
        LevelSpec("same", f"{col}_l = {col}_r"),
        *(LevelSpec(f"within {n} edits", f"levenshtein({col}_l, {col}_r) <= {n}") for n in edits),
        LevelSpec("different"),
    ))


def _declared() -> tuple[ComparisonSpec, ...]:
    years = "abs(birth_year_l - birth_year_r)"
    return (
        ComparisonSpec("name", "name_sig", (
            _null("name_sig"),
            LevelSpec("same spelling (phonetic keys equal)", "name_phon_l = name_phon_r"),
            LevelSpec("same name across scripts (all name keys equal)", "name_sig_l = name_sig_r"),
            LevelSpec("spelling within two edits", "levenshtein(name_phon_l, name_phon_r) <= 2"),
            LevelSpec("two name parts agree across scripts", array_column="name_blocks", array_min=2),
            LevelSpec("same name across scripts, loosely, one part exactly",
                      "name_loose_l = name_loose_r AND (name_b1_l IN (name_b1_r, name_b2_r) "
                      "OR name_b2_l IN (name_b1_r, name_b2_r))"),
            LevelSpec("same name across scripts, loosely (sounds a Chinese reading loses)",
                      "name_loose_l = name_loose_r"),
            LevelSpec("one name part agrees", array_column="name_blocks", array_min=1),
            LevelSpec("different names"),
        )),
        ComparisonSpec("id_number", "id18", (
            _null("id18"),
            LevelSpec("identical number", "id18_l = id18_r AND id_form15_l = id_form15_r"),
            LevelSpec("same number, one side in the 15-digit form", "id18_l = id18_r"),
            LevelSpec("one wrong digit", "levenshtein(id18_l, id18_r) = 1"),
            LevelSpec("two digits transposed", "id_sorted_l = id_sorted_r AND levenshtein(id18_l, id18_r) = 2"),
            LevelSpec("two wrong digits", "levenshtein(id18_l, id18_r) = 2"),
            LevelSpec("different numbers"),
        )),
        ComparisonSpec("birth", "birth_year", (
            _null("birth_year"),
            LevelSpec("same birth date", "birth_date_l = birth_date_r"),
            LevelSpec("same birth year", "birth_year_l = birth_year_r"),
            LevelSpec("within one year, one side an age or approximate",
                      f"{years} <= 1 AND (birth_approx_l OR birth_approx_r)"),
            LevelSpec("within one year", f"{years} <= 1"),
            LevelSpec("different birth"),
        )),
        ComparisonSpec("sex", "sex", (_null("sex"), LevelSpec("same sex", "sex_l = sex_r"),
                                      LevelSpec("different sex"))),
        ComparisonSpec("place", "county", (
            _null("county"),
            LevelSpec("same village", "township_l = township_r AND village_l = village_r"),
            LevelSpec("same township, no village on one side",
                      "township_l = township_r AND (village_l IS NULL OR village_r IS NULL)"),
            LevelSpec("same township, different villages", "township_l = township_r"),
            LevelSpec("same county, no township on one side",
                      "county_l = county_r AND (township_l IS NULL OR township_r IS NULL)"),
            LevelSpec("same county, different townships", "county_l = county_r"),
            LevelSpec("different county"),
        )),
        ComparisonSpec("relatives", "relatives_n", (
            LevelSpec("no relatives on one side", "relatives_n_l = 0 OR relatives_n_r = 0", null=True),
            LevelSpec("two or more relatives agree", array_column="relatives", array_min=2),
            LevelSpec("one relative agrees", array_column="relatives", array_min=1),
            LevelSpec("no relative agrees"),
        )),
        _text("other_id", 1, 2),
        _text("street", 2),
        _text("locality", 2),
        _text("postcode", 1, 2),
        _text("state", 1),
    )


@lru_cache(maxsize=1)  # read once per link when persons are rebuilt
def relatives_named_by_label() -> dict[str, int]:
    """How many relatives each agreeing level of the relatives comparison says a record names (at least).

    >>> relatives_named_by_label()["one relative agrees"]
    1
    """
    relatives = next(c for c in _declared() if c.name == "relatives")
    return {lv.label: lv.array_min for lv in relatives.levels if not lv.null}


def comparisons(present: frozenset[str]) -> tuple[ComparisonSpec, ...]:
    """The comparisons whose feature column PRESENT says two datasets carry."""
    return tuple(c for c in _declared() if c.needs in present)


def blocking_rules(present: frozenset[str]) -> tuple[str, ...]:
    """Rules that make candidate pairs, each an equality join (so the pair count stays near linear):
    one per kind of evidence a true pair keeps when the others are misspelt or missing.

    >>> blocking_rules(frozenset({"name_sig", "birth_year"}))[1]
    'l.name_loose = r.name_loose AND l.birth_year = r.birth_year + 1'
    >>> blocking_rules(frozenset({"name_sig", "birth_year", "crowd"}))[0]
    'l.name_loose = r.name_loose AND l.birth_year = r.birth_year AND l.crowd = r.crowd'
    """
    rules: list[str] = []
    if "id18" in present:
        rules += ["l.id18 = r.id18", "l.id_birth = r.id_birth AND l.name_b1 = r.name_b1",
                  "l.id_birth = r.id_birth AND l.name_b2 = r.name_b2"]
    if "name_sig" in present and "birth_year" in present:
        crowd = " AND l.crowd = r.crowd" if "crowd" in present else ""  # a crowded case: same place too (crowding)
        rules += [f"l.name_loose = r.name_loose AND l.birth_year = r.birth_year{d}{crowd}"
                  for d in ("", " + 1", " - 1")]
        # one name part misread or changed: the other part, the birth year and the finest place both sides give (a
        # county alone holds a whole leak: pairs would grow with the square of the case), or both parts' first keys
        rules.append(f"l.name_b1 = r.name_b1 AND l.name_b2 = r.name_b2 AND l.birth_year = r.birth_year{crowd}")
        where = next((w for w in ("village", "township", "county", "postcode", "locality") if w in present), None)
        rules += [f"l.{b} = r.{b} AND l.birth_year = r.birth_year AND l.{where} = r.{where}{crowd}"
                  for b in ("name_b1", "name_b2") if where]
    rules += [f"l.{c} = r.{c}" for c in ("other_id",) if c in present]
    if "birth_year" in present:  # a name part read two ways moves name_b1: a full birth date and a place suffice
        rules += [f"l.birth_date = r.birth_date AND l.{w} = r.{w}" for w in ("county", "locality") if w in present]
    rules += [f"l.{c} = r.{c} AND l.name_b1 = r.name_b1" for c in ("birth_date", "postcode", "street")
              if c in present or (c == "birth_date" and "birth_year" in present)]
    if "name_sig" in present and "birth_year" not in present:
        rules.append("l.name_sig = r.name_sig")
    return tuple(rules)


def training_rules(present: frozenset[str]) -> tuple[str, ...]:
    """EM sessions: one blocked on the name (trains everything else), one on birth and place
    (trains the name, across scripts too).

    >>> training_rules(frozenset({"name_sig", "birth_year", "county"}))
    ('l.name_sig = r.name_sig', 'l.birth_year = r.birth_year AND l.county = r.county')
    """
    rules = ["l.name_sig = r.name_sig"] if "name_sig" in present else []
    where = next((w for w in ("postcode", "county", "locality", "sex") if w in present), None)
    if "birth_year" in present and where:
        rules.append(f"l.birth_year = r.birth_year AND l.{where} = r.{where}")
    elif "id18" in present:
        rules.append("l.id18 = r.id18")
    return tuple(rules)


def prior_rules(present: frozenset[str]) -> tuple[str, ...]:
    """Rules that almost only true pairs meet, to estimate how likely two random records match.

    >>> prior_rules(frozenset({"id18"}))
    ('l.id18 = r.id18',)
    """
    rules = ["l.id18 = r.id18"] if "id18" in present else []
    if {"name_sig", "birth_year"} <= present:
        rules.append("l.name_sig = r.name_sig AND l.birth_year = r.birth_year")
    return tuple(rules or ["l.name_sig = r.name_sig"])
