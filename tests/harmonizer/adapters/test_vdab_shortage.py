"""VDAB knelpuntberoepen (`vdab-shortage`): stored as shortage signals, reasons never invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.harmonizer.errors import Finding
from services.harmonizer.store.models import ShortageSignal, Submission
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.vdab_files import SHORTAGE_SAMPLE, SHORTAGE_SYNTHETIC, located, snapshot

SOURCE = "vdab-shortage"
HEADER = (
    "jaar;beroep;hoofdberoepsgroep;competent_code;kwantitatief;kwalitatief;arbeidsomstandigheden"
)


def signals(engine: Engine, submission_id: int) -> list[ShortageSignal]:
    with Session(engine) as session:
        rows = session.scalars(
            select(ShortageSignal).where(ShortageSignal.submission_id == submission_id)
        ).all()
        session.expunge_all()
    return list(rows)


def test_real_2026_list_is_stored_with_unknown_reasons(engine: Engine, raw_dir: Path) -> None:
    content = SHORTAGE_SAMPLE.read_bytes()
    outcome = ingest_file(engine, raw_dir, SOURCE, SHORTAGE_SAMPLE.name, content)
    assert (outcome.status, outcome.period, outcome.observation_count) == ("accepted", "2026", 227)
    rows = signals(engine, outcome.submission_id)
    assert len(rows) == 227
    reasons = {
        (r.reason_quantitative, r.reason_qualitative, r.reason_working_conditions) for r in rows
    }
    assert reasons == {(None, None, None)}
    werfleider = next(r for r in rows if r.occupation_label == "Werfleider")
    assert (werfleider.occupation_group, werfleider.competent_code, werfleider.status) == (
        "Bouwberoepen",
        "OP-47",
        "shortage",
    )
    again = ingest_file(engine, raw_dir, SOURCE, SHORTAGE_SAMPLE.name, content)
    assert (again.duplicate, again.submission_id) == (True, outcome.submission_id)
    assert len(signals(engine, outcome.submission_id)) == 227
    with Session(engine) as session:
        assert len(session.scalars(select(Submission)).all()) == 1


def test_synthetic_list_keeps_its_reason_flags(engine: Engine, raw_dir: Path) -> None:
    content = SHORTAGE_SYNTHETIC.read_bytes()
    outcome = ingest_file(engine, raw_dir, SOURCE, SHORTAGE_SYNTHETIC.name, content)
    assert outcome.status == "accepted"
    lines = [line.split(";") for line in content.decode().splitlines()[2:]]
    expected = {(line[1], line[4] == "1", line[5] == "1", line[6] == "1") for line in lines}
    rows = signals(engine, outcome.submission_id)
    stored = {
        (
            r.occupation_label,
            r.reason_quantitative,
            r.reason_qualitative,
            r.reason_working_conditions,
        )
        for r in rows
    }
    assert stored == expected
    with Session(engine) as session:
        report = session.get(Submission, outcome.submission_id).report  # type: ignore[union-attr]
    assert report["stats"]["synthetic"] is True


def test_shortages_endpoint(engine: Engine, raw_dir: Path, settings: Settings) -> None:
    ingest_file(engine, raw_dir, SOURCE, SHORTAGE_SAMPLE.name, SHORTAGE_SAMPLE.read_bytes())
    with TestClient(create_app(settings)) as client:
        body = client.get("/v1/shortages", params={"source": SOURCE, "year": "2026"}).json()
        assert body["total"] == 227
        assert body["items"][0]["reason_quantitative"] is None
        assert client.get("/v1/shortages", params={"year": "2025"}).json()["total"] == 0
        assert client.get("/v1/shortages", params={"year": "26"}).status_code == 422


@pytest.fixture
def store(engine: Engine, raw_dir: Path) -> tuple[Engine, Path, dict[str, Any]]:
    outcome = ingest_file(
        engine, raw_dir, SOURCE, SHORTAGE_SAMPLE.name, SHORTAGE_SAMPLE.read_bytes()
    )
    assert outcome.status == "accepted"
    return engine, raw_dir, snapshot(engine)


def reject(store: tuple[Engine, Path, dict[str, Any]], content: bytes) -> list[Finding]:
    engine, raw_dir, before = store
    outcome = ingest_file(engine, raw_dir, SOURCE, "list.csv", content)
    assert outcome.status == "rejected"
    assert snapshot(engine) == before
    errors = [f for f in outcome.findings if f.severity == "error"]
    for finding in errors:
        assert len({finding.render(lang) for lang in ("fr", "nl", "en")}) == 3
    return errors


def test_invalid_flags_and_codes(store: Any) -> None:
    content = "\n".join(
        [HEADER, "2026;Werfleider;Bouwberoepen;OP-47;ja;0;", "2026;Dakwerker;;XX-1;1;0;1"]
    ).encode()
    findings = reject(store, content)
    assert located(findings) == [
        ("invalid-flag", None, 2, "kwantitatief"),
        ("malformed-competent-code", None, 3, "competent_code"),
    ]


def test_missing_reason_column(store: Any) -> None:
    content = b"jaar;beroep;kwantitatief;kwalitatief\n2026;Werfleider;1;0\n"
    findings = reject(store, content)
    assert [(f.code, f.row, f.params) for f in findings] == [
        ("missing-column", 1, {"column": "arbeidsomstandigheden"})
    ]


def test_two_years_and_duplicates(store: Any) -> None:
    content = "\n".join(
        [HEADER, "2026;Werfleider;;;;;", "2025;Dakwerker;;;;;", "2026;Werfleider;;;;;"]
    ).encode("cp1252")
    findings = reject(store, content)
    assert located(findings) == [
        ("invalid-period", None, 3, "jaar"),
        ("duplicate-occupation", None, 4, "beroep"),
    ]
