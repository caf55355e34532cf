"""`crossbmo mappings build`: deterministic output, committed tables up to date, versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from services.cli import app
from services.harmonizer.mappings.build import _write_manifest, build
from services.harmonizer.mappings.common import MAPPINGS_DIR
from services.harmonizer.mappings.tables import manifest
from tests.conftest import SHARED_DATA


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.suffix in (".csv", ".json")
    }


@pytest.mark.shared_data
def test_two_builds_give_identical_files_equal_to_the_committed_tables(tmp_path: Path) -> None:
    first = build(SHARED_DATA, tmp_path)
    once = _files(tmp_path)
    second = build(SHARED_DATA, tmp_path)
    assert second.version == first.version == "rin-v1" and not second.changed
    assert _files(tmp_path) == once
    committed = _files(MAPPINGS_DIR)
    tables = {name: data for name, data in once.items() if name != "manifest.json"}
    assert tables == {name: committed[name] for name in tables}
    manifest = json.loads(once["manifest.json"])
    assert manifest["files"] == json.loads(committed["manifest.json"])["files"]


@pytest.mark.shared_data
def test_a_build_over_the_committed_tables_keeps_their_version(tmp_path: Path) -> None:
    copy = tmp_path / "rome_isco_nace"
    shutil.copytree(MAPPINGS_DIR, copy)
    before = _files(copy)
    result = build(SHARED_DATA, copy)
    assert (result.version, result.changed) == (manifest()["version"], False)
    assert _files(copy) == before


def test_the_version_moves_only_when_a_source_or_table_changes(tmp_path: Path) -> None:
    files, sources = {"crosswalks/a.csv": "11"}, {"france_travail/x.csv": "aa"}
    first = _write_manifest(tmp_path, files, sources, [])
    again = _write_manifest(tmp_path, files, sources, [])
    changed = _write_manifest(tmp_path, files, {"france_travail/x.csv": "bb"}, [])
    assert (first.version, first.changed) == ("rin-v1", True)
    assert (again.version, again.changed) == ("rin-v1", False)
    assert (changed.version, changed.changed) == ("rin-v2", True)
    history = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["history"]
    assert [entry["version"] for entry in history] == ["rin-v1", "rin-v2"]
    assert history[0]["sources"] == sources


def test_build_without_the_reference_data_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = CliRunner().invoke(
        app, ["mappings", "build", "--shared-data", str(missing), "--lang", "en"]
    )
    assert result.exit_code == 2
    assert "Reference data not found" in result.output
