"""`forem-offers`: Forem's open-data offers (records API page, JSON and CSV exports) → offers
published per month × arrondissement × ROME v3 code, Forem's own offers apart."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from services.harmonizer.adapters import adapter_for
from services.harmonizer.errors import Finding
from services.harmonizer.geography import place_of_postal_code
from services.harmonizer.store.models import Observation, Submission
from services.harmonizer.submit import ingest_file
from tests.forem_files import (
    CSV_SAMPLE,
    EXPORT_SAMPLE,
    PAGE_SAMPLE,
    as_csv,
    as_json,
    export_records,
)
from tests.vdab_files import located, snapshot

SOURCE = "forem-offers"


def test_records_page_ingests_once(engine: Engine, raw_dir: Path) -> None:
    page = json.loads(PAGE_SAMPLE.read_text(encoding="utf-8"))
    assert page["synthetic"] is True and "SYNTHETIC" in PAGE_SAMPLE.name
    content = PAGE_SAMPLE.read_bytes()
    outcome = ingest_file(engine, raw_dir, SOURCE, PAGE_SAMPLE.name, content)
    assert (outcome.status, outcome.period) == ("accepted", "snapshot")
    with Session(engine) as session:
        rows = session.scalars(select(Observation)).all()
        report = session.get(Submission, outcome.submission_id).report  # type: ignore[union-attr]
    kinds = {(r.dataset, r.geo_system, r.geo_vintage, r.period_type, r.occupation_system,
              r.indicator, r.unit) for r in rows}  # fmt: skip
    assert kinds == {("job-offers", "be-arrondissement", "2025", "month", "rome3",
                      "offers_published", "offers")}  # fmt: skip
    by_coverage = Counter[str]()
    for row in rows:
        by_coverage[row.coverage] += int(row.value or 0)
    own = sum(1 for record in page["results"] if record["source"] == "Via site Forem")
    assert by_coverage == {"forem_own": own, "republished": 100 - own}
    assert report["stats"]["synthetic"] is True and report["stats"]["total_count"] == 300
    again = ingest_file(engine, raw_dir, SOURCE, "renamed.json", content)
    assert (again.duplicate, again.submission_id) == (True, outcome.submission_id)


def test_each_offer_counts_once_in_its_arrondissement_and_month() -> None:
    records = export_records()
    result = adapter_for("forem-offers").parse(EXPORT_SAMPLE.read_bytes(), EXPORT_SAMPLE.name)
    assert result.observations is not None and result.findings == []
    record = records[0]
    place = place_of_postal_code(record["lieuxtravailcodepostal"][0])
    assert place is not None
    month = record["datedebutdiffusion"][:4] + "-M" + record["datedebutdiffusion"][5:7]
    expected = sum(
        1 for r in records
        if r["metiercodedimeco"] == record["metiercodedimeco"]
        and r["datedebutdiffusion"][:7] == record["datedebutdiffusion"][:7]
        and place_of_postal_code(r["lieuxtravailcodepostal"][0]) == place
        and (r["source"] == "Via site Forem") == (record["source"] == "Via site Forem")
    )  # fmt: skip
    frame = result.observations
    coverage = "forem_own" if record["source"] == "Via site Forem" else "republished"
    cell = frame[
        (frame["period"] == month)
        & (frame["geo_code"] == place.arrondissement.nis_code)
        & (frame["occupation_code"] == record["metiercodedimeco"])
        & (frame["coverage"] == coverage)
    ]  # fmt: skip
    assert cell["value"].tolist() == [float(expected)]
    assert frame["value"].sum() == len(records) == 300


def _figures(content: bytes, name: str) -> list[tuple[Any, ...]]:
    result = adapter_for("forem-offers").parse(content, name)
    assert result.observations is not None
    columns = ["period", "geo_code", "occupation_code", "coverage", "value"]
    return sorted(result.observations[columns].itertuples(index=False, name=None))


def test_json_export_csv_export_and_v1_give_the_same_figures() -> None:
    records = export_records()
    v1 = {"nhits": len(records), "records": [{"fields": record} for record in records]}
    reference = _figures(EXPORT_SAMPLE.read_bytes(), EXPORT_SAMPLE.name)
    assert _figures(CSV_SAMPLE.read_bytes(), CSV_SAMPLE.name) == reference
    assert _figures(as_json(v1), "v1.json") == reference


def test_a_multi_place_offer_counts_at_its_first_place() -> None:
    records = export_records()[:2]
    records[0]["lieuxtravailcodepostal"] = ["7500", "8500"]  # Tournai, then Kortrijk
    result = adapter_for("forem-offers").parse(as_json(records), "two.json")
    assert result.observations is not None
    assert result.stats["multi_place_offers"] == 1
    assert "57000" in set(result.observations["geo_code"])
    assert "34000" not in set(result.observations["geo_code"])


def test_a_later_snapshot_supersedes_the_earlier(engine: Engine, raw_dir: Path) -> None:
    first = ingest_file(engine, raw_dir, SOURCE, "p.json", PAGE_SAMPLE.read_bytes())
    second = ingest_file(engine, raw_dir, SOURCE, "e.json", EXPORT_SAMPLE.read_bytes())
    assert second.superseded_ids == [first.submission_id]
    with Session(engine) as session:
        assert session.get(Submission, first.submission_id).status == "superseded"  # type: ignore[union-attr]


@pytest.fixture
def store(engine: Engine, raw_dir: Path) -> tuple[Engine, Path, dict[str, Any]]:
    outcome = ingest_file(engine, raw_dir, SOURCE, "e.json", EXPORT_SAMPLE.read_bytes())
    assert outcome.status == "accepted"
    return engine, raw_dir, snapshot(engine)


def reject(store: tuple[Engine, Path, dict[str, Any]], content: bytes, name: str) -> list[Finding]:
    engine, raw_dir, before = store
    outcome = ingest_file(engine, raw_dir, SOURCE, name, content)
    assert (outcome.status, outcome.duplicate) == ("rejected", False)
    assert snapshot(engine) == before
    for finding in outcome.findings:
        assert len({finding.render(lang) for lang in ("fr", "nl", "en")}) == 3
    return outcome.findings


def test_windows_1252_csv_with_decimal_commas(store: Any) -> None:
    records = export_records()[:5]
    records[1]["nombrepostes"] = "1,5"
    records[3]["nombrepostes"] = "2,0"  # a zero decimal part is still a whole number
    content = as_csv(records, encoding="cp1252")
    findings = reject(store, content, "export.csv")
    assert [(f.code, f.row, f.column, f.value, f.severity) for f in findings] == [
        ("encoding-not-utf8", 2, None, None, "warning"),
        ("value-not-whole-number", 3, "nombrepostes", "1,5", "error"),
    ]
    assert findings[1].render("nl").startswith("bestand export.csv, rij 3, kolom nombrepostes")


def test_windows_1252_csv_is_read_with_a_warning() -> None:
    records = export_records()[:5]
    result = adapter_for("forem-offers").parse(as_csv(records, encoding="cp1252"), "export.csv")
    assert result.observations is not None
    assert [f.code for f in result.findings] == ["encoding-not-utf8"]
    assert result.stats["encoding"] == "cp1252"


def test_duplicate_offer_ids(store: Any) -> None:
    records = export_records()[:10]
    records[6]["numerooffreforem"] = records[2]["numerooffreforem"]
    findings = reject(store, as_json(records), "dup.json")
    assert located(findings) == [("duplicate-offer", None, 7, "numerooffreforem")]
    assert records[2]["numerooffreforem"] in findings[0].message("fr")


def test_postal_codes_that_do_not_exist(store: Any) -> None:
    records = export_records()[:10]
    records[4]["lieuxtravailcodepostal"] = ["9999"]
    records[8]["lieuxtravailcodepostal"] = ["7500", "75OO"]
    findings = reject(store, as_json({"total_count": 10, "results": records}), "page.json")
    assert [(f.code, f.row, f.column, f.value) for f in findings] == [
        ("unknown-postal-code", 5, "lieuxtravailcodepostal", "9999"),
        ("unknown-postal-code", 9, "lieuxtravailcodepostal", "7500,75OO"),
    ]
    assert "9999" in findings[0].message("fr")


def test_malformed_json_page(store: Any) -> None:
    content = PAGE_SAMPLE.read_bytes()[:-200]
    findings = reject(store, content, "page.json")
    assert located(findings) == [("not-json", None, None, None)]
    assert findings[0].file == "page.json"


def test_codes_dates_and_missing_fields(store: Any) -> None:
    records = export_records()[:6]
    records[0]["metiercodedimeco"] = "M18O5"
    records[1]["datedebutdiffusion"] = "2026-02-30"
    records[2]["numerooffreforem"] = None
    records[3] = "not an offer"  # type: ignore[call-overload]
    findings = reject(store, as_json(records), "bad.json")
    assert ("malformed-dimeco-code", None, 1, "metiercodedimeco") in located(findings)
    assert ("invalid-date", None, 2, "datedebutdiffusion") in located(findings)
    assert ("missing-value", None, 3, "numerooffreforem") in located(findings)
    assert {f.column for f in findings if f.row == 4} == {
        "numerooffreforem", "metiercodedimeco", "lieuxtravailcodepostal", "datedebutdiffusion"
    }  # fmt: skip


def test_a_document_that_is_not_a_page(store: Any) -> None:
    findings = reject(store, as_json({"total_count": 3, "items": []}), "odd.json")
    assert [f.code for f in findings] == ["contract-mismatch"]
    assert "forem-offers" in findings[0].message("en")


def test_csv_without_the_offer_number_column(store: Any) -> None:
    content = b"titreoffre;metiercodedimeco;lieuxtravailcodepostal\r\nX;M1805;7500\r\n"
    findings = reject(store, content, "cols.csv")
    assert [(f.code, f.row, f.params) for f in findings] == [
        ("missing-column", 1, {"column": "numerooffreforem"})
    ]
