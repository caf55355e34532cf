"""Hostile inputs that used to crash the reader (#18): a CSV field over 128 KiB, JSON nested
1 100 deep, a NUL inside a text or JSON file, an empty upload. Each is a coded, translated
finding by ingest, the CLI and the exchange API, and nothing is stored but the rejection."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from services.api.app import create_app
from services.cli import app as cli_app
from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.store.models import Observation
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.conftest import ROOT
from tests.harmonizer.test_bad_inputs import cli_env  # noqa: F401 (a fixture)

FIXTURES = ROOT / "tests" / "fixtures"
SHORTAGE = (FIXTURES / "vdab-shortage" / "good.csv").read_bytes()
LONG_FIELD = SHORTAGE.replace(b"Werfleider", b"W" * 140_000, 1)
DEEP_JSON = b"[" * 1_100 + b"]" * 1_100
NUL_JSON = (FIXTURES / "forem-offers" / "good.json").read_bytes().replace(
    b'"Via site Forem"', b'"Via site\\u0000Forem"', 1
)  # fmt: skip
NUL_CSV = SHORTAGE.replace(b"Werfleider", b"Werf\x00leider", 1)
CASES = (
    ("vdab-shortage", "long.csv", LONG_FIELD, "field-too-large"),
    ("forem-offers", "deep.json", DEEP_JSON, "json-too-deep"),
    ("forem-offers", "nul.json", NUL_JSON, "nul-character"),
    ("vdab-shortage", "nul.csv", NUL_CSV, "nul-character"),
)


def test_the_inputs_hold_what_they_say() -> None:
    assert b"Werfleider" in SHORTAGE and b"\\u0000" in NUL_JSON and b"\x00" in NUL_CSV


@pytest.mark.parametrize(("source", "name", "content", "code"), CASES)
def test_ingest_answers_a_finding(
    engine: Engine, raw_dir: Path, source: str, name: str, content: bytes, code: str
) -> None:
    outcome = ingest_file(engine, raw_dir, source, name, content)
    assert outcome.status == "rejected"
    assert [f.code for f in outcome.findings] == [code]
    finding = outcome.findings[0]
    assert "{" not in finding.message("nl") and finding.message("fr") != finding.message("en")
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == 0


def test_a_long_field_is_located_on_its_line(engine: Engine, raw_dir: Path) -> None:
    outcome = ingest_file(engine, raw_dir, "vdab-shortage", "long.csv", LONG_FIELD)
    line = SHORTAGE[: SHORTAGE.index(b"Werfleider")].count(b"\n") + 1
    assert [(f.code, f.row, f.params["limit"]) for f in outcome.findings] == [
        ("field-too-large", line, "131072")
    ]


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize(("source", "name", "content", "code"), CASES[:2])
def test_the_cli_prints_the_code_not_a_traceback(
    tmp_path: Path, source: str, name: str, content: bytes, code: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli_app, ["ingest", source, str(path), "--lang", "en"])
    assert result.exit_code == 1, result.output
    assert code in result.output and "Traceback" not in result.output


@pytest.fixture
def client(settings: Settings, engine: Engine) -> Iterator[tuple[TestClient, str]]:
    with Session(engine) as session, session.begin():
        add_partner(session, "vdab-stats", "vdab", "VDAB")
        session.flush()
        key = create_key(session, "vdab-stats", ["submitter"])
    with TestClient(create_app(settings)) as client:
        yield client, key


def test_an_empty_upload_is_an_empty_file_finding(client: tuple[TestClient, str]) -> None:
    http, key = client
    answer = http.post("/v1/exchange/vdab-shortage/submissions", headers={"X-API-Key": key},
                       files={"file": ("empty.csv", b"", "text/csv")})  # fmt: skip
    assert answer.status_code == 422, answer.text
    assert [d["code"] for d in answer.json()["error"]["details"]] == ["empty-file"]


def test_a_long_field_upload_is_a_422_not_a_500(client: tuple[TestClient, str]) -> None:
    http, key = client
    answer = http.post("/v1/exchange/vdab-shortage/submissions", headers={"X-API-Key": key},
                       files={"file": ("long.csv", LONG_FIELD, "text/csv")})  # fmt: skip
    assert answer.status_code == 422, answer.text
    assert [d["code"] for d in answer.json()["error"]["details"]] == ["field-too-large"]
