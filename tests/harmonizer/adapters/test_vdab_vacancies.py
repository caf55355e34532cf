"""The `vdab-vacancies` JSON contract: aggregated per arrondissement × Competent code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.errors import Finding
from services.harmonizer.store.models import Observation
from services.harmonizer.submit import ingest_file
from tests.vdab_files import VACANCIES_SAMPLE, located, snapshot

SOURCE = "vdab-vacancies"


def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(VACANCIES_SAMPLE.read_text(encoding="utf-8"))
    return loaded


def encode(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


def test_synthetic_sample_ingests_once(engine: Engine, raw_dir: Path) -> None:
    doc = document()
    assert doc["synthetic"] is True and "SYNTHETIC" in VACANCIES_SAMPLE.name
    content = VACANCIES_SAMPLE.read_bytes()
    outcome = ingest_file(engine, raw_dir, SOURCE, VACANCIES_SAMPLE.name, content)
    assert (outcome.status, outcome.period) == ("accepted", "2026-Q1")
    with Session(engine) as session:
        rows = session.scalars(select(Observation)).all()
        kinds = {(r.geo_system, r.geo_vintage, r.period_type, r.unit, r.coverage) for r in rows}
        total = sum(r.value or 0 for r in rows)
        zones = {r.geo_code for r in rows}
    assert kinds == {("be-arrondissement", "2025", "quarter", "vacancies", "direct_excl_interim")}
    assert total == len(doc["vacancies"]) == 150
    assert zones <= {"33000", "34000", "36000", "37000"}
    again = ingest_file(engine, raw_dir, SOURCE, "renamed.json", content)
    assert (again.duplicate, again.submission_id) == (True, outcome.submission_id)


@pytest.fixture
def store(engine: Engine, raw_dir: Path) -> tuple[Engine, Path, dict[str, Any]]:
    outcome = ingest_file(engine, raw_dir, SOURCE, "v.json", VACANCIES_SAMPLE.read_bytes())
    assert outcome.status == "accepted"
    return engine, raw_dir, snapshot(engine)


def reject(store: tuple[Engine, Path, dict[str, Any]], content: bytes) -> list[Finding]:
    engine, raw_dir, before = store
    outcome = ingest_file(engine, raw_dir, SOURCE, "bad.json", content)
    assert outcome.status == "rejected"
    assert snapshot(engine) == before
    for finding in outcome.findings:
        assert len({finding.render(lang) for lang in ("fr", "nl", "en")}) == 3
    return outcome.findings


def test_postal_codes_that_do_not_exist(store: Any) -> None:
    doc = document()
    doc["vacancies"][4]["postal_code"] = "9999"
    doc["vacancies"][9]["postal_code"] = "85OO"
    findings = reject(store, encode(doc))
    assert located(findings) == [
        ("unknown-postal-code", None, 5, "postal_code"),
        ("unknown-postal-code", None, 10, "postal_code"),
    ]
    assert "9999" in findings[0].message("fr")


def test_interim_date_and_code_errors(store: Any) -> None:
    doc = document()
    doc["vacancies"][0]["circuit"] = "uitzendopdracht"
    doc["vacancies"][1]["received_date"] = "2026-04-02"
    doc["vacancies"][2]["received_date"] = "02/01/2026"
    doc["vacancies"][3]["competent_code"] = "K2203"
    doc["vacancies"][5]["vacancy_id"] = doc["vacancies"][6]["vacancy_id"]
    findings = reject(store, encode(doc))
    assert located(findings) == [
        ("unknown-circuit", None, 1, "circuit"),
        ("date-outside-period", None, 2, "received_date"),
        ("invalid-date", None, 3, "received_date"),
        ("malformed-competent-code", None, 4, "competent_code"),
        ("duplicate-vacancy", None, 7, "vacancy_id"),
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"{not json", "not-json"),
        (b"[]", "contract-mismatch"),
        (
            json.dumps({"contract": "vdab-vacancies", "version": "1.0"}).encode(),
            "contract-mismatch",
        ),
        (b"", "empty-file"),
    ],
)
def test_documents_that_are_not_the_contract(store: Any, content: bytes, code: str) -> None:
    assert [f.code for f in reject(store, content)] == [code]


NACE_CODES = ("41.201", "43210", "25.62", "86", "")  # construction ×2, manufacturing, health, none


def with_activity_codes(doc: dict[str, Any]) -> dict[str, Any]:
    """The SYNTHETIC sample with an employer activity code on each record, in turn."""
    for number, record in enumerate(doc["vacancies"]):
        record["nace"] = NACE_CODES[number % len(NACE_CODES)]
    return doc


def test_activity_codes_give_nace_sections_that_add_up(engine: Engine, raw_dir: Path) -> None:
    doc = with_activity_codes(document())
    outcome = ingest_file(engine, raw_dir, SOURCE, "nace_SYNTHETIC.json", encode(doc))
    assert outcome.status == "accepted"
    with Session(engine) as session:
        rows = session.scalars(select(Observation)).all()
        by_section: dict[str, float] = {}
        for row in rows:
            by_section[row.nace_section] = by_section.get(row.nace_section, 0) + (row.value or 0)
    expected = {"F": 0, "C": 0, "Q": 0, "_U": 0}
    for number in range(len(doc["vacancies"])):
        expected[("F", "F", "C", "Q", "_U")[number % len(NACE_CODES)]] += 1
    assert by_section == {"_T": 150, **expected}
    assert sum(expected.values()) == 150


def test_activity_codes_that_name_no_division(store: Any) -> None:
    doc = with_activity_codes(document())
    doc["vacancies"][0]["nace"] = "00.11"  # well formed, no such division
    doc["vacancies"][1]["nace"] = "bouw"
    findings = reject(store, encode(doc))
    assert located(findings) == [
        ("unknown-nace-code", None, 1, "nace"),
        ("unknown-nace-code", None, 2, "nace"),
    ]


def test_period_that_does_not_fit_its_type(store: Any) -> None:
    doc = document()
    doc["period_type"] = "month"
    findings = reject(store, encode(doc))
    assert located(findings) == [("invalid-period", None, None, "period")]
