"""Each bad input is rejected with a coded, located finding and leaves stored data unchanged."""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner, Result

from services.cli import app as cli_app
from services.harmonizer.errors import Finding
from services.harmonizer.store.models import Observation, Submission
from services.harmonizer.submit import ingest_file
from services.settings import get_settings
from tests.conftest import SAMPLE_2023, SAMPLE_2025
from tests.sample_edits import SHEET_2025, column_of, edited_copy, get_cell, set_cell

SOURCE = "france-travail-bmo"
# rows × (met, xmet, smet), and the ISCO-08 observations derived from them (issue #3)
SAMPLE_2025_OBSERVATIONS = 3617 * 3  # rows × (met, xmet, smet)


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """What a rejected file must not touch: figures per submission, kept submissions' status."""
    with Session(engine) as session:
        figures = session.execute(
            select(
                Observation.submission_id,
                func.count(),
                func.sum(Observation.value),
                func.count(Observation.value),  # published (non-secret) values
            )
            .group_by(Observation.submission_id)
            .order_by(Observation.submission_id)
        ).all()
        kept = session.execute(
            select(Submission.id, Submission.status, Submission.superseded_by_id)
            .where(Submission.status != "rejected")
            .order_by(Submission.id)
        ).all()
    return {"figures": [tuple(row) for row in figures], "submissions": [tuple(row) for row in kept]}


@dataclass(frozen=True)
class Store:
    engine: Engine
    raw_dir: Path
    before: dict[str, list[tuple[Any, ...]]]


@pytest.fixture
def store(engine: Engine, raw_dir: Path) -> Store:
    """A store holding the accepted 2025 sample."""
    content = SAMPLE_2025.read_bytes()
    outcome = ingest_file(engine, raw_dir, SOURCE, SAMPLE_2025.name, content)
    assert outcome.status == "accepted"
    before = snapshot(engine)
    assert [row[:2] for row in before["figures"]] == [
        (outcome.submission_id, SAMPLE_2025_OBSERVATIONS)
    ]
    assert before["submissions"] == [(outcome.submission_id, "accepted", None)]
    return Store(engine, raw_dir, before)


def reject(store: Store, name: str, content: bytes, max_bytes: int | None = None) -> list[Finding]:
    """Ingest a bad file: it must be rejected and recorded, with the stored data unchanged."""
    outcome = ingest_file(store.engine, store.raw_dir, SOURCE, name, content, max_bytes=max_bytes)
    assert (outcome.status, outcome.duplicate) == ("rejected", False)
    assert outcome.findings
    assert snapshot(store.engine) == store.before
    with Session(store.engine) as session:
        row = session.get(Submission, outcome.submission_id)
        assert row is not None
        assert (row.status, row.observation_count) == ("rejected", 0)
        assert row.report["finding_count"] == len(outcome.findings)
    return outcome.findings


def located(findings: list[Finding]) -> list[tuple[Any, ...]]:
    return [(f.code, f.file, f.sheet, f.row, f.column) for f in findings]


def sample_as_csv() -> bytes:
    rows = CalamineWorkbook.from_path(str(SAMPLE_2025)).get_sheet_by_name(SHEET_2025).to_python()
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return buffer.getvalue().encode("utf-8")


# Spreadsheet rows (the header is row 1, so data row i is row i + 1) with published counts.
ROW_A = 11  # COMPIEGNE, A0X40: met 90, xmet 45, smet 63
ROW_B = 21  # SAMBRE AVESNOIS, A0X40: met 140, xmet 131, smet 69


def test_truncated_xlsx_is_unreadable(store: Store) -> None:
    content = SAMPLE_2025.read_bytes()
    findings = reject(store, "truncated.xlsx", content[: len(content) // 2])
    assert located(findings) == [("workbook-unreadable", "truncated.xlsx", None, None, None)]


def test_csv_renamed_xlsx_is_not_a_workbook(store: Store) -> None:
    findings = reject(store, "bmo.xlsx", sample_as_csv())
    assert located(findings) == [("not-a-workbook", "bmo.xlsx", None, None, None)]
    assert findings[0].params == {"detail": "a text file (CSV)"}


def test_empty_file_is_rejected(store: Store) -> None:
    findings = reject(store, "empty.xlsx", b"")
    assert located(findings) == [("empty-file", "empty.xlsx", None, None, None)]


def test_random_bytes_are_not_a_workbook(store: Store) -> None:
    content = random.Random(0).randbytes(20 * 1024 * 1024)
    findings = reject(store, "noise.xlsx", content)
    assert located(findings) == [("not-a-workbook", "noise.xlsx", None, None, None)]
    assert findings[0].params == {"detail": "binary data"}


def test_file_over_the_size_limit_is_rejected(store: Store) -> None:
    content = SAMPLE_2023.read_bytes()
    findings = reject(store, SAMPLE_2023.name, content, max_bytes=len(content) - 1)
    assert located(findings) == [("file-too-large", SAMPLE_2023.name, None, None, None)]
    assert findings[0].params == {"size": str(len(content)), "limit": str(len(content) - 1)}


def test_file_at_the_size_limit_is_accepted(store: Store) -> None:
    content = SAMPLE_2023.read_bytes()
    outcome = ingest_file(
        store.engine, store.raw_dir, SOURCE, SAMPLE_2023.name, content, max_bytes=len(content)
    )
    assert outcome.status == "accepted"


def test_workbook_without_bmo_sheet_is_rejected(store: Store, tmp_path: Path) -> None:
    content = edited_copy(SAMPLE_2025, tmp_path, "no_sheet.xlsx", lambda wb, ws: wb.remove(ws))
    findings = reject(store, "no_sheet.xlsx", content)
    assert located(findings) == [("no-data-sheet", "no_sheet.xlsx", None, None, None)]


def test_missing_xmet_column_is_located_at_the_header(store: Store, tmp_path: Path) -> None:
    def drop_xmet(_wb: Any, ws: Any) -> None:
        ws.delete_cols(column_of(ws, "xmet"))

    content = edited_copy(SAMPLE_2025, tmp_path, "no_xmet.xlsx", drop_xmet)
    findings = reject(store, "no_xmet.xlsx", content)
    assert located(findings) == [("missing-column", "no_xmet.xlsx", SHEET_2025, 1, None)]
    assert findings[0].params == {"column": "xmet"}


def test_unedited_openpyxl_copy_is_accepted(store: Store, tmp_path: Path) -> None:
    """Control: saving through openpyxl alone does not make the sample invalid."""
    content = edited_copy(SAMPLE_2025, tmp_path, "copy.xlsx", lambda _wb, _ws: None)
    outcome = ingest_file(store.engine, store.raw_dir, SOURCE, "copy.xlsx", content)
    assert (outcome.status, outcome.observation_count) == ("accepted", SAMPLE_2025_OBSERVATIONS)


def test_negative_count_is_located(store: Store, tmp_path: Path) -> None:
    content = edited_copy(
        SAMPLE_2025, tmp_path, "neg.xlsx", lambda _wb, ws: set_cell(ws, ROW_A, "met", "-5")
    )
    findings = reject(store, "neg.xlsx", content)
    assert [f.to_dict() for f in findings] == [
        {"code": "negative-count", "file": "neg.xlsx", "sheet": SHEET_2025, "row": ROW_A,
         "column": "met", "value": "-5"}
    ]  # fmt: skip


def test_non_numeric_count_is_located(store: Store, tmp_path: Path) -> None:
    content = edited_copy(
        SAMPLE_2025, tmp_path, "douze.xlsx", lambda _wb, ws: set_cell(ws, ROW_B, "met", "douze")
    )
    findings = reject(store, "douze.xlsx", content)
    assert [f.to_dict() for f in findings] == [
        {"code": "value-not-integer", "file": "douze.xlsx", "sheet": SHEET_2025, "row": ROW_B,
         "column": "met", "value": "douze"}
    ]  # fmt: skip


def test_difficult_above_hiring_is_located_on_xmet(store: Store, tmp_path: Path) -> None:
    def xmet_above_met(_wb: Any, ws: Any) -> None:
        met = get_cell(ws, ROW_A, "met")
        assert met == "90"
        set_cell(ws, ROW_A, "xmet", "91")

    content = edited_copy(SAMPLE_2025, tmp_path, "xmet.xlsx", xmet_above_met)
    findings = reject(store, "xmet.xlsx", content)
    assert [f.to_dict() for f in findings] == [
        {"code": "difficult-exceeds-hiring", "file": "xmet.xlsx", "sheet": SHEET_2025,
         "row": ROW_A, "column": "xmet", "value": "91", "params": {"reference": "90"}}
    ]  # fmt: skip


def test_malformed_bassin_code_is_located_under_its_header(store: Store, tmp_path: Path) -> None:
    content = edited_copy(
        SAMPLE_2025, tmp_path, "bassin.xlsx", lambda _wb, ws: set_cell(ws, ROW_B, "BE25", "32A6")
    )
    findings = reject(store, "bassin.xlsx", content)
    assert [f.to_dict() for f in findings] == [
        {"code": "malformed-bassin-code", "file": "bassin.xlsx", "sheet": SHEET_2025,
         "row": ROW_B, "column": "BE25", "value": "32A6"}
    ]  # fmt: skip


@pytest.mark.parametrize(("language", "word"), [("fr", "année"), ("nl", "jaar"), ("en", "year")])
def test_year_mismatch_message_names_the_bassin_column(
    store: Store, tmp_path: Path, language: str, word: str
) -> None:
    content = edited_copy(
        SAMPLE_2025, tmp_path, "year.xlsx", lambda _wb, ws: set_cell(ws, ROW_A, "annee", 2024)
    )
    [finding] = reject(store, "year.xlsx", content)
    assert located([finding]) == [("year-mismatch", "year.xlsx", SHEET_2025, ROW_A, "annee")]
    message = finding.message(language)
    assert word in message
    assert "2024" in message
    assert "BE25" in message


def test_every_error_of_a_file_is_reported(store: Store, tmp_path: Path) -> None:
    def five_errors(_wb: Any, ws: Any) -> None:
        set_cell(ws, ROW_A, "met", "douze")
        set_cell(ws, ROW_B, "BE25", "32A6")
        set_cell(ws, 2, "xmet", "143")  # met 142
        set_cell(ws, 3, "smet", "-3")
        set_cell(ws, 4, "met", None)

    content = edited_copy(SAMPLE_2025, tmp_path, "five.xlsx", five_errors)
    findings = reject(store, "five.xlsx", content)
    assert {(f.code, f.row, f.column) for f in findings} == {
        ("difficult-exceeds-hiring", 2, "xmet"),
        ("negative-count", 3, "smet"),
        ("missing-value", 4, "met"),
        ("value-not-integer", ROW_A, "met"),
        ("malformed-bassin-code", ROW_B, "BE25"),
    }
    assert len(findings) == len({f.code for f in findings}) == 5


# ---- the command line -------------------------------------------------------------------


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path) -> Iterator[None]:
    monkeypatch.setenv("CROSSBMO_DATABASE_URL", database_url)
    monkeypatch.setenv("CROSSBMO_VAR_DIR", str(tmp_path / "cli-var"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run_cli(*args: str) -> Result:
    return CliRunner().invoke(cli_app, list(args))


@pytest.fixture
def csv_as_xlsx(tmp_path: Path) -> Path:
    path = tmp_path / "bmo.xlsx"
    path.write_bytes(sample_as_csv())
    return path


@pytest.mark.usefixtures("cli_env")
def test_cli_rejects_a_bad_file_with_exit_1_and_its_code(csv_as_xlsx: Path) -> None:
    result = run_cli("ingest", SOURCE, str(csv_as_xlsx))
    assert result.exit_code == 1
    assert "not-a-workbook" in result.output
    assert "rejetée" in result.output  # French by default


@pytest.mark.usefixtures("cli_env")
def test_cli_lang_nl_prints_dutch(csv_as_xlsx: Path) -> None:
    result = run_cli("ingest", SOURCE, str(csv_as_xlsx), "--lang", "nl")
    assert result.exit_code == 1
    assert "geweigerd" in result.output
    assert "bestand bmo.xlsx" in result.output
    assert "rejetée" not in result.output


@pytest.mark.usefixtures("cli_env")
def test_cli_accepts_a_good_file_with_exit_0() -> None:
    result = run_cli("ingest", SOURCE, str(SAMPLE_2025), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert f"{SAMPLE_2025_OBSERVATIONS} records stored" in result.output
