"""`crossbmo db upgrade` migrates an empty database on SQLite and PostgreSQL; models match."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from services.harmonizer.store import access  # noqa: F401 - registers the exchange tables
from services.harmonizer.store.db import make_engine, upgrade
from services.harmonizer.store.models import Base


def test_upgrade_creates_the_tables_and_matches_the_models(database_url: str) -> None:
    upgrade(database_url)
    upgrade(database_url)  # a second run is a no-op
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()
    assert {"submissions", "observations", "alembic_version"} <= tables
    assert diff == []
