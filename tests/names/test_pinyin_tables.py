"""The tables kept from pypinyin (update/pinyin_tables.py) are what the installed pypinyin gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from veracity.names.hanzi import pinyin_key
from veracity.names.pinyin import segment, syllables
from veracity.names.tables import read_tsv

UPDATE = Path(__file__).resolve().parents[2] / "src/veracity/data/names/update/pinyin_tables.py"


def _update() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pinyin_tables_update", UPDATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_syllables_are_pypinyins() -> None:
    assert syllables() == frozenset(_update().toneless_syllables())


def test_hanzi_pinyin_is_pypinyins_for_every_row_of_hanzi_tsv() -> None:
    assert [tuple(row) for row in read_tsv("hanzi_pinyin.tsv")] == _update().hanzi_pinyin()


def test_pinyin_names_read_as_before() -> None:
    assert segment("Xuěkèláití") == segment("Xuekelaiti") == ("xue", "ke", "lai", "ti")
    assert segment("Lǚ") == ("lv",)
    assert pinyin_key(("a", "bu", "du", "ke", "li", "mu")) == "Ab.dUk.L.m."
