"""Bulletin downloads of a release built from the real BMO 2025 sample: embargo (draft for
partner keys only), every format with release, revision and attribution, figures equal to the
release document, SDMX-CSV read back by sdmx1, JSON-stat valid, data package pointing at its CSV."""

from __future__ import annotations

import csv
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
from services.bulletin.read import release_document
from services.bulletin.release import advance, build_release
from services.harmonizer.derive import derive_isco
from services.harmonizer.mappings.codelists import ESCO_ATTRIBUTION
from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.submit import ingest_file
from services.publish.formats import FORMATS, DownloadFormat
from services.settings import Settings
from tests.conftest import SAMPLE_2025
from tests.publish.test_publish_renderers import check_jsonstat, jsonstat_cell

DOWNLOAD = "/v1/bulletins/2025-Q2/download."


@pytest.fixture
def key(engine: Engine, raw_dir: Path) -> str:
    """A draft release of 2025-Q2 built from the real sample, and a partner key."""
    outcome = ingest_file(engine, raw_dir, "france-travail-bmo", SAMPLE_2025.name,
                          SAMPLE_2025.read_bytes())  # fmt: skip
    derive_isco(engine, outcome.submission_id)
    assert build_release(engine, "2025-Q2").revision == 1
    with Session(engine) as session, session.begin():
        add_partner(session, "vdab-stats", "vdab", "VDAB Studiedienst")
        session.flush()
        return create_key(session, "vdab-stats", ["submitter"])


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def cells(engine: Engine, language: str = "fr") -> list[dict[str, Any]]:
    with Session(engine) as session:
        document = release_document(session, "2025-Q2", None, language, include_unpublished=True)
    assert document is not None
    found: list[dict[str, Any]] = document["cells"]
    return found


def records(text: str, delimiter: str = ",") -> tuple[list[str], list[dict[str, str]]]:
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    comments = [line.strip() for line in lines if line.startswith("#")]
    body = io.StringIO("".join(line for line in lines if not line.startswith("#")))
    return comments, list(csv.DictReader(body, delimiter=delimiter))


@pytest.mark.parametrize("download", FORMATS.values(), ids=list(FORMATS))
def test_a_draft_is_embargoed_until_published(
    client: TestClient, key: str, engine: Engine, download: DownloadFormat
) -> None:
    url = DOWNLOAD + download.name
    anonymous = client.get(url)
    assert anonymous.status_code == 404
    assert anonymous.json()["error"]["code"] == "bulletin-not-found"
    partner = client.get(url, headers={"X-API-Key": key})
    assert partner.status_code == 200
    assert partner.headers["content-type"] == download.media_type
    assert partner.headers["cache-control"] == "private, no-store"
    name = f'filename="bulletin-2025-Q2-r1-fr.{download.name}"'
    assert name in partner.headers["content-disposition"]
    advance(engine, "2025-Q2", "public")
    public = client.get(url)
    assert public.status_code == 200 and public.headers["cache-control"].startswith("public")


def test_the_csv_says_the_state_of_the_release(
    client: TestClient, key: str, engine: Engine
) -> None:
    partner = client.get(DOWNLOAD + "csv", headers={"X-API-Key": key})
    assert "# state: draft" in records(partner.text)[0]
    advance(engine, "2025-Q2", "public")
    assert "# state: public" in records(client.get(DOWNLOAD + "csv").text)[0]


def test_the_csv_holds_every_cell_of_the_release(
    client: TestClient, key: str, engine: Engine
) -> None:
    response = client.get(DOWNLOAD + "csv", headers={"X-API-Key": key})
    comments, rows = records(response.text)
    expected = cells(engine)
    assert len(rows) == len(expected) > 1000
    assert {"# release: 2025-Q2", "# revision: 1", f"# {ESCO_ATTRIBUTION}"} <= set(comments)
    for row, cell in zip(rows, expected, strict=True):
        assert (row["zone"], row["occupation_code"], row["indicator"]) == (
            cell["zone"], cell["occupation_code"], cell["indicator"])  # fmt: skip
        assert row["value"] == ("" if cell["value"] is None else _number(cell["value"]))
        assert (row["obs_status"], row["conf_status"]) == (cell["obs_status"], cell["conf_status"])
    assert not any(row["value"] == "0" and row["conf_status"] != "F" for row in rows)
    assert 'filename="bulletin-2025-Q2-r1-fr.csv"' in response.headers["content-disposition"]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def test_lang_gives_the_locale_csv_with_labels_in_that_language(
    client: TestClient, key: str, engine: Engine
) -> None:
    response = client.get(DOWNLOAD + "csv", params={"lang": "nl"}, headers={"X-API-Key": key})
    assert response.headers["content-language"] == "nl"
    _, rows = records(response.text, ";")
    expected = cells(engine, "nl")
    assert len(rows) == len(expected)
    decimal = next(i for i, cell in enumerate(expected) if cell["value"] not in (None, 0)
                   and not float(cell["value"]).is_integer())  # fmt: skip
    assert rows[decimal]["Waarde"] == repr(float(expected[decimal]["value"])).replace(".", ",")
    assert rows[0]["Beroep"] == expected[0]["occupation_label"]


def test_sdmx_csv_and_structure_round_trip_through_sdmx1(
    client: TestClient, key: str, engine: Engine, tmp_path: Path
) -> None:
    headers = {"X-API-Key": key}
    (tmp_path / "s.xml").write_bytes(
        client.get(DOWNLOAD + "structure.xml", headers=headers).content
    )
    (tmp_path / "d.csv").write_bytes(client.get(DOWNLOAD + "sdmx.csv", headers=headers).content)
    structure = sdmx.read_sdmx(tmp_path / "s.xml")
    assert set(structure.codelist["CL_ZONE"]["EMLKT-FR"].name.localizations) == {"fr", "nl", "en"}
    dsd = structure.structure["DSD_CROSSBMO_BULLETIN"]
    observations = sdmx.read_sdmx(tmp_path / "d.csv", structure=dsd).data[0].obs
    expected = cells(engine)
    assert len(observations) == len(expected)
    for observation, cell in zip(observations, expected, strict=True):
        assert observation.dimension.values["ZONE"].value == cell["zone"]
        value = float(observation.value) if observation.value else None
        assert value == cell["value"]
        attributes = {name: a.value for name, a in observation.attached_attribute.items()}
        assert (attributes["OBS_STATUS"], attributes["CONF_STATUS"], attributes["FLAGS"]) == (
            cell["obs_status"], cell["conf_status"], " ".join(cell["flags"]))  # fmt: skip
        assert (attributes["RELEASE"], attributes["REVISION"]) == ("2025-Q2", "1")


def test_jsonstat_is_valid_and_holds_the_figures(
    client: TestClient, key: str, engine: Engine
) -> None:
    response = client.get(DOWNLOAD + "jsonstat.json", params={"lang": "en"},
                          headers={"X-API-Key": key})  # fmt: skip
    dataset = response.json()
    check_jsonstat(dataset)
    assert dataset["extension"]["revision"] == "1" and ESCO_ATTRIBUTION in dataset["note"]
    for cell in cells(engine, "en")[:50]:
        codes = {name: str(cell[name]) for name in dataset["id"]}
        assert jsonstat_cell(dataset, "value", **codes) == cell["value"]
        assert jsonstat_cell(dataset, "status", **codes) == cell["obs_status"]


def test_the_data_package_points_at_its_pinned_csv(client: TestClient, key: str) -> None:
    headers = {"X-API-Key": key}
    package = client.get(DOWNLOAD + "datapackage.json", headers=headers).json()
    resource = package["resources"][0]
    assert resource["path"].endswith("/v1/bulletins/2025-Q2/download.csv?revision=1")
    assert package["crossbmo"]["release"] == "2025-Q2"
    _, rows = records(client.get(resource["path"], headers=headers).text)
    assert [field["name"] for field in resource["schema"]["fields"]] == list(rows[0])


def test_revisions_periods_and_formats_are_checked(client: TestClient, key: str) -> None:
    headers = {"X-API-Key": key}
    assert client.get(DOWNLOAD + "csv?revision=1", headers=headers).status_code == 200
    missing = client.get(DOWNLOAD + "csv?revision=2", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "bulletin-not-found"
    for path in ("/v1/bulletins/2025-Q5/download.csv", DOWNLOAD + "xlsx"):
        wrong = client.get(path, headers=headers)
        assert wrong.status_code == 422
        assert wrong.json()["error"]["code"] == "invalid-parameter"
    other = client.get("/v1/bulletins/2024-Q2/download.csv", headers=headers)
    assert other.status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    operation = paths["/v1/bulletins/{period}/download.{fmt}"]
    fmt = next(item for item in operation["get"]["parameters"] if item["name"] == "fmt")
    assert fmt["schema"]["enum"] == list(FORMATS)
    media = operation["get"]["responses"]["200"]["content"]
    assert {download.media_type for download in FORMATS.values()} <= set(media)
