"""Names as free text writes them, in a sentence and in a small case whose redacted outputs are scanned."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from veracity.case import create_case, open_case
from veracity.report.redact import NameIndex, Pseudonyms, Redactor

from .scan import redacted_outputs
from .synthetic import LEAK, TESTIMONIES, _record, _source


def redactor_of(names: Sequence[str]) -> Redactor:
    """A redactor holding NAMES (no id numbers) under a fixed secret."""
    return Redactor(Pseudonyms(b"k" * 32), NameIndex.from_pairs((n, None) for n in names))


def sentence(written: str) -> str:
    """A testimony's sentence naming WRITTEN, in English and in Chinese."""
    return f"His mother said that {written} was taken; 据家属说{written}被带走。"


def written_outputs(written: Mapping[str, Sequence[str]], out: Path) -> dict[str, str]:
    """Every redacted output of a case holding the names of WRITTEN (in the leak, with id numbers) and a sentence
    for each way it is written, round robin over the free-text fields of a testimony."""
    with create_case(out / "case") as case:
        _source(case, 1, LEAK, "leak", 4)
        _source(case, 2, TESTIMONIES, "reference", 6)
        for k, name in enumerate(written):
            _record(case, k + 1, 1, k + 1, {"name": name, "id_number": f"65322219{80 + k}0101123{k}"})
        for k, text in enumerate(w for ws in written.values() for w in ws):
            field = ("reason", "decision", "address", "relation", "state")[k % 5]
            _record(case, 100 + k, 2, k + 1, {field: sentence(text), "birth_date": "1980"})
    with open_case(out / "case") as case:
        return redacted_outputs(case, out, pdf=False)
