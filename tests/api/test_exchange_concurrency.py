"""Three services × 20 files sent at once to a real server end in one consistent state."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.store.models import Observation, Submission
from tests.api.test_exchange_faults import _free_port, _serve
from tests.conftest import ROOT, SAMPLE_2025
from tests.sample_edits import Edit, edited_copy, set_cell

VACANCIES = ROOT / "data" / "samples" / "vdab" / "vdab_vacancies_2026-Q1_SYNTHETIC.json"
JOB_SEEKERS = ROOT / "data" / "samples" / "forem" / "forem_dei_2026-09_SYNTHETIC.csv"
FILES_PER_SERVICE = 20
DISTINCT_PER_SERVICE = 5  # each distinct file is sent 4 times: duplicates race too


@dataclass(frozen=True)
class Upload:
    source: str
    key: str
    name: str
    content: bytes


def _vacancy_variants() -> list[bytes]:
    document = json.loads(VACANCIES.read_text(encoding="utf-8"))
    variants = []
    for number in range(DISTINCT_PER_SERVICE):
        document["vacancies"][0]["vacancy_id"] = f"SYNTHETIC-RACE-{number}"
        variants.append(json.dumps(document, ensure_ascii=False).encode())
    return variants


def _job_seeker_variants() -> list[bytes]:
    lines = JOB_SEEKERS.read_text(encoding="utf-8").splitlines()
    data = next(i for i, line in enumerate(lines) if line[:1].isdigit())
    variants = []
    for number in range(DISTINCT_PER_SERVICE):
        cells = lines[data].split(";")
        cells[-1] = str(100 + number)
        variants.append("\n".join([*lines[:data], ";".join(cells), *lines[data + 1 :]]).encode())
    return variants


def _bmo_variants(tmp_path: Path) -> list[bytes]:
    def raise_met(number: int) -> Edit:
        # met of the first data row above its xmet and smet, so each variant stays valid
        return lambda _book, sheet: set_cell(sheet, 2, "met", str(1000 + number))

    return [
        edited_copy(SAMPLE_2025, tmp_path, f"bmo_{number}.xlsx", raise_met(number))
        for number in range(DISTINCT_PER_SERVICE)
    ]


@pytest.fixture
def uploads(engine: Engine, tmp_path: Path) -> list[Upload]:
    with Session(engine) as session, session.begin():
        for partner, service in (("ft", "france-travail"), ("vdab", "vdab"), ("forem", "forem")):
            add_partner(session, partner, service, partner)
        session.flush()
        keys = {p: create_key(session, p, ["submitter"]) for p in ("ft", "vdab", "forem")}
    plan = (
        ("france-travail-bmo", keys["ft"], "BMO_2025.xlsx", _bmo_variants(tmp_path)),
        ("vdab-vacancies", keys["vdab"], "vacancies_SYNTHETIC.json", _vacancy_variants()),
        ("forem-job-seekers", keys["forem"], "dei_SYNTHETIC.csv", _job_seeker_variants()),
    )
    return [
        Upload(source, key, name, variants[number % DISTINCT_PER_SERVICE])
        for source, key, name, variants in plan
        for number in range(FILES_PER_SERVICE)
    ]


@pytest.fixture
def server(database_url: str, raw_dir: Path) -> Iterator[int]:
    port = _free_port()
    process = _serve(database_url, raw_dir.parent, port)
    yield port
    process.send_signal(signal.SIGTERM)
    process.wait()


def _send(port: int, upload: Upload) -> int:
    response = httpx.post(
        f"http://127.0.0.1:{port}/v1/exchange/{upload.source}/submissions",
        files={"file": (upload.name, upload.content)},
        headers={"X-API-Key": upload.key},
        timeout=120,
    )
    return response.status_code


def test_concurrent_submissions_end_consistent(
    engine: Engine, uploads: list[Upload], server: int
) -> None:
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(lambda upload: _send(server, upload), uploads))
    assert sorted(set(statuses)) <= [200, 201]
    assert statuses.count(201) == 3 * DISTINCT_PER_SERVICE  # every distinct file stored once
    with Session(engine) as session:
        rows = session.execute(
            select(Submission.id, Submission.source_id, Submission.period, Submission.status,
                   Submission.sha256, Submission.observation_count, Submission.superseded_by_id)
        ).all()  # fmt: skip
        stored = {
            submission_id: session.scalar(
                select(func.count()).where(
                    Observation.submission_id == submission_id,
                    Observation.occupation_system != "isco08",
                )
            )
            for submission_id, *_ in rows
        }
    for source in ("france-travail-bmo", "vdab-vacancies", "forem-job-seekers"):
        mine = [row for row in rows if row.source_id == source]
        assert len(mine) == DISTINCT_PER_SERVICE
        assert len({row.sha256 for row in mine}) == DISTINCT_PER_SERVICE  # no file twice
        assert [row.status for row in mine].count("accepted") == 1  # one current per period
        ids = {row.id for row in mine}
        for row in mine:
            assert stored[row.id] == row.observation_count  # nothing half-stored
            if row.status == "superseded":
                assert row.superseded_by_id in ids
