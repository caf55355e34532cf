"""Engine and migrations: one place that knows how to reach and upgrade the database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from services.settings import get_settings

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    """An engine for SQLite (file folder created, foreign keys on) or PostgreSQL (psycopg 3)."""
    if url.startswith("sqlite"):
        database = url.split("///", 1)[-1]
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        # Writers queue for SQLite's single write lock: wait up to 60 s rather than pysqlite's 5.
        engine = create_engine(url, connect_args={"timeout": 60})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL never corrupts the file; a power cut may lose the last commit, which a
    # re-ingest restores (raw files are kept and ingestion is idempotent). FULL fsyncs each one.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    # Migration 0007 reads kept raw files; migrations take the folder from here rather than
    # import the live settings, so that they stay as they were written.
    config.set_main_option("raw_dir", str(get_settings().raw_dir).replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` (created if it is an absent SQLite file)."""
    make_engine(url).dispose()  # creates the SQLite folder
    command.upgrade(alembic_config(url), revision)


@contextmanager
def temporary_postgres_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server of ``server_url``, dropped afterwards.

    For tests and benchmarks, so that no two runs share a database.
    """
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    server = make_url(server_url)
    admin = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
