"""The source registry is the one place of a source: its id is written nowhere else in the code,
and everything its record names (adapter, raw schema, offer reader) exists."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from services.harmonizer.adapters import adapter_for
from services.harmonizer.adapters.base import Adapter
from services.harmonizer.sources import OFFER_SOURCES, REGISTRY, SERVICES, SOURCES, resolve
from tests.conftest import ROOT

# Frozen in time: a migration may not import live code, so it names what it fixes.
FROZEN = ROOT / "services" / "harmonizer" / "store" / "migrations"


def _module_file(dotted: str) -> Path:
    return ROOT.joinpath(*dotted.partition(":")[0].split(".")).with_suffix(".py")


def _code_files() -> list[Path]:
    files = [*(ROOT / "services").rglob("*.py"), *(ROOT / "schemas").rglob("*.py")]
    return [path for path in files if FROZEN not in path.parents]


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def test_a_source_id_is_written_only_in_its_record_and_its_own_modules() -> None:
    registry = ROOT / "services" / "harmonizer" / "sources.py"
    found = {path: _string_constants(path) for path in _code_files()}
    templates = {
        path: path.read_text(encoding="utf-8") for path in (ROOT / "services").rglob("*.html")
    }
    for source in REGISTRY:
        own = {registry} | {
            _module_file(dotted) for dotted in (source.adapter, source.offer_reader) if dotted
        }
        elsewhere = sorted(
            str(path.relative_to(ROOT))
            for path, constants in found.items()
            if source.id in constants and path not in own
        )
        quoted = (f'"{source.id}"', f"'{source.id}'")
        elsewhere += sorted(
            str(path.relative_to(ROOT))
            for path, text in templates.items()
            if any(mark in text for mark in quoted)
        )
        assert elsewhere == [], source.id


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_every_source_record_names_an_adapter_and_a_raw_schema(source_id: str) -> None:
    source = SOURCES[source_id]
    adapter = adapter_for(source_id)
    assert isinstance(adapter, Adapter) and adapter.source is source
    assert callable(resolve(source.raw_schema))
    assert source.service in SERVICES and SERVICES[source.service].side is not None
    assert set(source.names) == {"fr", "nl", "en"}


@pytest.mark.parametrize("source_id", sorted(OFFER_SOURCES))
def test_every_offer_source_names_a_reader(source_id: str) -> None:
    assert callable(resolve(str(OFFER_SOURCES[source_id].offer_reader)))


def test_a_source_without_an_adapter_cannot_be_ingested() -> None:
    offer_only = [source.id for source in REGISTRY if source.adapter is None]
    assert offer_only == ["france-travail-offers"]
    assert "france-travail-offers" not in SOURCES
    with pytest.raises(KeyError, match="unknown source"):
        adapter_for("france-travail-offers")
