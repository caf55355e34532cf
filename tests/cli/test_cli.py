"""The `crossbmo` command: db upgrade on both backends, sources listing, usage errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect
from typer.testing import CliRunner

from services.cli import app
from services.harmonizer.store.db import make_engine
from services.settings import get_settings


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("CROSSBMO_DATABASE_URL", database_url)
    monkeypatch.setenv("CROSSBMO_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


def test_db_upgrade_migrates_an_empty_database(cli_env: str) -> None:
    result = CliRunner().invoke(app, ["db", "upgrade", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Database migrated" in result.output
    engine = make_engine(cli_env)
    try:
        assert {"submissions", "observations"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_unknown_source_is_a_usage_error_in_dutch(cli_env: str, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(app, ["ingest", "vdab-nope", str(path), "--lang", "nl"])
    assert result.exit_code == 2
    assert "Onbekende bron vdab-nope" in result.output


def test_missing_file_is_a_usage_error(cli_env: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", "france-travail-bmo", str(tmp_path / "absent.xlsx"), "--lang", "fr"]
    )
    assert result.exit_code == 2
    assert "Fichier introuvable" in result.output


def test_sources_lists_the_bmo_source(cli_env: str) -> None:
    result = CliRunner().invoke(app, ["sources"])
    assert result.exit_code == 0
    assert "france-travail-bmo" in result.output
