"""Contract case 11: one register added twice under two names, a revised version of it, and a reference register
that is a strict subset of it.

The copy is the same bytes: adding it is a success that says so and adds nothing (DESIGN.md exit codes); its
name never appears as a `source_file`. The revision changes five rows (a name's transcription, a check
character, a birth date, a sex, one person replaced): the checks must find exactly those on the revision's rows,
and `id.duplicate` (within one file) nothing across the versions. Links join each version's rows to the other's
and to the subset; a person is confirmed by an independent source, and another version of the same leak is not
one.
"""

from __future__ import annotations

from collections import Counter

import pytest

from .case import FORMATS, ContractCase, cut, row_findings
from .files import Expected
from .people import people
from .shapes3 import register_copies, revised_register, subset_register

PS = people(16, seed=77)
REGISTER, COPY, REVISED, SUBSET = "名单.csv", "名单_副本.csv", "名单_修订.csv", "户籍.csv"
NEWCOMER = PS[15]

pytestmark = pytest.mark.xdist_group("contract-copies")  # one case per module, built once


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
    folder = tmp_path_factory.mktemp("copies-case")
    built = ContractCase(folder)
    register_copies(folder, PS[:12], NEWCOMER, (REGISTER, COPY, REVISED))
    built.truth = subset_register(folder, PS[:6], SUBSET)
    built.init()
    built.add([folder / REGISTER], "leak")
    built.add([folder / COPY], "leak")
    built.add([folder / REVISED], "leak", "--name", "修订版")
    built.add([folder / SUBSET], "reference")
    built.stage("run")
    return built


def _changes() -> dict[int, str]:
    """Revised row -> the check id its change must give ("" for none)."""
    return {c.row: c.check_id for c in revised_register(PS[:12], NEWCOMER)[1]}


def test_the_copy_is_said_to_be_in_the_case_and_adds_nothing(case: ContractCase) -> None:
    ran = case.ran[f"add {COPY}"]
    assert "already in the case" in ran.stdout and REGISTER in ran.stdout
    assert COPY not in {r["source_file"] for r in case.export("records")}
    assert case.summary()["sources"] == 3


def test_each_version_is_exported_at_its_rows(case: ContractCase) -> None:
    records = case.export("records")
    register = [Expected(p, REGISTER, "", k, p.id18, p.sex, p.born.isoformat()).exported()
                for k, p in enumerate(PS[:12], 1)]
    subset = [e.exported() for e in case.truth]
    revised = [r for r in cut(records) if r["source_file"] == REVISED]
    assert [r for r in cut(records) if r["source_file"] != REVISED] == register + subset
    assert [r["row"] for r in revised] == [str(k) for k in range(1, 13)]
    assert revised[10]["name"] == NEWCOMER.zh
    for fmt in FORMATS[1:]:
        assert cut(case.export("records", fmt)) == cut(records), fmt


def test_the_checks_find_the_revisions_changes_on_its_rows_and_no_duplicate_across_versions(
        case: ContractCase) -> None:
    found = {f for f in row_findings(case.export("findings")) if f[0].startswith(("id.", "family."))}
    assert found == {(check, REVISED, "", str(row)) for row, check in _changes().items() if check}


def _pairs(case: ContractCase) -> dict[frozenset[tuple[str, str]], str]:
    """Each link as the unordered pair of (source_file, row) it joins, with its level."""
    return {frozenset({(li["source_file_a"], li["row_a"]), (li["source_file_b"], li["row_b"])}): li["level"]
            for li in case.export("links")}


def test_the_subset_confirms_its_rows_in_both_versions(case: ContractCase) -> None:
    pairs = _pairs(case)
    for k in range(1, 7):
        for leak in (REGISTER, REVISED):
            assert pairs.get(frozenset({(leak, str(k)), (SUBSET, str(k))})) == "confirmed", (leak, k)


def test_the_versions_link_row_to_row_and_the_replaced_person_to_nothing(case: ContractCase) -> None:
    pairs = _pairs(case)
    changed = _changes()
    for k in range(1, 13):
        level = pairs.get(frozenset({(REGISTER, str(k)), (REVISED, str(k))}))
        if k == 11:
            assert level in (None, "possible"), k
        elif k not in changed:
            assert level == "confirmed", k
    newcomer = [level for pair, level in pairs.items() if (REVISED, "11") in pair]
    assert set(newcomer) <= {"possible"}


def test_links_name_each_leak_on_side_a(case: ContractCase) -> None:
    roles = {(r["source_file"], r["row"]): r["role"] for r in case.export("records")}
    assert {roles[(li["source_file_a"], li["row_a"])] for li in case.export("links")} == {"leak"}


def test_summary_counts_what_the_exports_hold(case: ContractCase) -> None:
    summary = case.summary()
    records, links = case.export("records"), case.export("links")
    assert summary["records"] == len(records) == 30
    assert summary["records_by_role"] == {"leak": 24, "reference": 6}
    assert summary["findings_by_check"] == dict(Counter(f["check_id"] for f in case.export("findings")))
    assert summary["links_by_level"] == dict(Counter(li["level"] for li in links))


def test_only_the_independent_source_confirms_persons(case: ContractCase) -> None:
    assert case.summary()["confirmed_persons"] == 6
