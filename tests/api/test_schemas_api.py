"""GET /v1/schemas: a published Table Schema per exchange file, matching the Pandera schemas."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from schemas.contracts import table_schemas
from services.api.app import create_app
from services.harmonizer.sources import SOURCES, resolve
from services.settings import Settings

# The raw schemas that take an argument: the variant their published Table Schema describes.
SCHEMA_ARGUMENTS: dict[str, tuple[object, ...]] = {
    "france-travail-bmo": (2025,),
    "vdab-arvastat": (True,),  # monthly: the month column besides the others
}
RAW_SCHEMAS = {
    source.id: resolve(source.raw_schema)(*SCHEMA_ARGUMENTS.get(source.id, ()))
    for source in SOURCES.values()
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
