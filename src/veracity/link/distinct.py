"""A feature that is a function of a few columns, computed once per distinct combination of their
values and spread back to every row by index (a case of a million records holds far fewer
distinct names, numbers or places than records).

>>> import pyarrow as pa
>>> columns = [pa.array(["x", "x", None]), pa.array(["1", "1", None])]
>>> [out] = per_distinct(lambda a, b: ((a or "") + (b or "-"),), columns, [pa.string()])
>>> out.to_pylist()
['x1', 'x1', '-']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

_NULL = "\x00"  # a null value inside the joined key
_SEP = "\x1f"  # between the values of one row in the joined key


def per_distinct(fn: Callable[..., tuple[object, ...]], columns: Sequence[Any],
                 types: Sequence[pa.DataType]) -> list[pa.Array]:
    """One array per output of FN (of the TYPES given): FN called with each distinct row of COLUMNS
    (their values as text, None for null), its outputs taken for every row having those values."""
    texts = [pc.fill_null(pc.cast(c, pa.string()), _NULL) for c in columns]
    key = texts[0] if len(texts) == 1 else pc.binary_join_element_wise(*texts, _SEP)
    if isinstance(key, pa.ChunkedArray):
        key = key.combine_chunks()
    encoded = key.dictionary_encode()
    rows = (k.split(_SEP) if len(texts) > 1 else (k,) for k in encoded.dictionary.to_pylist())
    outputs = [fn(*(None if v == _NULL else v for v in row)) for row in rows]
    if not outputs:
        return [pa.array([], t) for t in types]
    return [pa.array(values, t).take(encoded.indices) for values, t in zip(zip(*outputs, strict=True), types,
                                                                           strict=True)]
