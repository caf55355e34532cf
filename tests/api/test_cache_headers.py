"""A draft a partner key reads at the public URL must never reach a shared cache (#18): every
answer varies on X-API-Key, and an answer to a key is private and not stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.bulletin.release import build_release
from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.conftest import SAMPLE_2025

URLS = (
    "/v1/bulletins/2025-Q2",
    "/v1/bulletins",
    "/v1/bulletins/series?zone=FR-BMO-3216&indicator=hiring_projects",
)


@pytest.fixture
def draft(engine: Engine, raw_dir: Path, settings: Settings) -> Iterator[tuple[TestClient, str]]:
    ingest_file(engine, raw_dir, "france-travail-bmo", SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    build_release(engine, "2025-Q2")  # a draft: embargoed
    with Session(engine) as session, session.begin():
        add_partner(session, "vdab-stats", "vdab", "VDAB")
        session.flush()
        key = create_key(session, "vdab-stats", ["reader"])
    with TestClient(create_app(settings)) as client:
        yield client, key


@pytest.mark.parametrize("url", URLS)
def test_keyed_answers_are_private_and_every_answer_varies_on_the_key(
    draft: tuple[TestClient, str], url: str
) -> None:
    client, key = draft
    keyed = client.get(url, headers={"X-API-Key": key})
    assert keyed.status_code == 200, keyed.text
    assert keyed.headers["Cache-Control"] == "private, no-store"
    public = client.get(url)
    for answer in (keyed, public):
        assert "X-API-Key" in answer.headers["Vary"].split(", ")
    assert "no-store" not in public.headers.get("Cache-Control", "")


def test_the_draft_itself_is_what_the_key_sees(draft: tuple[TestClient, str]) -> None:
    client, key = draft
    assert client.get(URLS[0]).status_code == 404  # embargoed for the public
    assert client.get(URLS[0], headers={"X-API-Key": key}).json()["state"] == "draft"


def test_a_wrong_method_says_which_are_allowed(draft: tuple[TestClient, str]) -> None:
    client, _key = draft
    answer = client.post("/v1/bulletins")
    assert answer.status_code == 405
    assert answer.headers["Allow"] == "GET"
    assert answer.json()["error"]["code"] == "method-not-allowed"


def test_an_unreadable_upload_is_a_bad_request_not_a_not_found(
    draft: tuple[TestClient, str],
) -> None:
    client, _key = draft
    answer = client.post(
        "/v1/exchange/vdab-shortage/submissions",
        files={"file": ("a" * 5_000 + ".csv", b"jaar;beroep\n", "text/csv")},
    )
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "bad-request" and error["details"][0]["detail"]
