"""Fixtures of the reader tests: a directory of generated files and the file's name as ``source_file``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .samples import write


@pytest.fixture
def put(tmp_path: Path) -> Callable[[str, bytes], Path]:
    """Write bytes under a name in a fresh directory and return the path."""
    return lambda name, data: write(tmp_path, name, data)
