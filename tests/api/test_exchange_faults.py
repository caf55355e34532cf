"""Killing the server during a large submission leaves it absent, never partial; data intact."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.store.models import Observation, Submission
from services.harmonizer.store.raw_files import raw_path, sha256_of
from services.harmonizer.submit import ingest_file
from tests.conftest import NATIONAL_BMO, ROOT, SAMPLE_2023

pytestmark = pytest.mark.shared_data


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(database_url: str, var_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CROSSBMO_DATABASE_URL": database_url, "CROSSBMO_VAR_DIR": str(var_dir)}
    command = [sys.executable, "-m", "services.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).raise_for_status()
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not start")


@pytest.fixture
def published(engine: Engine, raw_dir: Path) -> Iterator[tuple[int, int]]:
    outcome = ingest_file(engine, raw_dir, "france-travail-bmo", SAMPLE_2023.name,
                          SAMPLE_2023.read_bytes())  # fmt: skip
    yield outcome.submission_id, outcome.observation_count


def _state(engine: Engine) -> tuple[list[tuple[int, str, int]], int]:
    with Session(engine) as session:
        submissions = session.execute(
            select(Submission.id, Submission.status, Submission.observation_count)
            .where(Submission.status != "rejected")
            .order_by(Submission.id)
        ).all()
        observations = session.scalar(select(func.count()).select_from(Observation)) or 0
    return [tuple(row) for row in submissions], observations  # type: ignore[misc]


def test_kill_during_ingest_leaves_no_partial_submission(
    engine: Engine, database_url: str, raw_dir: Path, published: tuple[int, int]
) -> None:
    with Session(engine) as session, session.begin():
        add_partner(session, "ft", "france-travail", "France Travail")
        session.flush()
        key = create_key(session, "ft", ["submitter"])
    before = _state(engine)
    port = _free_port()
    server = _serve(database_url, raw_dir.parent, port)
    national = (NATIONAL_BMO / "Base_open_data_BMO_2025.xlsx").read_bytes()

    def send() -> None:
        with contextlib.suppress(httpx.HTTPError):  # the server is killed mid-request
            httpx.post(f"http://127.0.0.1:{port}/v1/exchange/france-travail-bmo/submissions",
                       files={"file": ("BMO_2025.xlsx", national)},
                       headers={"X-API-Key": key}, timeout=60)  # fmt: skip

    kept = raw_path(raw_dir, sha256_of(national))
    sender = threading.Thread(target=send)
    sender.start()
    # The raw file is kept just before parsing starts; the ingest then takes ~2 s: kill inside.
    deadline = time.monotonic() + 30
    while not kept.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert kept.exists(), "the upload never reached the ingest"
    server.send_signal(signal.SIGKILL)
    server.wait()
    sender.join()
    restarted = _serve(database_url, raw_dir.parent, port)
    try:
        listed = httpx.get(f"http://127.0.0.1:{port}/v1/submissions").json()["items"]
    finally:
        restarted.terminate()
        restarted.wait()
    submissions, observations = _state(engine)
    assert submissions == before[0]  # the killed submission is absent, the published one intact
    assert observations == before[1] == published[1]
    assert [item["id"] for item in listed if item["status"] == "accepted"] == [published[0]]


def test_the_server_answers_others_while_it_ingests(
    engine: Engine, database_url: str, raw_dir: Path
) -> None:
    with Session(engine) as session, session.begin():
        add_partner(session, "ft", "france-travail", "France Travail")
        session.flush()
        key = create_key(session, "ft", ["submitter"])
    port = _free_port()
    server = _serve(database_url, raw_dir.parent, port)
    national = (NATIONAL_BMO / "Base_open_data_BMO_2025.xlsx").read_bytes()
    statuses: list[int] = []

    def send() -> None:
        response = httpx.post(
            f"http://127.0.0.1:{port}/v1/exchange/france-travail-bmo/submissions",
            files={"file": ("BMO_2025.xlsx", national)}, headers={"X-API-Key": key}, timeout=120,
        )  # fmt: skip
        statuses.append(response.status_code)

    sender = threading.Thread(target=send)
    try:
        sender.start()
        kept = raw_path(raw_dir, sha256_of(national))
        deadline = time.monotonic() + 30
        while not kept.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=30)
        stored_when_answered = _state(engine)[0]
        sender.join()
    finally:
        server.terminate()
        server.wait()
    assert health.status_code == 200
    # /healthz was answered while the national file was still being ingested (not committed)
    assert stored_when_answered == []
    assert statuses == [201]
    assert len(_state(engine)[0]) == 1
