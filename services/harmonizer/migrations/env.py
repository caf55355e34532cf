"""Alembic environment: runs migrations on the URL given by services.harmonizer.store.db."""

from __future__ import annotations

from alembic import context

from services.harmonizer.store import access, releases  # noqa: F401 - registers their tables
from services.harmonizer.store.db import make_engine
from services.harmonizer.store.models import Base

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
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
