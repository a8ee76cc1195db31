"""A contract case on disk: files added through the CLI, exports read back, and the checks every case shares.

Each test module builds one case (module-scoped fixture), adds its files with ``veracity add`` and runs the
stages once; tests then read exports and compare them with the truth the file builders returned.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from .cli import Ran, export, veracity
from .files import Expected
from .people import Person

CORE = ("source_file", "sheet", "row", "role", "name", "id_number", "sex", "birth_date")
RECORD_HEAD = ["source_file", "sheet", "row", "role", "name", "id_number", "sex", "birth_date", "address"]
FINDING_HEAD = ["check_id", "severity", "source_file", "sheet", "row", "message"]
LINK_HEAD = ["source_file_a", "row_a", "source_file_b", "row_b", "match_probability", "level", "status"]
CLAIM_HEAD = ["claim_id", "verdict", "evidence"]
FORMATS = ("csv", "json", "parquet")
EVIDENCE_ITEM = re.compile(r"(?P<file>[^:;]+)(?::(?P<sheet>[^:;]+))?:(?P<row>\d+)")


@dataclass
class ContractCase:
    """A case directory built in FOLDER and the records its files must export."""

    folder: Path
    truth: list[Expected] = field(default_factory=list)
    ran: dict[str, Ran] = field(default_factory=dict)
    _exports: dict[tuple[str, str, bool], list[dict[str, str]]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.folder / "case"

    def init(self) -> None:
        veracity("init", self.path).ok()

    def add(self, files: Sequence[Path], role: str, *options: str) -> Ran:
        ran = veracity("add", self.path, *files, "--role", role, *options)
        self.ran[f"add {files[0].name}"] = ran
        return ran.ok()

    def stage(self, command: str) -> Ran:
        """Run a stage once; its result is kept (a failing stage is asserted by its own test)."""
        self.ran[command] = veracity(command, self.path)
        return self.ran[command]

    def export(self, what: str, fmt: str = "csv", *, redact: bool = False) -> list[dict[str, str]]:
        key = (what, fmt, redact)
        if key not in self._exports:
            out = self.folder / f"{what}{'-redacted' if redact else ''}.{fmt}"
            self._exports[key] = export(self.path, what, fmt, out, redact=redact)
        return self._exports[key]

    def summary(self) -> dict[str, object]:
        out = self.folder / "summary.json"
        veracity("export", self.path, "--what", "summary", "--format", "json", "-o", out).ok()
        loaded: dict[str, object] = json.loads(out.read_text("utf-8"))
        return loaded

    def exported_file(self, what: str, fmt: str, *, redact: bool = False) -> Path:
        self.export(what, fmt, redact=redact)
        return self.folder / f"{what}{'-redacted' if redact else ''}.{fmt}"

    def redacted_texts(self, whats: Sequence[str]) -> dict[str, str]:
        """The redacted report, the redacted JSON exports of WHATS and the redacted records in Parquet, as text."""
        report = self.folder / "report-redacted.html"
        veracity("report", self.path, "-o", report, "--redact").ok()
        texts = {"report": report.read_text("utf-8")}
        for what in whats:
            texts[what] = json.dumps(self.export(what, "json", redact=True), ensure_ascii=False)
        texts["records.parquet"] = json.dumps(self.export("records", "parquet", redact=True), ensure_ascii=False)
        return texts

    def record_at(self, item: str) -> dict[str, str]:
        """The exported record an evidence item names (`file:row` or `file:sheet:row`)."""
        m = EVIDENCE_ITEM.fullmatch(item)
        assert m, f"evidence item {item!r} is neither source_file:row nor source_file:sheet:row"
        found = [r for r in self.export("records") if (r["source_file"], r["row"]) == (m["file"], m["row"])
                 and r["sheet"] == (m["sheet"] or r["sheet"])]
        assert len(found) == 1, f"evidence item {item!r} names {len(found)} records"
        return found[0]

    def fingerprint(self) -> tuple[str, str, tuple[str, ...]]:
        """What must not change when a command refuses its input: the audit log, the tables, the evidence
        (the tables read in this process, read-only: a subprocess per look would double the test's time)."""
        log = hashlib.sha256((self.path / "audit.log").read_bytes()).hexdigest()
        con = duckdb.connect(str(self.path / "case.duckdb"), read_only=True)
        try:
            tables = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables "
                                                "ORDER BY table_name").fetchall()]
            content = repr([(t, con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall()) for t in tables])
        finally:
            con.close()
        evidence = tuple(sorted(p.name for p in (self.path / "evidence").rglob("*")))
        return log, hashlib.sha256(content.encode()).hexdigest(), evidence


def cut(rows: Iterable[dict[str, str]], keys: Sequence[str] = CORE) -> list[dict[str, str]]:
    return [{k: r.get(k, "") for k in keys} for r in rows]


def spellings(people: Iterable[Person]) -> set[str]:
    """Every full name a case holds of PEOPLE, in every script."""
    return {form for p in people for form in (p.zh, p.latin, p.arabic)}


def numbers(people: Iterable[Person], extra: Iterable[str] = ()) -> set[str]:
    """Every identity number a case holds of PEOPLE (both forms) and EXTRA ones."""
    return {n for p in people for n in (p.id18, p.id15)} | set(extra)


def surviving(texts: dict[str, str], held: Iterable[str]) -> list[str]:
    """Each HELD name or number found (case-folded) in one of TEXTS, as "where: what"."""
    held = list(held)
    return [f"{k}: {v}" for k, text in texts.items() for v in held if v.lower() in text.lower()]


def row_findings(findings: Iterable[dict[str, str]]) -> set[tuple[str, str, str, str]]:
    """(check_id, source_file, sheet, row) of each row-level finding."""
    return {(f["check_id"], f["source_file"], f["sheet"], f["row"]) for f in findings if f["row"]}
