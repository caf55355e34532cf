"""Every registered source has its fixtures folder: a good file its adapter accepts and a
malformed copy rejected with exactly the located findings listed beside it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.harmonizer.adapters import adapter_for
from services.harmonizer.sources import SOURCES
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"


def _one(folder: Path, prefix: str) -> Path:
    found = [path for path in folder.glob(f"{prefix}*") if not path.name.endswith(".json")]
    found += [path for path in folder.glob(f"{prefix}*.json") if "expected" not in path.name]
    assert len(found) == 1, (folder.name, prefix, found)
    return found[0]


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_the_good_fixture_is_accepted(source_id: str) -> None:
    good = _one(FIXTURES / source_id, "good")
    result = adapter_for(source_id).parse(good.read_bytes(), good.name)
    assert [f.code for f in result.findings if f.severity == "error"] == []
    figures = result.observations if result.observations is not None else result.shortage_signals
    assert figures is not None and len(figures) > 0


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_the_malformed_fixture_is_rejected_with_its_listed_findings(source_id: str) -> None:
    folder = FIXTURES / source_id
    malformed = _one(folder, "malformed_SYNTHETIC")
    expected = json.loads((folder / "malformed.expected.json").read_text(encoding="utf-8"))
    result = adapter_for(source_id).parse(malformed.read_bytes(), malformed.name)
    found = [[f.row, f.column, f.code] for f in result.findings if f.severity == "error"]
    assert found == expected and len(expected) >= 2
    assert result.observations is None and result.shortage_signals is None


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_the_malformed_fixture_findings_read_in_each_language(source_id: str) -> None:
    malformed = _one(FIXTURES / source_id, "malformed_SYNTHETIC")
    result = adapter_for(source_id).parse(malformed.read_bytes(), malformed.name)
    for finding in result.findings:
        english = finding.message("en")
        for language in ("fr", "nl"):
            text = finding.message(language)
            assert "{" not in text and text != english, (finding.code, language, text)
