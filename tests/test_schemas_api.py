"""GET /v1/schemas: a published Table Schema per exchange file, matching the Pandera schemas."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from schemas.contracts import table_schemas
from schemas.raw.forem_job_seekers import raw_job_seekers_schema
from schemas.raw.forem_offers import raw_offers_schema
from schemas.raw.forem_shortage import raw_forem_shortage_schema
from schemas.raw.france_travail_bmo import raw_bmo_schema
from schemas.raw.france_travail_job_seekers import (
    raw_job_seekers_schema as raw_ft_job_seekers_schema,
)
from schemas.raw.france_travail_tension import raw_tension_schema
from schemas.raw.france_travail_tension_list import raw_tension_list_schema
from schemas.raw.vdab_arvastat import raw_arvastat_schema
from schemas.raw.vdab_shortage import raw_shortage_schema
from schemas.raw.vdab_vacancies import raw_vacancies_schema
from services.api.app import create_app
from services.harmonizer.sources import SOURCES
from services.settings import Settings

RAW_SCHEMAS = {
    "france-travail-bmo": raw_bmo_schema(2025),
    "vdab-arvastat": raw_arvastat_schema(monthly=True),
    "vdab-shortage": raw_shortage_schema(),
    "vdab-vacancies": raw_vacancies_schema(),
    "forem-offers": raw_offers_schema(),
    "forem-shortage": raw_forem_shortage_schema(),
    "forem-job-seekers": raw_job_seekers_schema(),
    "france-travail-tension": raw_tension_schema(),
    "france-travail-job-seekers": raw_ft_job_seekers_schema(),
    "france-travail-tension-list": raw_tension_list_schema(),
}


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def test_every_source_has_a_published_schema() -> None:
    assert set(table_schemas()) == set(SOURCES) == set(RAW_SCHEMAS)


@pytest.mark.parametrize("source", sorted(RAW_SCHEMAS))
def test_published_fields_cover_the_pandera_columns(source: str) -> None:
    published = {field["x-raw-column"] for field in table_schemas()[source]["fields"]}
    assert set(RAW_SCHEMAS[source].columns) <= published
    for field in table_schemas()[source]["fields"]:
        descriptions = field["descriptions"]
        assert set(descriptions) == {"fr", "nl", "en"}
        assert len(set(descriptions.values())) == 3, field["name"]


def test_list_endpoint(client: TestClient) -> None:
    body = client.get("/v1/schemas", params={"lang": "nl"}).json()
    assert body["total"] == len(SOURCES)
    arvastat = next(item for item in body["items"] if item["source"] == "vdab-arvastat")
    assert arvastat == {
        "source": "vdab-arvastat",
        "title": "Arvastat-export: ontvangen vacatures per beroep (blad Data)",
        "url": "/v1/schemas/vdab-arvastat",
    }


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "Offres reçues ; « - » = 1 à 3, masqué (inconnu)"),
        ("nl", "Ontvangen vacatures; „-” = 1 tot 3, afgeschermd (onbekend)"),
        ("en", "Vacancies received; “-” = 1 to 3, suppressed (unknown)"),
    ],
)
def test_one_schema_in_each_language(client: TestClient, lang: str, text: str) -> None:
    response = client.get("/v1/schemas/vdab-arvastat", params={"lang": lang})
    assert response.headers["content-language"] == lang
    body = response.json()
    totaal = next(field for field in body["fields"] if field["name"] == "Totaal")
    assert totaal["description"] == text
    assert set(totaal["descriptions"]) == {"fr", "nl", "en"}
    assert body["missingValues"] == ["-"]


def test_unknown_source_is_a_404_envelope(client: TestClient) -> None:
    response = client.get("/v1/schemas/actiris-offers", params={"lang": "en"})
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "schema-not-found",
            "message": "There is no published schema for the source actiris-offers.",
            "details": [],
        }
    }
