"""The declaration of every check: its stable id, severity, level and one-line doc.

This is the one place a check is declared. ``veracity check --list``,
``docs/checks.md`` and the report are generated from :data:`CHECKS`; a test
fails when the docs drift from it.

>>> CHECKS["id.checksum"].severity
<Severity.ERROR: 'error'>
>>> CHECKS["stat.checksum_share"].level
<Level.DATASET: 'dataset'>
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from veracity.checks.age_reference import RULE as AGE_RULE
from veracity.ingest.values import VALUE_CHECKS


class Severity(Enum):
    """How much a finding weighs against the record or the document."""

    ERROR = "error"  # the value is impossible as written (a wrong check character)
    WARNING = "warning"  # two values disagree; a clerk's error or a fabrication
    INFO = "info"  # a weak signal that needs other evidence before it means anything


class Level(Enum):
    """What a finding concerns: one row (with its locator) or a whole source file."""

    ROW = "row"
    DATASET = "dataset"
    INGEST = "ingest"  # a row finding written while the file is read (a cell kept verbatim, not understood)


@dataclass(frozen=True)
class CheckSpec:
    """One declared check: ``doc`` is one line; ``example`` shows a value that triggers it."""

    id: str
    severity: Severity
    level: Level
    doc: str
    example: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_ROW, _SET = Level.ROW, Level.DATASET

_DECLARED: tuple[CheckSpec, ...] = (
    CheckSpec("id.format", _E, _ROW, "The identity number is neither 18 characters (17 digits and a digit "
              "or X) nor 15 digits.", "65322219850312041 (17 digits)"),
    CheckSpec("id.checksum", _E, _ROW, "The 18th character is not the ISO 7064 MOD 11-2 check character "
              "of the first 17 digits.", "653222198503120411 where ...0413 is required"),
    CheckSpec("id.birthdate_invalid", _E, _ROW, "The birth date encoded in the number (digits 7-14) is not "
              "a calendar date, is before 1880 or is after the document date (or the date its title states).",
              "653222198502300413 (30 Feb)"),
    CheckSpec("id.region_unknown", _W, _ROW, "The first six digits are not a GB/T 2260 administrative "
              "division code of any year.", "659999198503120413"),
    CheckSpec("id.birthdate_mismatch", _W, _ROW, "The birth date in the number differs from the recorded "
              "birth date (compared at the precision recorded).",
              "number says 1985-03-12, column 1986-03-12"),
    CheckSpec("id.age_mismatch", _W, _ROW, "The recorded age does not follow from the number's birth date "
              "at the document date, else at the date the title rows state, else at the year the source's ages imply "
              "(nominal age, up to 2 years more, is accepted).", "born 1985-03-12, age 40 on a 2017 list"),
    CheckSpec("id.sex_mismatch", _W, _ROW, "The sex digit (17th, odd for men) disagrees with the recorded "
              "sex.", "...1204 1 3 (odd: man) recorded 女"),
    CheckSpec("id.region_mismatch", _I, _ROW, "The number's region code is not the county (or prefecture) "
              "named in the recorded address; people move, so this is weak alone.",
              "653222 (Karakax) with address 和田市"),
    CheckSpec("id.duplicate", _I, _ROW, "One number is carried by rows of one source file with different "
              "names; one finding on each such row. Weak: about a million people were issued duplicate numbers when "
              "15-digit numbers became 18-digit.", "two rows, 阿依古丽 and 买买提, same number"),
    CheckSpec("family.patronymic", _W, _ROW, "A child's second name is not the father's given name "
              "(Uyghur naming), in a script both rows are written in, nor that name in another spelling or "
              "script (Toxti, Tohti, 托合提 and 托乎提 are one name); on the child's row.",
              "阿依古丽·买买提 whose father is 吐尔逊·艾力"),
    CheckSpec("family.parent_age", _W, _ROW, "A parent is fewer than 14 years older than the child (or "
              "younger); on the child's row.", "father born 1980, son born 1990"),
    CheckSpec("date.out_of_range", _E, _ROW, "A date is impossible for the document: after the document "
              "date (or the end of the date its title states), before 1880, or a detention before the birth.",
              "detained_on 2031-01-05"),
    CheckSpec("stat.checksum_share", _W, _SET, "Share of 18-digit numbers with a correct check character, "
              "against the 1 in 11 a forger ignorant of the algorithm would reach.", "9% correct"),
    CheckSpec("stat.sex_digit_agreement", _W, _SET, "Share of rows whose sex digit agrees with the recorded "
              "sex, against the 1 in 2 of chance.", "52% agree"),
    CheckSpec("stat.birthdate_first_of_month", _I, _SET, "Share of birth dates on the 1st of a month, "
              "against the 12 in 365 of the calendar.", "30% born on the 1st"),
    CheckSpec("stat.birthyear_round", _I, _SET, "Share of birth years ending in 0 or 5, against the 1 in "
              "5 expected.", "45% born in years ending 0 or 5"),
    CheckSpec("stat.weekday_uniformity", _I, _SET, "Chi-square test that birth dates fall evenly on the "
              "seven weekdays.", "no one born on a Sunday"),
    CheckSpec("stat.day_of_month_uniformity", _I, _SET, "Chi-square test that birth dates spread over "
              "days 1-31 as the calendar does.", "no one born after the 28th"),
    CheckSpec("stat.region_plausibility", _W, _SET, "Share of numbers whose region code is a known code "
              "and agrees with the stated place.", "region codes scattered over all of China"),
    CheckSpec("stat.household_structure", _W, _SET, "Share of parent-child pairs 14-55 years apart and of "
              "couples of opposite sex within households.", "parents 3 years older than children"),
    CheckSpec("stat.age_reference", _W, _SET, "Without a document date: the year the ages imply (age plus "
              "birth year fits one year for a clear majority of rows), or that they agree on no year "
              "(flagged: ages not computed from the birth dates, or for a year before the list's own "
              "detentions).", "ages fit 2016 for 21 of 300 rows"),
    CheckSpec("stat.stated_date_ages", _W, _SET, "The date the title rows state against the year the ages imply, "
              "with the share of rows fitting each (flagged when they differ: ages computed in another year than "
              "the one the list bears, or counted as nominal ages, 虚岁, a year late).",
              "title 2019年6月, ages fit 2020 for 300 of 300 rows and 2019 for 140"),
    CheckSpec("stat.exact_duplicates", _W, _SET, "Rows identical in every recorded field to an earlier "
              "row of the same file.", "row 40 copies row 12"),
    CheckSpec("stat.near_duplicates", _I, _SET, "Rows identical to another row of the same file in every "
              "field but one (name, number, birth date, sex or address).", "row 41 is row 12, one digit off"),
    CheckSpec("format.similarity", _I, _SET, "Similarity of the leak's format to reference documents "
              "known to be authentic: headers, labels, date and number formats, region mix.",
              "similarity 0.31: headers differ"),
)

SCOPE = (
    "Checks run on records of role `leak` and `reference` (a reference's own findings and statistics "
    "are the baseline a leak is compared with); `claims` records are never checked. Row rules name "
    "the row they concern; `id.duplicate` is on every row carrying the shared number and the family "
    "rules are on the child's row. Dataset statistics and format similarity are per source file, "
    "with an empty sheet and no row, and each is stored in the `statistics` table with its figure, "
    "interval or p-value and a sentence; a flagged one is also a finding. `veracity check` replaces "
    "only the findings of stage `check`, in one audited change. Ages and dates are judged against "
    "the source's `document_date` when set (`veracity add --date`), else against the date its title rows state "
    "(`stated_date`, a month or year taken to its last day; every message names the title row it was read in); "
    "without either, dates must not be after the day of the check.",
    "",
    AGE_RULE,
)

_DECLARED += tuple(CheckSpec(v.id, _I, Level.INGEST, f"Found while reading the file: {v.doc}; the cell is kept "
                             "verbatim in the record.", v.example) for v in VALUE_CHECKS)

CHECKS: dict[str, CheckSpec] = {spec.id: spec for spec in _DECLARED}
ROW_CHECKS = tuple(s.id for s in _DECLARED if s.level is Level.ROW)
DATASET_CHECKS = tuple(s.id for s in _DECLARED if s.level is Level.DATASET)


def registry() -> tuple[CheckSpec, ...]:
    """Every declared check, in declaration order.

    >>> registry()[0].id
    'id.format'
    """
    return _DECLARED


def list_text() -> str:
    """The text of ``veracity check --list``: one check per line, id, severity and doc.

    >>> list_text().splitlines()[0].split()[:2]
    ['id.format', 'error']
    """
    width = max(len(s.id) for s in _DECLARED)
    return "\n".join(f"{s.id:<{width}}  {s.severity.value:<7}  {s.doc}" for s in _DECLARED)


def markdown() -> str:
    """The generated body of ``docs/checks.md``.

    >>> "`id.duplicate`" in markdown()
    True
    """
    lines = ["# Checks", "", "Generated from `veracity.checks.registry` (do not edit by hand; "
             "`python -m veracity.checks.registry > docs/checks.md` rebuilds it, and a test fails when "
             "this file and the registry differ).", "", *SCOPE, ""]
    for level, title in ((Level.ROW, "Row rules"), (Level.DATASET, "Dataset statistics and format"),
                         (Level.INGEST, "Values not understood at ingest")):
        lines += [f"## {title}", "", "| check | severity | what it means | example |", "|---|---|---|---|"]
        lines += [f"| `{s.id}` | {s.severity.value} | {s.doc} | {s.example} |"
                  for s in _DECLARED if s.level is level]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(), end="")
