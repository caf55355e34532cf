"""`crossbmo db upgrade` migrates an empty database on SQLite and PostgreSQL; models match."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from services.harmonizer.store import access, releases  # noqa: F401 - registers their tables
from services.harmonizer.store.db import make_engine, upgrade
from services.harmonizer.store.models import Base
from services.offers.models import is_search_index_object  # also registers job_offers


def test_upgrade_creates_the_tables_and_matches_the_models(database_url: str) -> None:
    upgrade(database_url)
    upgrade(database_url)  # a second run is a no-op
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            # The full-text objects of migration 0006 (FTS5 table, GIN index) have no model.
            opts = {"include_name": lambda name, *_: not is_search_index_object(name)}
            context = MigrationContext.configure(connection, opts=opts)
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert {"submissions", "observations", "alembic_version"} <= tables
    assert diff == []


def test_upgrade_flags_earlier_synthetic_files_by_their_name(database_url: str) -> None:
    from sqlalchemy import text

    upgrade(database_url, "0003")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            for number, name in ((1, "forem_dei_2026-09_SYNTHETIC.csv"), (2, "BMO_2025.xlsx")):
                connection.execute(
                    text(
                        "INSERT INTO submissions (id, source_id, dataset, original_filename, "
                        "sha256, size_bytes, received_at, status, observation_count, report) "
                        "VALUES (:id, 's', 'd', :name, 'x', 1, '2026-01-01', 'accepted', 0, '{}')"
                    ),
                    {"id": number, "name": name},
                )
        upgrade(database_url)
        with engine.connect() as connection:
            flags = dict(connection.execute(text("SELECT id, synthetic FROM submissions")).all())
    finally:
        engine.dispose()
    assert {key: bool(value) for key, value in flags.items()} == {1: True, 2: False}
