"""Shared fixtures: a migrated database on SQLite and on a real PostgreSQL, sample files, API."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from services.harmonizer.store.db import make_engine, temporary_postgres_database, upgrade
from services.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "france_travail_bmo"
SAMPLE_2023 = SAMPLES / "Base_open_data_BMO_2023_Hauts-de-France_REG32_DERIVED.xlsx"
SAMPLE_2025 = SAMPLES / "Base_open_data_BMO_2025_Hauts-de-France_REG32_DERIVED.xlsx"
SHARED_DATA = Path(os.environ.get("CROSSBMO_SHARED_DATA", ROOT.parent / "shared" / "data"))
NATIONAL_BMO = SHARED_DATA / "france_travail" / "bmo"
POSTGRES_URL = os.environ.get("CROSSBMO_TEST_POSTGRES_URL", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if NATIONAL_BMO.is_dir():
        return
    skip = pytest.mark.skip(reason=f"{NATIONAL_BMO} is absent (the shared national files)")
    for item in items:
        if "shared_data" in item.keywords:
            item.add_marker(skip)


def _postgres_database() -> Iterator[str]:
    """A fresh database on the test server, dropped afterwards: tests never share one."""
    if not POSTGRES_URL:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "CI=true but CROSSBMO_TEST_POSTGRES_URL is unset (scripts/test-postgres.sh)"
            )
        pytest.skip("CROSSBMO_TEST_POSTGRES_URL is unset: run `make test` to start PostgreSQL")
    with temporary_postgres_database(POSTGRES_URL, "crossbmo_test") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'crossbmo.sqlite3'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database."""
    upgrade(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, var_dir=tmp_path / "var")


@pytest.fixture
def raw_dir(settings: Settings) -> Path:
    return settings.raw_dir
