"""Alembic environment: runs migrations on the URL given by services.harmonizer.store.db."""

from __future__ import annotations

from alembic import context

from services.harmonizer.store import access, releases  # noqa: F401 - registers their tables
from services.harmonizer.store.db import make_engine
from services.harmonizer.store.models import Base, is_search_index_object

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is set by services.harmonizer.store.db.alembic_config"
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            # Full-text objects of migration 0006 (FTS5 table, GIN index) have no model.
            include_name=lambda name, *_: not is_search_index_object(name),
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
