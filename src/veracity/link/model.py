"""Splink glue: the spec of :mod:`veracity.link.spec` turned into a Splink model, trained on the
case itself (u by random sampling, m by expectation maximisation) and used to score pairs.

The same settings run on DuckDB (an in-memory connection of its own, so Splink's scratch tables
never enter ``case.duckdb``) and on Spark. Splink and PySpark are imported here, lazily.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from veracity.link.spec import ComparisonSpec, comparisons, prior_rules, training_rules
from veracity.link.spec import blocking_rules as spec_blocking_rules

SEED = 2020  # random sampling for u is seeded: a re-run gives the same model
U_MAX_PAIRS = 3e5  # pairs sampled to estimate u (non-match) probabilities
U_CHUNKS = 1  # the sample in one statement per comparison: Splink's default (a probe of 1% of the pairs, then 10
# chunks when a level is seen fewer than 100 times, as rare levels always are) ran 57 statements on FEBRL4, 2.0 s of
# fixed per-statement cost against 1.5 s; every comparison's u now comes from all the sampled pairs
PRIOR_RECALL = 0.6  # share of true pairs the prior rules are taken to catch
PRIOR_CEILING = 0.5  # the prior match probability never exceeds this (see prior_bounds)
SMALL_CASE_PAIRS = 50_000  # below this many possible pairs the case is too small to train m by EM (its blocked
# pairs are a few hundred at most, and a level only non-matches show drives its m to 0): the model starts from, and
# keeps, the m probabilities of data/link_start.tsv
EVERY_PAIR = "1 = 1"  # the blocking rule of a small case: every pair is compared (blocking only keeps a large case's
# pairs few; in a small one a testimony without a birth date whose number is mistyped in its birth digits meets
# no rule, nor one that gives a name and a place only)
U_SAMPLE_MIN_PAIRS = 10_000  # below this many possible pairs u is not sampled: the true pairs would be more than
# 1% of the sample (at most one per record of the smaller side), so u is kept from data/link_start.tsv too
EM_MAX_ITERATIONS = 8  # EM stops here at the latest: a level no true pair shows (two id digits transposed
# among pairs of one birth year and county) otherwise decays towards m = 0 (about 1e-30 per iteration at 10x, so
# 0.0 by the tenth), which Splink refuses below 1e-300; at 8 the largest remaining change is under 0.004
EM_CONVERGENCE = 1e-3  # largest change of any m probability at which EM has converged
EM_MAX_PAIRS = 2.5e5  # pairs an EM session trains on at most (Splink samples records of both sides by a hash):
# a training rule such as same birth year and county yields pairs that grow with the square of the case
SCORED_COLUMNS = ("unique_id_l", "unique_id_r", "match_weight", "match_probability", "id18_l", "id18_r", "name_text_l",
                  "name_text_r")  # with the gamma_ columns, what links are built of (not every feature of both sides)
DUCKDB_THREADS = 2  # the machines this runs on have 2 cores
DUCKDB_MEMORY = "4GB"  # Splink's connection spills to the scratch directory beyond this: a million records a side
# link within 8 GB with the features and the scored pairs in Python


@dataclass(frozen=True)
class LevelInfo:
    """A trained comparison level: its label and Bayes factor (m/u)."""

    label: str
    bayes_factor: float | None


@dataclass(frozen=True)
class Scored:
    """Scored pairs (pyarrow table) and, per comparison, the labels of its gamma values."""

    pairs: Any
    levels: dict[str, dict[int, LevelInfo]]


@lru_cache(maxsize=1)
def start_values() -> dict[tuple[str, str], tuple[float, float]]:
    """(comparison, level label) -> (m, u) a small case starts from (data/link_start.tsv, made by
    update/link_start.py).

    >>> m, u = start_values()["id_number", "identical number"]
    >>> m > 0.5 and u < 0.001
    True
    """
    text = resources.files("veracity.data").joinpath("link_start.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines()[1:] if line)
    return {(c, label): (float(m), float(u)) for c, label, m, u, _origin in rows}


def _splink_comparison(spec: ComparisonSpec, start: bool) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    levels: list[Any] = []
    for lv in spec.levels:
        if lv.array_min:
            level = cll.ArrayIntersectLevel(lv.array_column, lv.array_min).configure(label_for_charts=lv.label)
        elif lv.null:
            level = cll.CustomLevel(lv.sql, lv.label, base_dialect_str="duckdb").configure(is_null_level=True)
        elif lv.sql:
            level = cll.CustomLevel(lv.sql, lv.label, base_dialect_str="duckdb")
        else:
            level = cll.ElseLevel().configure(label_for_charts=lv.label)
        if start and not lv.null:
            m, u = start_values()[spec.name, lv.label]
            level = level.configure(m_probability=m, u_probability=u)
        levels.append(level)
    return cl.CustomComparison(levels, output_column_name=spec.name)


def settings(present: frozenset[str], small: bool = False) -> Any:
    """The Splink settings for the feature columns PRESENT on two or more datasets; for a SMALL case (fewer
    possible pairs than SMALL_CASE_PAIRS) each level carries the m and u probabilities of start_values() and
    every pair is compared."""
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="link_only",
        comparisons=[_splink_comparison(c, small) for c in comparisons(present)],
        blocking_rules_to_generate_predictions=[{"blocking_rule": r}
                                                for r in ([EVERY_PAIR] if small else spec_blocking_rules(present))],
        retain_intermediate_calculation_columns=False,
        max_iterations=EM_MAX_ITERATIONS,
        em_convergence=EM_CONVERGENCE,
        additional_columns_to_retain=["id18", "name_text", "role"],
    )


class Backend:
    """A Splink database API with the case's features registered as one table per dataset."""

    def __init__(self, engine: str, spark: Any = None) -> None:
        self.engine, self.spark = engine, spark
        self._scratch = Path(tempfile.mkdtemp(prefix="veracity-link-"))
        self._connections: list[Any] = []
        self._views: list[str] = []  # the datasets registered in the Spark session (it outlives this backend)

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *_: object) -> None:
        """Close the DuckDB connections (their memory goes back before the links are built), drop the datasets'
        views from the Spark session (a second link in the same process registers them again) and remove the
        scratch directory (Spark's checkpoints, the datasets written for it, DuckDB's spills)."""
        for con in self._connections:
            con.close()
        for view in self._views:
            self.spark.catalog.dropTempView(view)
        shutil.rmtree(self._scratch, ignore_errors=True)

    def api(self) -> Any:
        if self.engine == "spark":
            from splink.backends.spark import SparkAPI

            self.spark.sparkContext.setCheckpointDir(str(self._scratch / "checkpoints"))
            return SparkAPI(spark_session=self.spark, register_udfs_automatically=False)  # type: ignore[no-untyped-call]
        import duckdb
        from splink.backends.duckdb import DuckDBAPI

        con = duckdb.connect(config={"threads": DUCKDB_THREADS, "memory_limit": DUCKDB_MEMORY,
                                     "temp_directory": str(self._scratch / "duckdb")})
        con.execute("SET enable_progress_bar = false")
        self._connections.append(con)
        return DuckDBAPI(con)

    def register(self, api: Any, table: Any, datasets: Sequence[str]) -> list[Any]:
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        out = []
        for k, name in enumerate(datasets):
            part = table.filter(pc.equal(table["source_dataset"], name))
            if self.engine == "spark":
                path = self._scratch / f"d{k}.parquet"
                pq.write_table(part, str(path))
                part = self.spark.read.parquet(str(path))
                self._views.append(f"d{k}")
            out.append(api.register(part, dataset_display_name=f"d{k}"))
        return out


def _levels(model: dict[str, Any]) -> dict[str, dict[int, LevelInfo]]:
    out: dict[str, dict[int, LevelInfo]] = {}
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        info = {}
        for k, lv in enumerate(reversed(levels)):
            m, u = lv.get("m_probability"), lv.get("u_probability")
            info[k] = LevelInfo(lv.get("label_for_charts", ""), m / u if m and u else None)
        info[-1] = LevelInfo("missing on one side", 1.0)
        out[comparison["output_column_name"]] = info
    return out


def is_small(table: Any) -> bool:
    """Whether the case of TABLE (its features) has fewer possible pairs than SMALL_CASE_PAIRS."""
    return _possible_pairs(table) < SMALL_CASE_PAIRS


def trained(backend: Backend, table: Any, datasets: Sequence[str], present: frozenset[str], small: bool) -> Any:
    """A Splink linker on BACKEND (a DuckDB one) with the model trained on TABLE's datasets: the prior from
    the deterministic rules, u by random sampling, m by EM. A SMALL case keeps the start values' m, and below
    U_SAMPLE_MIN_PAIRS possible pairs their u too."""
    from splink import Linker

    possible = _possible_pairs(table)
    linker = Linker(backend.register(backend.api(), table, datasets), settings(present, small),
                    log_level=logging.ERROR)
    _estimate_prior(linker, present, possible)
    if possible >= U_SAMPLE_MIN_PAIRS or not small:
        linker.training.estimate_u_using_random_sampling(max_pairs=U_MAX_PAIRS, seed=SEED, num_chunks=U_CHUNKS)
    if not small:
        for rule in training_rules(present):
            _train_em(linker, rule)
    return linker


def _possible_pairs(table: Any) -> int:
    """How many pairs a link-only model could compare: the products of the datasets' sizes, two by two."""
    import pyarrow.compute as pc

    sizes: list[int] = pc.value_counts(table["source_dataset"]).field("counts").to_pylist()
    return (sum(sizes) ** 2 - sum(n * n for n in sizes)) // 2


def prior_bounds(possible_pairs: int) -> tuple[float, float]:
    """The range the prior match probability is held to: at least one true pair in the case (a small case
    whose deterministic rules find none would otherwise score every pair 0), at most PRIOR_CEILING (a case
    of a few rows whose rules join most pairs would otherwise have a prior of 1 or more).

    >>> prior_bounds(4)
    (0.25, 0.5)
    >>> prior_bounds(1)
    (0.5, 0.5)
    """
    return min(1 / max(possible_pairs, 1), PRIOR_CEILING), PRIOR_CEILING


def _estimate_prior(linker: Any, present: frozenset[str], possible_pairs: int) -> None:
    """The prior from the deterministic rules (Splink's estimate), held within prior_bounds."""
    rules = list(prior_rules(present))
    try:
        linker.training.estimate_probability_two_random_records_match(rules, PRIOR_RECALL)
    except ValueError:  # a case of a few rows: the rules join more than PRIOR_RECALL of all pairs
        linker.training.estimate_probability_two_random_records_match(rules, 1.0)
    low, high = prior_bounds(possible_pairs)
    model = linker._settings_obj  # Splink keeps the estimate here; it has no public setter
    model._probability_two_random_records_match = min(max(model._probability_two_random_records_match, low), high)


def _train_em(linker: Any, rule: str) -> None:
    """One EM session blocked on RULE, skipped (the model stays as it was) when the case cannot train it: the
    rule joins no pair, or a level's m probability underflows to 0 (a level only non-matches show)."""
    from splink.internals.exceptions import EMTrainingException  # not exported elsewhere

    try:
        linker.training.estimate_parameters_using_expectation_maximisation(rule, max_pairs=EM_MAX_PAIRS)
    except EMTrainingException:
        pass
    except ValueError as error:
        if "below the minimum allowed value" not in str(error):
            raise


def for_engine(model: dict[str, Any], present: frozenset[str], engine: str, small: bool) -> dict[str, Any]:
    """The trained MODEL (of a SMALL case or not) with its SQL written for ENGINE's dialect: the comparisons
    and rules rendered afresh, the trained probabilities copied level by level."""
    if engine == "duckdb":
        return model
    fresh: dict[str, Any] = settings(present, small).create_settings_dict(engine)
    for new, old in zip(fresh["comparisons"], model["comparisons"], strict=True):
        for level, trained in zip(new["comparison_levels"], old["comparison_levels"], strict=True):
            for key in ("m_probability", "u_probability"):
                if key in trained:
                    level[key] = trained[key]
    fresh["probability_two_random_records_match"] = model["probability_two_random_records_match"]
    return fresh


def train_and_score(backend: Backend, table: Any, datasets: Sequence[str], present: frozenset[str],
                    keep_above: float) -> Scored:
    """Train the model and score every blocked pair on BACKEND's engine; keep pairs at or above
    KEEP_ABOVE and every pair sharing an 18-digit number (the deterministic rule needs them)."""
    from splink import Linker

    # trained on DuckDB whatever engine scores: the parameters, and so the links, are the same on both
    small = is_small(table)
    if backend.engine == "duckdb":
        linker = trained(backend, table, datasets, present, small)
        model: dict[str, Any] = linker.misc.save_model_to_json()
    else:
        with Backend("duckdb") as trainer:
            model = trained(trainer, table, datasets, present, small).misc.save_model_to_json()
        linker = Linker(backend.register(backend.api(), table, datasets),
                        for_engine(model, present, backend.engine, small), log_level=logging.ERROR)
    predicted = linker.inference.predict()
    same_id = " OR id18_l = id18_r" if "id18" in present else ""
    columns = ", ".join([*SCORED_COLUMNS, *(f"gamma_{c.name}" for c in comparisons(present))])
    kept = predicted.query_sql(f"SELECT {columns} FROM {{this}} WHERE match_probability >= {float(keep_above)!r}"
                               f"{same_id}")
    pairs = kept.as_pyarrow_table()
    return Scored(pairs, _levels(model))
