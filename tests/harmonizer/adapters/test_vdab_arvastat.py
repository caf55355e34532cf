"""VDAB Arvastat exports: the real construction-sector figures end to end, and every bad input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from services.cli import app as cli_app
from services.harmonizer.errors import Finding
from services.harmonizer.store.models import Observation, Submission
from services.harmonizer.submit import ingest_file
from services.harmonizer.vdab_beroepen import resolve
from services.settings import get_settings
from tests.vdab_files import (
    ARVASTAT_BEROEPEN,
    ARVASTAT_SAMPLE,
    ARVASTAT_TOTAL,
    HEADER_ROW,
    arvastat_rows,
    delimited,
    located,
    monthly_rows,
    row_of,
    snapshot,
    xlsx,
)

SOURCE = "vdab-arvastat"


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("CROSSBMO_DATABASE_URL", database_url)
    monkeypatch.setenv("CROSSBMO_VAR_DIR", str(tmp_path / "cli-var"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def stored(engine: Engine, submission_id: int) -> list[Observation]:
    with Session(engine) as session:
        rows = session.scalars(
            select(Observation).where(Observation.submission_id == submission_id)
        ).all()
        session.expunge_all()
    return list(rows)


@pytest.mark.usefixtures("cli_env")
def test_cli_ingests_the_real_figures_summing_to_17868(database_url: str) -> None:
    result = CliRunner().invoke(cli_app, ["ingest", SOURCE, str(ARVASTAT_SAMPLE), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "2025-05/2026-04" in result.output
    engine = get_engine(database_url)
    with Session(engine) as session:
        submission = session.scalars(select(Submission)).one()
        total = session.scalar(
            select(func.sum(Observation.value)).where(Observation.indicator == "vacancies_received")
        )
    engine.dispose()
    assert (submission.status, submission.observation_count) == ("accepted", ARVASTAT_BEROEPEN)
    assert total == ARVASTAT_TOTAL
    again = CliRunner().invoke(cli_app, ["ingest", SOURCE, str(ARVASTAT_SAMPLE), "--lang", "en"])
    assert again.exit_code == 0
    assert "already received as submission" in again.output


def get_engine(database_url: str) -> Engine:
    from services.harmonizer.store.db import make_engine

    return make_engine(database_url)


def test_counting_rules_are_explicit(engine: Engine, raw_dir: Path) -> None:
    outcome = ingest_file(
        engine, raw_dir, SOURCE, ARVASTAT_SAMPLE.name, ARVASTAT_SAMPLE.read_bytes()
    )
    rows = stored(engine, outcome.submission_id)
    kinds = {(r.period, r.period_type, r.indicator, r.unit, r.coverage) for r in rows}
    places = {(r.geo_system, r.geo_vintage, r.geo_code) for r in rows}
    assert kinds == {
        ("2026-M04", "rolling_12_months", "vacancies_received", "vacancies", "direct_excl_interim")
    }
    assert places == {("nuts", "2021", "BE2")}
    # "Sector: bouw" above the header: construction vacancies only, never all sectors
    assert {r.nace_section for r in rows} == {"F"}
    werfleider = next(r for r in rows if r.occupation_label == "Werfleider")
    assert werfleider.occupation_version == "2026-04"
    assert (werfleider.occupation_system, werfleider.occupation_code, werfleider.value) == (
        "arvastat-beroep",
        "Werfleider",
        1074,
    )
    assert werfleider.source_row == row_of(arvastat_rows(), "Werfleider")


def test_every_beroep_is_resolved_or_listed_as_unresolved(engine: Engine, raw_dir: Path) -> None:
    outcome = ingest_file(
        engine, raw_dir, SOURCE, ARVASTAT_SAMPLE.name, ARVASTAT_SAMPLE.read_bytes()
    )
    assert outcome.status == "accepted"
    with Session(engine) as session:
        report = session.get(Submission, outcome.submission_id).report  # type: ignore[union-attr]
    stats = report["stats"]
    resolved, unresolved = stats["occupations_resolved"], stats["occupations_unresolved"]
    labels = {row[2] for row in arvastat_rows()[HEADER_ROW:] if row[2] != "Totaal"}
    assert set(resolved) | set(unresolved) == labels
    assert set(resolved).isdisjoint(unresolved)
    assert resolved["Werfleider"] == {"competent": "OP-47", "isco08": "3123"}
    assert all(code["competent"].startswith("OP-") for code in resolved.values())
    warnings = [f for f in report["findings"] if f["code"] == "unresolved-occupation-label"]
    assert sorted(f["value"] for f in warnings) == unresolved
    assert {f["severity"] for f in warnings} == {"warning"}
    assert (report["valid"], report["warning_count"]) == (True, len(unresolved))
    assert "Onbekend" in unresolved  # VDAB's own "unknown occupation" row cannot resolve
    assert not resolve("Onbekend").complete


def test_csv_export_gives_the_same_figures(engine: Engine, raw_dir: Path) -> None:
    content = delimited(arvastat_rows())
    outcome = ingest_file(engine, raw_dir, SOURCE, "arvastat.csv", content)
    assert outcome.status == "accepted"
    assert sum(r.value or 0 for r in stored(engine, outcome.submission_id)) == ARVASTAT_TOTAL


def test_a_corrected_export_supersedes_the_earlier_one(engine: Engine, raw_dir: Path) -> None:
    first = ingest_file(engine, raw_dir, SOURCE, ARVASTAT_SAMPLE.name, ARVASTAT_SAMPLE.read_bytes())
    rows = arvastat_rows()
    rows[row_of(rows, "Werfleider") - 1][3] = 1075
    rows[-1][3] = ARVASTAT_TOTAL + 1
    second = ingest_file(engine, raw_dir, SOURCE, "corrected.xlsx", xlsx(rows))
    assert (second.status, second.superseded_ids) == ("accepted", [first.submission_id])


def test_monthly_variant_stores_one_period_per_month(engine: Engine, raw_dir: Path) -> None:
    content = xlsx(monthly_rows(["January 2024", "februari 2024"]))
    outcome = ingest_file(engine, raw_dir, SOURCE, "monthly.xlsx", content)
    assert outcome.status == "accepted", outcome.findings
    assert outcome.period == "2024-01..2024-02"
    rows = stored(engine, outcome.submission_id)
    assert {(r.period, r.period_type) for r in rows} == {
        ("2024-M01", "month"),
        ("2024-M02", "month"),
    }
    assert len(rows) == 10


def test_period_labels(engine: Engine, raw_dir: Path) -> None:
    rows = arvastat_rows()
    rows[3][0] = "januari 2025 - december 2025"
    outcome = ingest_file(engine, raw_dir, SOURCE, "year.xlsx", xlsx(rows))
    assert outcome.period == "2025"
    assert {r.period_type for r in stored(engine, outcome.submission_id)} == {"year"}


def test_suppressed_counts_are_unknown_not_zero(engine: Engine, raw_dir: Path) -> None:
    rows = arvastat_rows()
    small = [i for i, row in enumerate(rows[HEADER_ROW:-1], HEADER_ROW) if row[3] in (1, 2, 3)]
    assert len(small) > 3
    hidden = sum(int(rows[i][3]) for i in small)
    for i in small:
        rows[i][3] = "-"
    outcome = ingest_file(engine, raw_dir, SOURCE, "suppressed.xlsx", xlsx(rows))
    assert outcome.status == "accepted", outcome.findings
    observations = stored(engine, outcome.submission_id)
    secret = [r for r in observations if r.conf_status == "C"]
    assert {(r.value, r.obs_status) for r in secret} == {(None, "O")}
    assert sorted(r.source_row for r in secret) == [i + 1 for i in small]
    assert sum(r.value or 0 for r in observations) == ARVASTAT_TOTAL - hidden


# ---- bad inputs: coded, located, translated; nothing stored ---------------------------------


@pytest.fixture
def store(engine: Engine, raw_dir: Path) -> tuple[Engine, Path, dict[str, Any]]:
    outcome = ingest_file(
        engine, raw_dir, SOURCE, ARVASTAT_SAMPLE.name, ARVASTAT_SAMPLE.read_bytes()
    )
    assert outcome.status == "accepted"
    return engine, raw_dir, snapshot(engine)


def reject(store: tuple[Engine, Path, dict[str, Any]], name: str, content: bytes) -> list[Finding]:
    engine, raw_dir, before = store
    outcome = ingest_file(engine, raw_dir, SOURCE, name, content)
    assert (outcome.status, outcome.duplicate) == ("rejected", False)
    assert snapshot(engine) == before
    errors = [f for f in outcome.findings if f.severity == "error"]
    assert errors
    for finding in errors:
        messages = {lang: finding.render(lang) for lang in ("fr", "nl", "en")}
        assert finding.code in messages["en"] and len(set(messages.values())) == 3, messages
    return errors


def test_wrong_sheet(store: Any) -> None:
    findings = reject(store, "blad1.xlsx", xlsx(arvastat_rows(), sheet_name="Blad1"))
    assert located(findings) == [("missing-sheet", None, None, None)]
    assert findings[0].params == {"sheet_name": "Data", "sheets": "Blad1"}


def test_header_shifted_up_loses_the_period_label(store: Any) -> None:
    rows = arvastat_rows()[HEADER_ROW - 1 :]  # title and period rows deleted
    findings = reject(store, "shifted.xlsx", xlsx(rows))
    assert located(findings) == [
        ("unknown-title", "Data", 1, "A"),  # A1 now holds "Hoofdberoepsgroep"
        ("missing-period-label", "Data", 4, "A"),
    ]


def test_header_shifted_down_is_still_found(store: Any) -> None:
    engine, raw_dir, _ = store
    rows = arvastat_rows()
    rows[HEADER_ROW - 1 : HEADER_ROW - 1] = [[], []]
    outcome = ingest_file(engine, raw_dir, SOURCE, "down.xlsx", xlsx(rows))
    assert outcome.status == "accepted"
    assert outcome.superseded_ids  # same period: the earlier copy is superseded


def test_header_beyond_the_scanned_rows(store: Any) -> None:
    rows = arvastat_rows()
    rows[HEADER_ROW - 1 : HEADER_ROW - 1] = [[]] * 20
    findings = reject(store, "deep.xlsx", xlsx(rows))
    assert located(findings) == [("no-header", "Data", None, None)]


def test_unexpected_month_names(store: Any) -> None:
    content = xlsx(monthly_rows(["January 2024", "Janvier 2024"]))
    findings = reject(store, "months.xlsx", content)
    assert {(f.code, f.row, f.column, f.value) for f in findings} == {
        ("unknown-month", row, "", "Janvier 2024") for row in range(13, 18)
    }


def test_unexpected_month_in_the_period_label(store: Any) -> None:
    rows = arvastat_rows()
    rows[3][0] = "mai 2025 - april 2026"
    findings = reject(store, "label.xlsx", xlsx(rows))
    assert located(findings) == [("unknown-month", "Data", 4, "A")]
    assert "mai 2025 - april 2026" in findings[0].message("nl")


def test_unsupported_period_span(store: Any) -> None:
    rows = arvastat_rows()
    rows[3][0] = "mei 2025 - september 2025"
    findings = reject(store, "span.xlsx", xlsx(rows))
    assert located(findings) == [("unsupported-period-span", "Data", 4, "A")]
    assert findings[0].params == {"months": "5"}


def test_small_count_notations_other_than_dash(store: Any) -> None:
    rows = arvastat_rows()
    row = row_of(rows, "Werfleider")
    rows[row - 1][3] = "<4"
    findings = reject(store, "small.xlsx", xlsx(rows))
    assert located(findings) == [("value-not-count", "Data", row, "Totaal")]


def test_total_that_does_not_add_up(store: Any) -> None:
    rows = arvastat_rows()
    rows[-1][3] = ARVASTAT_TOTAL - 1
    findings = reject(store, "total.xlsx", xlsx(rows))
    assert located(findings) == [("total-mismatch", "Data", len(rows), "Totaal")]
    assert findings[0].params == {"reference": str(ARVASTAT_TOTAL), "suppressed": "0"}


# What real exports carry below the final Totaal row (issue #14): a blank row, the source line and
# sometimes the extraction date. The date here is an example of that line's shape.
NOTES = [
    ["", "", "", ""],
    ["Bron: VDAB Arvastat", "", "", ""],
    ["Datum extractie: 12/05/2026", "", "", ""],
]


@pytest.mark.parametrize("encode", [xlsx, delimited], ids=["xlsx", "csv"])
def test_notes_below_the_total_row_are_warnings_not_data(
    engine: Engine, raw_dir: Path, encode: Any
) -> None:
    rows = arvastat_rows()
    outcome = ingest_file(engine, raw_dir, SOURCE, "notes.xlsx", encode(rows + NOTES))
    assert (outcome.status, outcome.observation_count) == ("accepted", ARVASTAT_BEROEPEN)
    notes = [(f.row, f.value, f.severity) for f in outcome.findings if f.code == "note-below-table"]
    assert notes == [
        (len(rows) + 2, "Bron: VDAB Arvastat", "warning"),
        (len(rows) + 3, "Datum extractie: 12/05/2026", "warning"),
    ]
    assert sum(r.value or 0 for r in stored(engine, outcome.submission_id)) == ARVASTAT_TOTAL
    assert outcome.findings[0].render("nl").startswith("bestand notes.xlsx")


def test_rows_above_the_total_row_keep_their_checks(store: Any) -> None:
    rows = arvastat_rows()
    rows[HEADER_ROW][3] = "veel"
    findings = reject(store, "notes.xlsx", xlsx(rows + NOTES))
    assert located(findings) == [("value-not-count", "Data", HEADER_ROW + 1, "Totaal")]


def test_missing_total_row(store: Any) -> None:
    findings = reject(store, "nototal.xlsx", xlsx(arvastat_rows()[:-1]))
    assert [f.code for f in findings] == ["missing-total-row"]


def test_non_utf8_csv_with_decimal_commas(store: Any) -> None:
    rows = arvastat_rows()
    werfleider = row_of(rows, "Werfleider")
    rows[werfleider - 1][3] = "1074,5"
    content = delimited(rows, encoding="cp1252")
    findings = reject(store, "arvastat.csv", content)
    assert located(findings) == [("value-not-count", None, werfleider, "Totaal")]


def test_non_utf8_csv_is_read_with_a_warning(engine: Engine, raw_dir: Path) -> None:
    rows = arvastat_rows()
    werfleider = row_of(rows, "Werfleider")
    rows[werfleider - 1][3] = "1.074"  # Dutch thousands separator
    rows[-1][3] = "17.868,0"
    outcome = ingest_file(engine, raw_dir, SOURCE, "cp1252.csv", delimited(rows, "cp1252"))
    assert outcome.status == "accepted"
    [encoding] = [f for f in outcome.findings if f.code == "encoding-not-utf8"]
    first_accent = next(i + 1 for i, row in enumerate(rows) if not str(row).isascii())
    assert (encoding.severity, encoding.row) == ("warning", first_accent)
    accented = {str(row[2]) for row in rows[HEADER_ROW:-1] if not str(row[2]).isascii()}
    assert "Milieucoördinator" in accented
    assert accented <= {r.occupation_label for r in stored(engine, outcome.submission_id)}
    assert sum(r.value or 0 for r in stored(engine, outcome.submission_id)) == ARVASTAT_TOTAL


def test_undecodable_bytes(store: Any) -> None:
    content = delimited(arvastat_rows()) + b"\x81\x8d"
    findings = reject(store, "binary.csv", content)
    assert [f.code for f in findings] == ["encoding-unreadable"]


def test_unknown_title(store: Any) -> None:
    rows = arvastat_rows()
    rows[0][0] = "Open vacatures"
    findings = reject(store, "open.xlsx", xlsx(rows))
    assert located(findings) == [("unknown-title", "Data", 1, "A")]


def test_an_export_without_a_sector_filter_counts_every_sector(
    engine: Engine, raw_dir: Path
) -> None:
    rows = arvastat_rows()
    assert rows[1][0] == "Sector: bouw"
    rows[1][0] = ""
    outcome = ingest_file(engine, raw_dir, SOURCE, "all-sectors.xlsx", xlsx(rows))
    assert outcome.status == "accepted"
    assert {r.nace_section for r in stored(engine, outcome.submission_id)} == {"_T"}


def test_unknown_sector(store: Any) -> None:
    rows = arvastat_rows()
    rows[1][0] = "Sector: ruimtevaart"
    findings = reject(store, "space.xlsx", xlsx(rows))
    assert located(findings) == [("unknown-sector", "Data", 2, "A")]
    assert "ruimtevaart" in findings[0].message("nl") and "bouw" in findings[0].message("fr")


def test_duplicate_beroep(store: Any) -> None:
    rows = arvastat_rows()
    rows.insert(-1, list(rows[HEADER_ROW]))
    rows[-1][3] = ARVASTAT_TOTAL + int(rows[HEADER_ROW][3])
    findings = reject(store, "dup.xlsx", xlsx(rows))
    assert located(findings) == [("duplicate-occupation", "Data", len(rows) - 1, "Beroep")]


def test_the_api_gives_and_filters_the_sector(
    engine: Engine, raw_dir: Path, tmp_path: Path
) -> None:
    from fastapi.testclient import TestClient

    from services.api.app import create_app
    from services.settings import Settings

    ingest_file(engine, raw_dir, SOURCE, ARVASTAT_SAMPLE.name, ARVASTAT_SAMPLE.read_bytes())
    settings = Settings(database_url=str(engine.url.render_as_string(hide_password=False)),
                        var_dir=tmp_path / "api-var")  # fmt: skip
    with TestClient(create_app(settings)) as client:
        construction = client.get(
            "/v1/observations", params={"dataset": "arvastat-vacancies", "nace_section": "F"}
        ).json()
        everything = client.get(
            "/v1/observations", params={"dataset": "arvastat-vacancies", "nace_section": "_T"}
        ).json()
    assert construction["total"] == ARVASTAT_BEROEPEN
    assert {item["nace_section"] for item in construction["items"]} == {"F"}
    assert everything["total"] == 0  # construction only: never passed off as all sectors
