"""Pooled downloads on the real BMO 2025 sample: reader keys only, CSV and SDMX-CSV (read back by
sdmx1) with the same figures as /v1/observations, provenance and attribution in the file."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sdmx
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.api.routes.pooled import OFFERED
from services.harmonizer.mappings.codelists import ESCO_ATTRIBUTION
from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.submit import ingest_file
from services.publish.formats import DownloadFormat
from services.settings import Settings
from tests.conftest import SAMPLE_2025

POOLED = "/v1/exchange/pooled"
FILTER = {"geo_code": "3216", "indicator": "hiring_projects"}


@pytest.fixture
def keys(engine: Engine, raw_dir: Path) -> dict[str, str]:
    outcome = ingest_file(engine, raw_dir, "france-travail-bmo", SAMPLE_2025.name,
                          SAMPLE_2025.read_bytes())  # fmt: skip
    assert outcome.status == "accepted"
    with Session(engine) as session, session.begin():
        add_partner(session, "forem-stats", "forem", "Le Forem")
        session.flush()
        return {
            "reader": create_key(session, "forem-stats", ["reader"]),
            "submitter": create_key(session, "forem-stats", ["submitter"]),
        }


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def records(text: str, delimiter: str = ",") -> tuple[list[str], list[dict[str, str]]]:
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    comments = [line.strip() for line in lines if line.startswith("#")]
    body = io.StringIO("".join(line for line in lines if not line.startswith("#")))
    return comments, list(csv.DictReader(body, delimiter=delimiter))


def json_observations(client: TestClient, key: str, **filters: str) -> list[dict[str, Any]]:
    params = {**filters, "limit": "1000"}
    response = client.get("/v1/observations", params=params, headers={"X-API-Key": key})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] <= 1000
    items: list[dict[str, Any]] = body["items"]
    return items


@pytest.mark.parametrize("download", OFFERED, ids=[download.name for download in OFFERED])
def test_anonymous_is_401_a_submitter_only_key_is_403_and_a_reader_gets_the_file(
    client: TestClient, keys: dict[str, str], download: DownloadFormat
) -> None:
    url = f"{POOLED}.{download.name}"
    anonymous = client.get(url)
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "unauthorized"
    submitter = client.get(url, headers={"X-API-Key": keys["submitter"]})
    assert submitter.status_code == 403
    assert submitter.json()["error"]["code"] == "forbidden"
    reader = client.get(url, params=FILTER, headers={"X-API-Key": keys["reader"]})
    assert reader.status_code == 200
    assert reader.headers["content-type"] == download.media_type


def test_pooled_csv_has_the_figures_of_the_api_and_its_provenance(
    client: TestClient, keys: dict[str, str]
) -> None:
    response = client.get(POOLED + ".csv", params=FILTER, headers={"X-API-Key": keys["reader"]})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    comments, rows = records(response.text)
    expected = json_observations(client, keys["reader"], **FILTER)
    assert len(rows) == len(expected) > 0
    for row, item in zip(rows, expected, strict=True):
        assert (row["occupation_code"], row["obs_status"], row["conf_status"]) == (
            item["occupation_code"], item["obs_status"], item["conf_status"])  # fmt: skip
        assert row["value"] == ("" if item["value"] is None else str(item["value"]))
        assert row["source_id"] == "france-travail-bmo"
    assert any(row["conf_status"] == "C" and row["value"] == "" for row in rows)  # never 0
    sha256 = hashlib.sha256(SAMPLE_2025.read_bytes()).hexdigest()
    assert "# query: geo_code=3216&indicator=hiring_projects" in comments
    assert any(line.startswith("# extracted_at: 20") for line in comments)
    assert any(sha256 in line and "france-travail-bmo" in line for line in comments)
    assert f"# {ESCO_ATTRIBUTION}" in comments


def test_an_unfiltered_download_streams_every_observation(
    client: TestClient, keys: dict[str, str]
) -> None:
    response = client.get(POOLED + ".csv", headers={"X-API-Key": keys["reader"]})
    total = client.get("/v1/observations", headers={"X-API-Key": keys["reader"]}).json()["total"]
    _, rows = records(response.text)
    assert len(rows) == total >= 3617 * 3  # more than one page of the stream
    assert len({(r["geo_code"], r["geo_department"], r["occupation_code"], r["indicator"],
                 r["occupation_system"]) for r in rows}) == total  # fmt: skip


def test_the_locale_layout_follows_the_language(client: TestClient, keys: dict[str, str]) -> None:
    response = client.get(POOLED + ".csv", params={**FILTER, "layout": "locale", "lang": "nl"},
                          headers={"X-API-Key": keys["reader"]})  # fmt: skip
    _, rows = records(response.text, ";")
    assert "Waarde" in rows[0] and "Bron" in rows[0]
    assert len(rows) == len(json_observations(client, keys["reader"], **FILTER))


def test_pooled_sdmx_csv_round_trips_through_sdmx1(
    client: TestClient, keys: dict[str, str], tmp_path: Path
) -> None:
    headers = {"X-API-Key": keys["reader"]}
    structure = client.get(POOLED + ".structure.xml", headers=headers)
    data = client.get(POOLED + ".sdmx.csv", params=FILTER, headers=headers)
    assert structure.status_code == data.status_code == 200
    (tmp_path / "structure.xml").write_bytes(structure.content)
    (tmp_path / "data.csv").write_bytes(data.content)
    dsd = sdmx.read_sdmx(tmp_path / "structure.xml").structure["DSD_CROSSBMO_POOLED"]
    observations = sdmx.read_sdmx(tmp_path / "data.csv", structure=dsd).data[0].obs
    expected = json_observations(client, keys["reader"], **FILTER)
    assert len(observations) == len(expected)
    for observation, item in zip(observations, expected, strict=True):
        key = observation.dimension.values
        assert key["GEO_CODE"].value == "3216"
        assert key["OCCUPATION_CODE"].value == item["occupation_code"]
        assert key["TIME_PERIOD"].value == item["period"]
        value = float(observation.value) if observation.value else None
        assert value == item["value"]
        attributes = {name: a.value for name, a in observation.attached_attribute.items()}
        assert (attributes["OBS_STATUS"], attributes["CONF_STATUS"]) == (
            item["obs_status"], item["conf_status"])  # fmt: skip
        assert attributes["ATTRIBUTION"].endswith(ESCO_ATTRIBUTION)


def test_the_downloads_are_in_the_openapi_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for download in OFFERED:
        responses = paths[f"{POOLED}.{download.name}"]["get"]["responses"]
        assert {"200", "401", "403"} <= set(responses)
        assert download.content_type in responses["200"]["content"]
