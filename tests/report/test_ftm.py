"""FollowTheMoney export: every entity valid against the FtM schema, sources by sha256, families."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from veracity.case import Case
from veracity.report.export import Format, export_table

ftm = pytest.importorskip("followthemoney", reason="the FtM export needs the followthemoney package")


def _entities(case: Case, tmp_path: Path, redact: bool = False) -> list[dict[str, Any]]:
    export_table(case, "records", Format.FTM, tmp_path / "e.ftm", redact=redact)
    return [json.loads(line) for line in (tmp_path / "e.ftm").read_text("utf-8").splitlines()]


def _problems(entity: dict[str, Any], ids: set[str]) -> list[str]:
    schema = ftm.model.get(entity["schema"])
    if schema is None or schema.abstract:
        return [f"{entity['id']}: schema {entity['schema']}"]
    out = []
    for name, values in entity["properties"].items():
        prop = schema.get(name)
        if prop is None:
            out.append(f"{entity['id']}: no property {name}")
            continue
        out += [f"{entity['id']}: {name}={v!r}" for v in values
                if not prop.type.validate(v) or (prop.type.name == "entity" and v not in ids)]
    return out


@pytest.mark.parametrize("redact", [False, True])
def test_every_entity_is_valid_ftm(opened: Case, tmp_path: Path, redact: bool) -> None:
    entities = _entities(opened, tmp_path, redact)
    ids = {e["id"] for e in entities}
    assert [p for e in entities for p in _problems(e, ids)] == []


def test_source_document_is_identified_by_its_sha256(opened: Case, tmp_path: Path) -> None:
    documents = [e for e in _entities(opened, tmp_path) if e["schema"] == "Document"]
    assert documents[0]["id"] == "01" + "ab" * 31


def test_every_person_is_documented_by_its_source(opened: Case, tmp_path: Path) -> None:
    entities = _entities(opened, tmp_path)
    documented = {e["properties"]["entity"][0] for e in entities if e["schema"] == "Documentation"}
    assert {e["id"] for e in entities if e["schema"] == "Person"} == documented


def test_household_members_are_family_of_its_head(opened: Case, tmp_path: Path) -> None:
    families = [e for e in _entities(opened, tmp_path) if e["schema"] == "Family"]
    assert len(families) == 30  # 10 households of 4 in the leak, each head with 3 relatives


def test_redacted_entities_keep_their_ids_and_the_pseudonyms_of_the_records_export(opened: Case, tmp_path: Path
                                                                                   ) -> None:
    plain, redacted = _entities(opened, tmp_path), _entities(opened, tmp_path, redact=True)
    export_table(opened, "records", Format.CSV, tmp_path / "r.csv", redact=True)
    with (tmp_path / "r.csv").open(encoding="utf-8") as handle:
        pseudonyms = [r["name"] for r in csv.DictReader(handle) if r["name"]]
    assert [e["id"] for e in redacted] == [e["id"] for e in plain]
    persons = [e["properties"]["name"] for e in redacted if e["schema"] == "Person"]
    assert (all(len(p) == 1 and p[0].startswith("P-") for p in persons), set(pseudonyms) <= {p[0] for p in persons}) \
        == (True, True)
