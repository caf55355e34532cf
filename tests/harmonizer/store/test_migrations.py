"""`crossbmo db upgrade` migrates an empty database on SQLite and PostgreSQL; models match."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from services.harmonizer.store import access, releases  # noqa: F401 - registers their tables
from services.harmonizer.store.db import make_engine, upgrade
from services.harmonizer.store.models import Base, is_search_index_object
from services.harmonizer.store.raw_files import keep_raw_file, sha256_of
from services.settings import get_settings
from tests.vdab_files import ARVASTAT_SAMPLE


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


def test_upgrade_gives_stored_arvastat_exports_their_sector(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 0007 reads the kept raw file of an Arvastat export stored before it: the real
    construction-sector file ("Sector: bouw") becomes section F; a file not kept stays `_T`."""
    from sqlalchemy import text

    monkeypatch.setenv("CROSSBMO_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    content = ARVASTAT_SAMPLE.read_bytes()
    digest = sha256_of(content)
    keep_raw_file(get_settings().raw_dir, digest, content)
    upgrade(database_url, "0006")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            for number, sha in ((1, digest), (2, "0" * 64)):
                connection.execute(
                    text(
                        "INSERT INTO submissions (id, source_id, dataset, original_filename, "
                        "sha256, size_bytes, received_at, status, observation_count, report) "
                        "VALUES (:id, 'vdab-arvastat', 'arvastat-vacancies', 'a.xlsx', :sha, 1,"
                        " '2026-05-01', 'accepted', 1, '{}')"
                    ),
                    {"id": number, "sha": sha},
                )
                connection.execute(
                    text(
                        "INSERT INTO observations (submission_id, dataset, period, period_type, "
                        "geo_system, geo_vintage, geo_code, geo_label, occupation_system, "
                        "occupation_version, occupation_code, occupation_label, indicator, unit, "
                        "coverage, value, obs_status, conf_status) VALUES (:id, 'a', '2026-M04', "
                        "'rolling_12_months', 'nuts', '2021', 'BE2', 'Vlaams Gewest', "
                        "'arvastat-beroep', '2026-04', 'Werfleider', 'Werfleider', "
                        "'vacancies_received', 'vacancies', 'direct_excl_interim', 1074, 'A', 'F')"
                    ),
                    {"id": number},
                )
        upgrade(database_url)
        with engine.connect() as connection:
            sectors = dict(
                connection.execute(
                    text("SELECT submission_id, nace_section FROM observations")
                ).all()
            )
    finally:
        engine.dispose()
        get_settings.cache_clear()
    assert sectors == {1: "F", 2: "_T"}
