"""Build VDAB test files from the bundled real samples: edited copies, CSV and monthly variants."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from services.harmonizer.store.models import Observation, ShortageSignal, Submission
from tests.conftest import ROOT

VDAB_SAMPLES = ROOT / "data" / "samples" / "vdab"
ARVASTAT_SAMPLE = (
    VDAB_SAMPLES / "arvastat_ontvangen_vacatures_bouw_2026-04_REBUILT_from_embuild_csv.xlsx"
)
SHORTAGE_SAMPLE = VDAB_SAMPLES / "vdab_knelpuntberoepen_2026_SECONDARY_lexpat_contract.csv"
VACANCIES_SAMPLE = VDAB_SAMPLES / "vdab_vacancies_2026-Q1_SYNTHETIC.json"
SHORTAGE_SYNTHETIC = (
    ROOT / "tests" / "fixtures" / "vdab" / "vdab_knelpuntberoepen_2026_SYNTHETIC_reasons.csv"
)
ARVASTAT_TOTAL = 17_868
ARVASTAT_BEROEPEN = 277
HEADER_ROW = 6  # spreadsheet row of the header in the rebuilt sample
Rows = list[list[Any]]


def arvastat_rows() -> Rows:
    """The sample's Data sheet as Python values (row i of the list = spreadsheet row i + 1)."""
    sheet = CalamineWorkbook.from_path(str(ARVASTAT_SAMPLE)).get_sheet_by_name("Data")
    return [list(row) for row in sheet.to_python()]


def xlsx(rows: Rows, sheet_name: str = "Data") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_name
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_text(cell: Any) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell)


def delimited(rows: Rows, encoding: str = "utf-8", separator: str = ";") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(
        [[as_text(cell) for cell in row] for row in rows]
    )
    return buffer.getvalue().encode(encoding)


def row_of(rows: Rows, beroep: str) -> int:
    """Spreadsheet row number of a beroep in the sample."""
    return next(i + 1 for i, row in enumerate(rows) if len(row) > 2 and row[2] == beroep)


def monthly_rows(months: list[str], per_month: int = 5) -> Rows:
    """A month-by-month export built from the sample's first beroepen (its real values)."""
    rows = arvastat_rows()
    data = rows[HEADER_ROW : HEADER_ROW + per_month]
    result: Rows = [["Ontvangen vacatures"], [], [], [], []]
    result.append(["", "Hoofdberoepsgroep", "Beroepsgroep", "Beroep", "Totaal"])
    for month in months:
        result += [[month, *row[:4]] for row in data]
        result.append([month, "", "", "Totaal", sum(int(row[3]) for row in data)])
    return result


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """What a rejected file must not touch: stored figures, signals and kept submissions."""
    with Session(engine) as session:
        figures = session.execute(
            select(Observation.submission_id, func.count(), func.sum(Observation.value))
            .group_by(Observation.submission_id)
            .order_by(Observation.submission_id)
        ).all()
        signals = session.execute(
            select(ShortageSignal.submission_id, func.count())
            .group_by(ShortageSignal.submission_id)
            .order_by(ShortageSignal.submission_id)
        ).all()
        kept = session.execute(
            select(Submission.id, Submission.status)
            .where(Submission.status != "rejected")
            .order_by(Submission.id)
        ).all()
    return {
        "figures": [tuple(row) for row in figures],
        "signals": [tuple(row) for row in signals],
        "submissions": [tuple(row) for row in kept],
    }


def located(findings: list[Any]) -> list[tuple[Any, ...]]:
    return [(f.code, f.sheet, f.row, f.column) for f in findings]


def read(path: Path) -> bytes:
    return path.read_bytes()
