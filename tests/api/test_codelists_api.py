"""GET /v1/codelists: systems, codes with labels in fr/nl/en, ESCO attribution, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from services.api.app import create_app
from services.harmonizer.mappings.tables import mapping_version
from services.settings import Settings

ESCO_STATEMENT = "This service uses the ESCO classification of the European Commission."


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path}/crossbmo.sqlite3", var_dir=tmp_path)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_the_list_of_code_systems_names_versions_and_attributions(client: TestClient) -> None:
    response = client.get("/v1/codelists", params={"lang": "nl"})
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "nl"
    systems = {item["system"]: item for item in response.json()["items"]}
    assert {"isco08", "nace2", "esco", "rome3", "rome4", "fap2009", "fap2021", "competent",
            "naf2", "nacebel2025"} <= set(systems)  # fmt: skip
    assert systems["esco"]["attribution"] == ESCO_STATEMENT
    assert systems["fap2021"]["name"] == "BMO-beroepen (FAP2021)"
    assert systems["isco08"]["mapping_version"] == mapping_version()


@pytest.mark.parametrize(
    ("lang", "label"),
    [("fr", "Professions militaires"), ("nl", "Beroepen bij de strijdkrachten"),
     ("en", "Armed forces occupations")],
)  # fmt: skip
def test_a_code_has_its_label_in_the_asked_language(
    client: TestClient, lang: str, label: str
) -> None:
    body = client.get("/v1/codelists/isco08/0", params={"lang": lang}).json()
    assert body["item"]["label"] == label
    assert body["item"]["label_language"] == lang
    assert body["item"]["labels"]["en"] == "Armed forces occupations"


def test_a_missing_label_falls_back_and_says_from_which_language(client: TestClient) -> None:
    body = client.get("/v1/codelists/fap2021/A0X40", params={"lang": "nl"}).json()
    assert body["item"]["label"] == "Agriculteurs"
    assert body["item"]["label_language"] == "fr"
    assert body["item"]["parent_code"] == "A0X"


def test_a_list_is_filtered_by_level_and_paged(client: TestClient) -> None:
    body = client.get("/v1/codelists/isco08", params={"level": "4", "limit": 10}).json()
    assert body["total"] == 436
    assert len(body["items"]) == 10
    assert {item["level"] for item in body["items"]} == {"4"}
    children = client.get("/v1/codelists/isco08", params={"parent_code": "25"}).json()
    assert {item["code"] for item in children["items"]} == {"251", "252"}


def test_esco_responses_carry_the_attribution_and_the_isco_group(client: TestClient) -> None:
    uuid = "00030d09-2b3a-4efd-87cc-c4ea39d27c34"
    body = client.get(f"/v1/codelists/esco/{uuid}", params={"lang": "en"}).json()
    assert body["attribution"] == ESCO_STATEMENT
    assert body["item"]["parent_code"] == "2654"
    assert body["item"]["uri"] == f"http://data.europa.eu/esco/occupation/{uuid}"
    assert body["item"]["label"] == "technical director"


def test_unknown_system_and_unknown_code_are_404_with_their_codes(client: TestClient) -> None:
    response = client.get("/v1/codelists/isco88", params={"lang": "en"})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "codelist-not-found"
    response = client.get("/v1/codelists/isco08/9999", params={"lang": "en"})
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "code-not-found"
    assert "9999" in error["message"]


def test_a_page_larger_than_allowed_is_refused(client: TestClient) -> None:
    response = client.get("/v1/codelists/isco08", params={"limit": 100_000})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid-parameter"
