"""The exchange: scoped API keys, uploads validated as a whole, reports, raw files, audit."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.harmonizer.store.access import add_partner, create_key, revoke_key
from services.harmonizer.store.models import Observation
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.conftest import ROOT, SAMPLE_2023, SAMPLE_2025

BMO = "/v1/exchange/france-travail-bmo/submissions"


@dataclass(frozen=True)
class Keys:
    france_travail: str
    forem: str
    reader: str
    admin: str


@pytest.fixture
def keys(engine: Engine) -> Keys:
    with Session(engine) as session, session.begin():
        add_partner(session, "ft-hdf", "france-travail", "France Travail Hauts-de-France")
        add_partner(session, "forem-stats", "forem", "Le Forem")
        add_partner(session, "operator", "crossbmo", "crossbmo")
        session.flush()
        return Keys(
            france_travail=create_key(session, "ft-hdf", ["submitter", "reader"]),
            forem=create_key(session, "forem-stats", ["submitter", "reader"]),
            reader=create_key(session, "forem-stats", ["reader"]),
            admin=create_key(session, "operator", ["admin"]),
        )


@pytest.fixture
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def upload(client: TestClient, key: str | None, name: str, content: bytes, lang: str = "en"):  # type: ignore[no-untyped-def]
    headers = {"X-API-Key": key} if key else {}
    files = {"file": (name, content, "application/octet-stream")}
    return client.post(BMO, files=files, headers=headers, params={"lang": lang})


def observation_count(engine: Engine, system: str | None = None) -> int:
    statement = select(func.count()).select_from(Observation)
    if system is not None:
        statement = statement.where(Observation.occupation_system == system)
    with Session(engine) as session:
        return session.scalar(statement) or 0


def test_no_key_or_a_wrong_key_is_401(client: TestClient, keys: Keys) -> None:
    for key in (None, "cbmo_nothere_secret", keys.forem + "x", "garbage"):
        response = upload(client, key, SAMPLE_2025.name, SAMPLE_2025.read_bytes())
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"


def test_a_revoked_key_is_401(client: TestClient, keys: Keys, engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert revoke_key(session, keys.france_travail.split("_")[1])
    response = upload(client, keys.france_travail, SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    assert response.status_code == 401


def test_forem_cannot_submit_as_france_travail(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    response = upload(client, keys.forem, SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert observation_count(engine) == 0


def test_owner_submits_then_the_same_file_is_a_no_op(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    first = upload(client, keys.france_travail, SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    assert first.status_code == 201
    body = first.json()
    assert (body["status"], body["observation_count"]) == ("accepted", 3617 * 3)
    again = upload(client, keys.france_travail, "renamed.xlsx", SAMPLE_2025.read_bytes())
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert observation_count(engine, "bmo-metier") == 3617 * 3
    assert (
        observation_count(engine, "isco08") == body["report"]["derived"]["isco08"]["observations"]
    )


def test_a_rejected_file_lists_every_finding_and_stores_nothing(
    client: TestClient, keys: Keys, engine: Engine
) -> None:
    truncated = SAMPLE_2023.read_bytes()[:5000]
    response = upload(client, keys.france_travail, "cut.xlsx", truncated, lang="nl")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "submission-rejected"
    assert [d["code"] for d in error["details"]] == ["workbook-unreadable"]
    assert "onleesbaar" in error["details"][0]["message"]
    assert observation_count(engine) == 0


def test_a_csv_for_a_workbook_source_is_415(client: TestClient, keys: Keys) -> None:
    response = upload(client, keys.france_travail, "bmo.xlsx", b"annee;met\n2025;12\n")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "unsupported-media-type"


def test_an_upload_over_the_limit_is_413(engine: Engine, settings: Settings, keys: Keys) -> None:
    small = settings.model_copy(update={"max_upload_bytes": 1000})
    with TestClient(create_app(small)) as client:
        response = upload(client, keys.france_travail, SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload-too-large"


def test_a_zip_bomb_is_refused_unopened(client: TestClient, keys: Keys) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (40 * 2**20) + b"</a>")
    response = upload(client, keys.france_travail, "bomb.xlsx", buffer.getvalue())
    assert response.status_code == 422
    assert [d["code"] for d in response.json()["error"]["details"]] == ["archive-too-large"]


def test_report_is_for_its_service_in_json_and_html(client: TestClient, keys: Keys) -> None:
    submitted = upload(client, keys.france_travail, "cut.xlsx", SAMPLE_2023.read_bytes()[:5000])
    assert submitted.status_code == 422
    # A rejected file is listed for its own service only (never for the public).
    assert client.get("/v1/submissions", params={"status": "rejected"}).json()["items"] == []
    own_list = client.get("/v1/submissions", params={"status": "rejected"},
                          headers={"X-API-Key": keys.france_travail})  # fmt: skip
    submission_id = own_list.json()["items"][0]["id"]
    url = f"{BMO}/{submission_id}"
    own = client.get(url, headers={"X-API-Key": keys.france_travail}, params={"lang": "fr"})
    assert own.status_code == 200
    assert own.json()["report"]["findings"][0]["message"].startswith("Le classeur est illisible")
    html = client.get(url, headers={"X-API-Key": keys.france_travail},
                      params={"format": "html", "lang": "nl"})  # fmt: skip
    assert html.headers["content-type"].startswith("text/html")
    assert "<td><code>workbook-unreadable</code></td>" in html.text
    assert 'lang="nl"' in html.text
    other = client.get(url, headers={"X-API-Key": keys.forem})
    assert other.status_code == 403


def test_raw_file_only_for_its_service(client: TestClient, keys: Keys) -> None:
    content = SAMPLE_2025.read_bytes()
    submission_id = upload(client, keys.france_travail, SAMPLE_2025.name, content).json()["id"]
    url = f"{BMO}/{submission_id}/file"
    assert client.get(url, headers={"X-API-Key": keys.france_travail}).content == content
    assert client.get(url, headers={"X-API-Key": keys.forem}).status_code == 403
    assert client.get(url, headers={"X-API-Key": keys.admin}).content == content


def test_audit_names_the_key_and_is_for_admins(client: TestClient, keys: Keys) -> None:
    upload(client, keys.france_travail, SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    upload(client, keys.forem, SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    assert client.get("/v1/exchange/audit", headers={"X-API-Key": keys.reader}).status_code == 403
    entries = client.get("/v1/exchange/audit", headers={"X-API-Key": keys.admin}).json()["items"]
    results = [(e["key_id"], e["result"]) for e in entries]
    assert results == [
        (keys.forem.split("_")[1], "forbidden"),
        (keys.france_travail.split("_")[1], "accepted"),
    ]
    assert entries[1]["sha256"] and entries[1]["detail"]["submission_id"] >= 1


def test_keys_are_stored_only_as_hashes(keys: Keys, engine: Engine) -> None:
    secret = keys.forem.split("_", 2)[2]
    with Session(engine) as session:
        stored = [tuple(row) for row in session.execute(text("SELECT * FROM api_keys")).all()]
    assert stored and not any(secret in str(cell) for row in stored for cell in row)


def test_over_the_rate_limit_is_429(engine: Engine, settings: Settings, keys: Keys) -> None:
    tight = settings.model_copy(update={"exchange_requests_per_minute": 2})
    with TestClient(create_app(tight)) as client:
        codes = [
            client.get("/v1/exchange/audit", headers={"X-API-Key": keys.admin}).status_code
            for _ in range(3)
        ]
        last = client.get("/v1/exchange/audit", headers={"X-API-Key": keys.admin})
    assert codes == [200, 200, 429]
    assert last.json()["error"]["code"] == "rate-limited"
    assert int(last.headers["Retry-After"]) >= 1


def test_anonymous_callers_still_read_open_data(client: TestClient, keys: Keys) -> None:
    upload(client, keys.france_travail, SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    response = client.get("/v1/observations", params={"geo_code": "3216", "limit": 1})
    assert response.status_code == 200
    assert response.json()["total"] > 0


def test_unknown_source_is_404(client: TestClient, keys: Keys, tmp_path: Path) -> None:
    response = client.post(
        "/v1/exchange/nope/submissions",
        files={"file": ("x.xlsx", b"PK\x03\x04", "application/octet-stream")},
        headers={"X-API-Key": keys.admin},
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "unknown-source"


VACANCIES = ROOT / "data" / "samples" / "vdab" / "vdab_vacancies_2026-Q1_SYNTHETIC.json"


@pytest.fixture
def pooled(engine: Engine, raw_dir: Path) -> dict[str, int]:
    """An open-data submission (BMO) and a partner-only one (VDAB vacancies contract)."""
    ids = {}
    for source, path in (("france-travail-bmo", SAMPLE_2025), ("vdab-vacancies", VACANCIES)):
        outcome = ingest_file(engine, raw_dir, source, path.name, path.read_bytes())
        assert outcome.status == "accepted", [f.code for f in outcome.findings]
        ids[source] = outcome.submission_id
    return ids


def _sources_seen(client: TestClient, key: str | None) -> set[int]:
    headers = {"X-API-Key": key} if key else {}
    listed = client.get("/v1/submissions", headers=headers).json()["items"]
    return {item["id"] for item in listed}


def test_anonymous_callers_never_see_partner_only_data(
    client: TestClient, keys: Keys, pooled: dict[str, int]
) -> None:
    assert _sources_seen(client, None) == {pooled["france-travail-bmo"]}
    hidden = pooled["vdab-vacancies"]
    assert client.get(f"/v1/submissions/{hidden}").status_code == 404
    figures = client.get("/v1/observations", params={"submission_id": hidden}).json()
    assert figures["total"] == 0
    assert client.get("/v1/observations", params={"dataset": "vacancies"}).json()["total"] == 0


def test_a_reader_key_sees_the_pooled_figures(
    client: TestClient, keys: Keys, pooled: dict[str, int]
) -> None:
    assert _sources_seen(client, keys.reader) == set(pooled.values())
    hidden = pooled["vdab-vacancies"]
    figures = client.get("/v1/observations", params={"submission_id": hidden},
                         headers={"X-API-Key": keys.reader}).json()  # fmt: skip
    assert figures["total"] > 0


def test_a_submitter_only_key_sees_open_data_and_its_own_service(
    client: TestClient, engine: Engine, pooled: dict[str, int]
) -> None:
    with Session(engine) as session, session.begin():
        add_partner(session, "vdab-stats", "vdab", "VDAB")
        add_partner(session, "forem-upload", "forem", "Le Forem")
        session.flush()
        vdab = create_key(session, "vdab-stats", ["submitter"])
        forem = create_key(session, "forem-upload", ["submitter"])
    assert _sources_seen(client, vdab) == set(pooled.values())
    assert _sources_seen(client, forem) == {pooled["france-travail-bmo"]}


def test_an_invalid_key_on_an_open_endpoint_is_401(client: TestClient) -> None:
    response = client.get("/v1/observations", headers={"X-API-Key": "cbmo_bad_key"})
    assert response.status_code == 401


FOREM_OFFERS = ROOT / "data" / "samples" / "forem" / "forem_offres_export_SYNTHETIC.json"


def test_synthetic_fixtures_are_never_public(
    client: TestClient, keys: Keys, engine: Engine, raw_dir: Path
) -> None:
    outcome = ingest_file(engine, raw_dir, "forem-offers", FOREM_OFFERS.name,
                          FOREM_OFFERS.read_bytes())  # fmt: skip
    assert outcome.status == "accepted"
    public = client.get("/v1/observations", params={"submission_id": outcome.submission_id})
    assert public.json()["total"] == 0
    assert client.get(f"/v1/submissions/{outcome.submission_id}").status_code == 404
    partner = client.get("/v1/submissions", headers={"X-API-Key": keys.reader}).json()["items"]
    assert [(item["id"], item["synthetic"]) for item in partner] == [(outcome.submission_id, True)]
    pooled = client.get("/v1/observations", params={"submission_id": outcome.submission_id},
                        headers={"X-API-Key": keys.reader}).json()  # fmt: skip
    assert pooled["total"] == outcome.observation_count > 0
