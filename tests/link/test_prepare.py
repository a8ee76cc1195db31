"""The features table's identity-number columns: plain 18-digit numbers are read in SQL, every other
shape through ``features.id_features``; both must give what ``id_features`` gives."""

from __future__ import annotations

import pyarrow as pa
import pytest

from veracity.link.features import id_features
from veracity.link.prepare import _ids

NUMBERS = ["65322219840529166x", "65322219840529166X", "653222840529166", "65322219840529166X ",
           "６５３２２２１９８４０５２９１６６Ｘ", "653222-19840529166X", "T0001", "", None, "6532221984052916"]


@pytest.mark.parametrize("chunks", [1, 3])
def test_sql_and_python_read_numbers_alike(chunks: int) -> None:
    size = -(-len(NUMBERS) // chunks)
    column = pa.chunked_array([pa.array(NUMBERS[k:k + size], pa.string()) for k in range(0, len(NUMBERS), size)])
    got = list(zip(*(c.to_pylist() for c in _ids(column)), strict=True))
    want = [(f.id18, f.form15, f.sorted_digits, f.birth) for f in (id_features(n or "") for n in NUMBERS)]
    assert got == want
