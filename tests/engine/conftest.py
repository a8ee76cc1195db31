"""A SparkSession started lazily, once, only for tests marked ``spark`` (a DuckDB-only run starts no JVM)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from veracity.engine.spark import SparkEngine


@pytest.fixture(scope="session")
def spark_engine() -> Iterator[SparkEngine]:
    """The local Spark engine (local[2], 2 shuffle partitions, no UI); stopped after the session."""
    pytest.importorskip("pyspark")
    engine = SparkEngine.local()
    yield engine
    engine.spark.stop()
