"""The README documents every setting, error code, CLI command and source (datasette-style)."""

from __future__ import annotations

import pytest

from services.api.errors import API_ERRORS
from services.cli import app
from services.harmonizer.errors import CATALOGUE
from services.harmonizer.sources import SOURCES
from services.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    assert f"`CROSSBMO_{name.upper()}`" in README


@pytest.mark.parametrize("code", sorted({*CATALOGUE, *API_ERRORS}))
def test_every_error_code_is_documented(code: str) -> None:
    assert f"`{code}`" in README


def test_every_command_is_documented() -> None:
    import typer.main

    group = typer.main.get_group(app)
    names = [f"crossbmo {name}" for name in group.commands if name != "db"]
    names += [f"crossbmo db {name}" for name in group.commands["db"].commands]  # type: ignore[attr-defined]
    missing = [name for name in names if f"`{name}" not in README]
    assert missing == []


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_every_source_is_documented(source_id: str) -> None:
    assert f"`{source_id}`" in README


def test_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
