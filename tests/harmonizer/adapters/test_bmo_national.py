"""Acceptance on the whole national BMO files (shared/data): exact figures, secrets, totals."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from services.harmonizer.store.models import Observation
from services.harmonizer.submit import ingest_file
from tests.bmo_reference import bassin_column, published_sum, read_reference, secret_count
from tests.conftest import NATIONAL_BMO

pytestmark = pytest.mark.shared_data
METIERS = Observation.occupation_system == "bmo-metier"  # not their ISCO-08 observations
INDICATORS = {
    "met": "hiring_projects",
    "xmet": "difficult_hiring_projects",
    "smet": "seasonal_hiring_projects",
}


def _national(year: int) -> Path:
    return NATIONAL_BMO / f"Base_open_data_BMO_{year}.xlsx"


def _ingest(engine: Engine, raw_dir: Path, path: Path) -> int:
    outcome = ingest_file(engine, raw_dir, "france-travail-bmo", path.name, path.read_bytes())
    assert outcome.status == "accepted", [f.render("en") for f in outcome.findings[:5]]
    return outcome.submission_id


@pytest.mark.parametrize("year", [2023, 2025])
def test_national_sums_and_secrets_equal_the_file(engine: Engine, raw_dir: Path, year: int) -> None:
    path = _national(year)
    submission_id = _ingest(engine, raw_dir, path)
    reference = read_reference(path)
    with Session(engine) as session:
        for column, indicator in INDICATORS.items():
            stored = session.scalar(
                select(func.sum(Observation.value)).where(
                    Observation.submission_id == submission_id,
                    Observation.indicator == indicator,
                    METIERS,
                )
            )
            assert stored == published_sum(reference, column), indicator
        secret_nulls = session.scalar(
            select(func.count()).where(
                Observation.submission_id == submission_id,
                Observation.value.is_(None),
                Observation.conf_status == "C",
                METIERS,
            )
        )
        zeros_for_secrets = session.scalar(
            select(func.count()).where(
                Observation.conf_status == "C", Observation.value.is_not(None)
            )
        )
        rows = session.scalar(
            select(func.count()).where(Observation.submission_id == submission_id, METIERS)
        )
    assert secret_nulls == secret_count(reference)
    assert zeros_for_secrets == 0
    assert rows == 3 * len(reference)


def test_lille_2025_top_five_equal_the_file(engine: Engine, raw_dir: Path) -> None:
    path = _national(2025)
    submission_id = _ingest(engine, raw_dir, path)
    reference = read_reference(path)
    lille = reference[reference[bassin_column(reference)] == "3216"]
    lille = lille[lille["met"] != "*"].assign(met_n=lambda f: f["met"].astype(int))
    expected = [
        (row["Code métier BMO"], int(row["met"]), row["xmet"], row["smet"])
        for _, row in lille.nlargest(5, "met_n").iterrows()
    ]
    with Session(engine) as session:
        top = session.execute(
            select(Observation.occupation_code, Observation.value)
            .where(
                Observation.submission_id == submission_id,
                Observation.geo_code == "3216",
                Observation.indicator == "hiring_projects",
                Observation.value.is_not(None),
                METIERS,
            )
            .order_by(Observation.value.desc())
            .limit(5)
        ).all()
        actual = []
        for code, value in top:
            parts = {
                indicator: session.scalar(
                    select(Observation.value).where(
                        Observation.submission_id == submission_id,
                        Observation.geo_code == "3216",
                        Observation.occupation_code == code,
                        Observation.indicator == indicator,
                    )
                )
                for indicator in ("difficult_hiring_projects", "seasonal_hiring_projects")
            }
            actual.append((code, int(value), *(_as_cell(v) for v in parts.values())))
    assert actual == expected
    assert actual[0][:2] == ("U1X91", 3432)


def _as_cell(value: float | None) -> str:
    return "*" if value is None else str(int(value))


def test_2023_uses_fap2009_codes_and_2025_fap2021(engine: Engine, raw_dir: Path) -> None:
    first = _ingest(engine, raw_dir, _national(2023))
    second = _ingest(engine, raw_dir, _national(2025))
    with Session(engine) as session:
        versions = dict(
            session.execute(
                select(Observation.submission_id, Observation.occupation_version)
                .where(METIERS)
                .distinct()
            ).all()
        )
        vintages = dict(
            session.execute(select(Observation.period, Observation.geo_vintage).distinct()).all()
        )
    assert versions == {first: "fap2009", second: "fap2021"}
    assert vintages == {"2023": "BE23", "2025": "BE25"}
