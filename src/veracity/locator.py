"""Where a fact comes from: source file, sheet or table, 1-based data row.

>>> Locator("leak.xlsx", "Sheet1", 12).evidence_item(several_tables=True)
'leak.xlsx:Sheet1:12'
>>> Locator("leak.csv", "", 12).evidence_item(several_tables=False)
'leak.csv:12'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Locator:
    """A place in the evidence: ``row`` is None for a fact about a whole file or dataset."""

    source_file: str
    sheet: str = ""
    row: int | None = None

    def evidence_item(self, several_tables: bool) -> str:
        """The contract's evidence item: ``file:row``, or ``file:sheet:row`` when the file has several."""
        parts = [self.source_file]
        if several_tables and self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(str(self.row))
        return ":".join(parts)
