"""docs/checks.md is generated from the registry: an undocumented or stale check fails the build."""

from __future__ import annotations

from pathlib import Path

from veracity.checks import registry
from veracity.checks.registry import markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_every_check_is_documented() -> None:
    text = DOCS.read_text("utf-8")
    for spec in registry():
        assert f"`{spec.id}`" in text, spec.id


def test_docs_match_the_registry() -> None:
    assert DOCS.read_text("utf-8") == markdown(), "rebuild: python -m veracity.checks.registry > docs/checks.md"


def test_check_ids_are_dotted_and_unique() -> None:
    ids = [spec.id for spec in registry()]
    assert len(ids) == len(set(ids)) and all(i.count(".") == 1 and i == i.lower() for i in ids)
