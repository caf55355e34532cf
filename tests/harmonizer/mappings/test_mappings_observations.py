"""Ingested BMO files also yield ISCO-08 observations, served and summed to higher levels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.harmonizer.derive import derive_isco
from services.harmonizer.mappings.codelists import isco_unit_groups
from services.harmonizer.mappings.tables import mapping_version
from services.harmonizer.store.models import Observation, Submission
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.conftest import SAMPLE_2025

LILLE = {"period": "2025", "geo_code": "3216", "indicator": "hiring_projects"}


@pytest.fixture
def client(engine: Engine, raw_dir: Path, settings: Settings) -> Iterator[tuple[TestClient, int]]:
    outcome = ingest_file(
        engine, raw_dir, "france-travail-bmo", SAMPLE_2025.name, SAMPLE_2025.read_bytes()
    )
    assert outcome.status == "accepted"
    assert derive_isco(engine, outcome.submission_id) > 0
    with TestClient(create_app(settings)) as test_client:
        yield test_client, outcome.submission_id


def _all(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    while True:
        page = client.get(
            "/v1/observations", params={**params, "limit": 1000, "offset": len(items)}
        )
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        if len(items) >= page.json()["total"]:
            return items


def _bmo_total(engine: Engine) -> float:
    with Session(engine) as session:
        total = session.scalar(
            select(func.sum(Observation.value)).where(
                Observation.occupation_system == "bmo-metier",
                Observation.period == "2025",
                Observation.geo_code == "3216",
                Observation.indicator == "hiring_projects",
            )
        )
    assert total is not None and total > 10_000
    return float(total)


def test_isco_observations_trace_to_the_submission_and_mapping_version(
    engine: Engine, client: tuple[TestClient, int]
) -> None:
    api, submission_id = client
    items = _all(api, occupation_system="isco08", **LILLE)
    assert len(items) > 100
    assert {item["occupation_version"] for item in items} == {mapping_version()}
    assert {item["submission_id"] for item in items} == {submission_id}
    assert {item["occupation_code"] for item in items} <= isco_unit_groups()
    assert sum(item["value"] or 0 for item in items) == pytest.approx(_bmo_total(engine), abs=0.5)
    statuses = {item["obs_status"] for item in items}
    assert statuses <= {"A", "D", "O"} and "D" in statuses
    for item in items:
        assert (item["value"] is None) == (item["conf_status"] == "C")


@pytest.mark.parametrize("level", [1, 2, 3])
def test_occupation_level_sums_unit_groups_without_losing_a_project(
    engine: Engine, client: tuple[TestClient, int], level: int
) -> None:
    api, _ = client
    items = _all(api, occupation_system="isco08", occupation_level=level, **LILLE)
    assert {len(item["occupation_code"]) for item in items} == {level}
    assert len({item["occupation_code"] for item in items}) == len(items)
    assert sum(item["value"] or 0 for item in items) == pytest.approx(_bmo_total(engine), abs=0.5)
    assert all(item["occupation_label"] for item in items)


def test_a_level_aggregate_with_a_secret_part_is_flagged_partial(
    client: tuple[TestClient, int],
) -> None:
    api, _ = client
    units = _all(api, occupation_system="isco08", **LILLE)
    flagged = {item["occupation_code"][0] for item in units if item["obs_status"] in "DO"}
    majors = {item["occupation_code"]: item for item in
              _all(api, occupation_system="isco08", occupation_level=1, **LILLE)}  # fmt: skip
    assert flagged
    for code, item in majors.items():
        expected = "D" if code in flagged else "A"
        assert item["obs_status"] == expected, code
        assert item["conf_status"] == "F"


def test_one_major_group_by_code(client: tuple[TestClient, int]) -> None:
    api, _ = client
    items = _all(api, occupation_system="isco08", occupation_level=1, occupation_code="7", **LILLE)
    assert [item["occupation_code"] for item in items] == ["7"]
    assert items[0]["occupation_label"] == "Métiers qualifiés de l’industrie et de l’artisanat"


def test_occupation_level_on_another_system_is_refused(client: tuple[TestClient, int]) -> None:
    api, _ = client
    response = api.get(
        "/v1/observations", params={"occupation_system": "bmo-metier", "occupation_level": 1}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid-parameter"


def test_derivation_is_rebuilt_not_duplicated(
    engine: Engine, client: tuple[TestClient, int]
) -> None:
    _, submission_id = client
    first = _isco_rows(engine, submission_id)
    assert derive_isco(engine, submission_id) == first > 0
    assert _isco_rows(engine, submission_id) == first
    with Session(engine) as session:
        report = session.get(Submission, submission_id).report  # type: ignore[union-attr]
    assert report["derived"]["isco08"]["observations"] == first


def _isco_rows(engine: Engine, submission_id: int) -> int:
    with Session(engine) as session:
        return (
            session.scalar(
                select(func.count()).where(
                    Observation.submission_id == submission_id,
                    Observation.occupation_system == "isco08",
                )
            )
            or 0
        )
