"""Forem contract files: `forem-shortage` (fonctions critiques / pénurie → shortage signals) and
`forem-job-seekers` (DEI per occupation × municipality → job_seekers observations)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.errors import Finding
from services.harmonizer.store.models import Observation, ShortageSignal
from services.harmonizer.submit import ingest_file
from tests.forem_files import JOB_SEEKERS_SAMPLE, SHORTAGE_SAMPLE, contract_bytes, contract_lines
from tests.vdab_files import located, snapshot


def test_shortage_sample_ingests_once(engine: Engine, raw_dir: Path) -> None:
    lines = contract_lines(SHORTAGE_SAMPLE)
    assert lines[0].startswith("# SYNTHETIC")
    content = SHORTAGE_SAMPLE.read_bytes()
    outcome = ingest_file(engine, raw_dir, "forem-shortage", SHORTAGE_SAMPLE.name, content)
    assert (outcome.status, outcome.period, outcome.observation_count) == ("accepted", "2026", 16)
    with Session(engine) as session:
        signals = session.scalars(select(ShortageSignal).order_by(ShortageSignal.id)).all()
    statuses = [line.rsplit(";", 1)[1] for line in lines[2:]]
    assert [s.status for s in signals] == [
        {"critique": "critical", "pénurie": "penury"}[status] for status in statuses
    ]
    assert {
        (s.occupation_system, s.occupation_version, s.reason_quantitative) for s in signals
    } == {("rome3", "v3", None)}
    assert (signals[0].occupation_code, signals[0].source_row) == ("F1703", 3)
    again = ingest_file(engine, raw_dir, "forem-shortage", "copy.csv", content)
    assert (again.duplicate, again.submission_id) == (True, outcome.submission_id)


def test_job_seekers_sample_ingests_once(engine: Engine, raw_dir: Path) -> None:
    content = JOB_SEEKERS_SAMPLE.read_bytes()
    outcome = ingest_file(engine, raw_dir, "forem-job-seekers", JOB_SEEKERS_SAMPLE.name, content)
    assert (outcome.status, outcome.period) == ("accepted", "2026-M09")
    rows = contract_lines(JOB_SEEKERS_SAMPLE)[2:]
    with Session(engine) as session:
        stored = session.scalars(select(Observation)).all()
    kinds = {(o.dataset, o.period_type, o.geo_system, o.geo_vintage, o.indicator, o.unit,
              o.coverage) for o in stored}  # fmt: skip
    assert kinds == {("job-seekers", "month", "be-municipality", "2025", "job_seekers",
                      "persons", "all")}  # fmt: skip
    assert sum(o.value or 0 for o in stored) == sum(int(row.split(";")[5]) for row in rows)
    ath = next(o for o in stored if o.geo_code == "51004" and o.occupation_code == "F1602")
    assert (ath.geo_label, ath.value) == ("Ath", float(rows[1].split(";")[5]))
    again = ingest_file(engine, raw_dir, "forem-job-seekers", "copy.csv", content)
    assert again.duplicate is True


def test_merged_municipalities_add_up(engine: Engine, raw_dir: Path) -> None:
    lines = [
        "periode;code_rome;metier;code_ins;commune;dei",
        "2026-09;F1703;Maçonnerie;37015;Tielt;4",
        "2026-09;F1703;Maçonnerie;37007;Meulebeke;3",  # merged into Tielt (37022) in 2025
    ]
    outcome = ingest_file(engine, raw_dir, "forem-job-seekers", "m.csv", contract_bytes(lines))
    assert outcome.status == "accepted"
    with Session(engine) as session:
        stored = session.scalars(select(Observation)).all()
    assert [(o.geo_code, o.value) for o in stored] == [("37022", 7.0)]


Store = tuple[Engine, Path, dict[str, Any]]


@pytest.fixture
def store(engine: Engine, raw_dir: Path) -> Store:
    for source, path in (("forem-shortage", SHORTAGE_SAMPLE),
                         ("forem-job-seekers", JOB_SEEKERS_SAMPLE)):  # fmt: skip
        assert (
            ingest_file(engine, raw_dir, source, path.name, path.read_bytes()).status == "accepted"
        )
    return engine, raw_dir, snapshot(engine)


def reject(store: Store, source: str, content: bytes) -> list[Finding]:
    engine, raw_dir, before = store
    outcome = ingest_file(engine, raw_dir, source, "bad.csv", content)
    assert (outcome.status, outcome.duplicate) == ("rejected", False)
    assert snapshot(engine) == before
    for finding in outcome.findings:
        assert len({finding.render(lang) for lang in ("fr", "nl", "en")}) == 3
    return outcome.findings


def test_shortage_bad_rows(store: Store) -> None:
    lines = contract_lines(SHORTAGE_SAMPLE)
    lines[2] = "2026;F17O3;Maçonnerie;critique"
    lines[3] = lines[3].replace("pénurie", "urgent").replace("critique", "urgent")
    lines[4] = "2025" + lines[4][4:]
    lines[5] = lines[6]
    findings = reject(store, "forem-shortage", contract_bytes(lines, "cp1252"))
    assert [(f.code, f.row, f.column, f.severity) for f in findings] == [
        ("encoding-not-utf8", 3, None, "warning"),
        ("malformed-rome-code", 3, "code_rome", "error"),
        ("unknown-shortage-status", 4, "statut", "error"),
        ("invalid-period", 5, "annee", "error"),
        ("duplicate-occupation", 7, "code_rome", "error"),
    ]


def test_shortage_missing_column(store: Store) -> None:
    findings = reject(store, "forem-shortage", b"annee;code_rome;metier\r\n2026;F1703;X\r\n")
    assert [(f.code, f.row, f.params) for f in findings] == [
        ("missing-column", 1, {"column": "statut"})
    ]


def test_job_seekers_bad_rows(store: Store) -> None:
    lines = contract_lines(JOB_SEEKERS_SAMPLE)
    lines[2] = lines[2].rsplit(";", 1)[0] + ";12,5"  # a decimal comma
    lines[3] = lines[3].replace(";51004;", ";99999;")
    lines[4] = lines[2].rsplit(";", 1)[0] + ";3"  # same occupation and municipality again
    lines[5] = "2026-10" + lines[5][7:]
    lines[6] = lines[6].replace("2026-09;", "2026-9;")
    findings = reject(store, "forem-job-seekers", contract_bytes(lines, "cp1252"))
    assert located(findings) == [
        ("encoding-not-utf8", None, 3, None),
        ("value-not-whole-number", None, 3, "dei"),
        ("unknown-nis-code", None, 4, "code_ins"),
        ("duplicate-occupation-place", None, 5, "code_ins"),
        ("invalid-period", None, 6, "periode"),
        ("invalid-period", None, 7, "periode"),
    ]
    assert "99999" in findings[2].message("fr")
