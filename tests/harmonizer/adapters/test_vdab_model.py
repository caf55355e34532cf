"""Counting rules in the canonical model; migration 0002 keeps earlier BMO rows valid."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
import pytest
from sqlalchemy import text

from schemas.canonical import OBSERVATION_COLUMNS, OBSERVATION_SCHEMA
from services.harmonizer.store.db import make_engine, upgrade

BMO_ROW = {
    "dataset": "bmo", "period": "2025", "period_type": "year", "geo_system": "fr-bassin-bmo",
    "geo_vintage": "BE25", "geo_code": "3216", "geo_label": "LILLE", "geo_department": "59",
    "occupation_system": "bmo-metier", "occupation_version": "fap2021",
    "occupation_code": "A0X40", "occupation_label": "Agriculteurs", "nace_section": "_T",
    "indicator": "hiring_projects",
    "unit": "projects", "coverage": "all", "value": 10.0, "obs_status": "A", "conf_status": "F",
}  # fmt: skip


def frame(**changes: object) -> pd.DataFrame:
    return pd.DataFrame([{**BMO_ROW, **changes}])[list(OBSERVATION_COLUMNS)]


def test_a_consistent_row_passes() -> None:
    OBSERVATION_SCHEMA.validate(frame(), lazy=True)
    OBSERVATION_SCHEMA.validate(
        frame(indicator="job_seekers", unit="aspirations", period="2026-M04",
              period_type="rolling_12_months"),
        lazy=True,
    )  # fmt: skip
    # A DARES standardised index may be negative; an indicator it did not measure is missing
    # (O) with no value, and free: nothing is hidden, nothing was measured.
    OBSERVATION_SCHEMA.validate(
        frame(indicator="tension_index", unit="index", value=-0.4, occupation_system="fap",
              occupation_version="fap2009"),
        lazy=True,
    )  # fmt: skip
    OBSERVATION_SCHEMA.validate(frame(value=float("nan"), obs_status="O"), lazy=True)
    OBSERVATION_SCHEMA.validate(
        frame(indicator="ilo_unemployment_rate", unit="percent", value=7.4, coverage="Y15-74.T",
              obs_status="B"),
        lazy=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "check"),
    [
        ({"unit": "vacancies"}, "unit-fits-indicator"),  # projects are not vacancies
        ({"indicator": "job_seekers", "unit": "projects"}, "unit-fits-indicator"),
        ({"period_type": "quarter"}, "period-fits-type"),  # 2025 is not a quarter
        ({"period": "2025-M13", "period_type": "month"}, "malformed-period"),
        ({"coverage": "some"}, "unknown-coverage"),
        ({"value": -1.0}, "negative-value"),  # only an index may be negative
        ({"obs_status": "O"}, "secret-has-no-value"),  # a missing value has no value
        ({"coverage": "Y15-74"}, "unknown-coverage"),  # an age band without its sex
        ({"nace_section": "41.2"}, "isin"),  # a division is not a section
    ],
)
def test_inconsistent_counting_rules_are_refused(changes: dict[str, object], check: str) -> None:
    with pytest.raises(pa.errors.SchemaErrors) as raised:
        OBSERVATION_SCHEMA.validate(frame(**changes), lazy=True)
    assert check in " ".join(raised.value.failure_cases["check"].astype(str))


def test_migration_0002_gives_existing_bmo_rows_their_counting_rules(database_url: str) -> None:
    upgrade(database_url, "0001")
    engine = make_engine(database_url)
    submission = {
        "id": 1, "source_id": "france-travail-bmo", "dataset": "bmo", "period": "2025",
        "original_filename": "f.xlsx", "sha256": "x", "size_bytes": 1,
        "received_at": "2026-01-01", "status": "accepted", "observation_count": 1, "report": "{}",
    }  # fmt: skip
    before = {key: value for key, value in BMO_ROW.items()
              if key not in ("period_type", "unit", "coverage", "nace_section")}  # fmt: skip
    with engine.begin() as connection:
        for table, row in (("submissions", submission),
                           ("observations", {**before, "submission_id": 1})):  # fmt: skip
            columns = ", ".join(row)
            values = ", ".join(f":{name}" for name in row)
            connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)
    upgrade(database_url)
    with engine.connect() as connection:
        row = connection.execute(
            text("SELECT period_type, unit, coverage, nace_section, value FROM observations")
        ).one()
        signals = connection.execute(text("SELECT count(*) FROM shortage_signals")).scalar()
    engine.dispose()
    assert tuple(row) == ("year", "projects", "all", "_T", 10)  # 0007: no sector = all
    assert signals == 0
