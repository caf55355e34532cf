"""VDAB Arvastat export (XLSX sheet `Data`, or the same layout as CSV) → raw DataFrame of beroepen.

Quirks, dated (layout read from a parser of real 2017–2026 exports, gehuybre/embuild-analyses
`apps/vacatures/scripts/process_data.py` @8afffc6, see docs/formats-belgium.md §1.2):
- A1 holds the title ("Ontvangen vacatures"), A4 the period label ("mei 2025 - april 2026");
  the header `Hoofdberoepsgroep | Beroepsgroep | Beroep | Totaal` follows, found by content.
- The monthly variant puts a month column ("January 2024", English) before the hierarchy.
- The last row has Beroep = "Totaal". Counts of 1–3 may be suppressed as "-".
- 2026-12: exports carry notes below that row (a blank row, then "Bron: VDAB Arvastat", sometimes
  an extraction date): the table stops at the last "Totaal" row, each note is a warning.
- Labels only: the export carries no occupation code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import pandas as pd

from services.harmonizer.adapters.base import RawTable
from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.readers.delimited import read_delimited
from services.harmonizer.readers.workbook import (
    OLE2_MAGIC,
    ZIP_MAGIC,
    as_text,
    normalize_header,
    open_workbook,
)

DATA_SHEET: Final = "Data"
HEADER: Final = ("hoofdberoepsgroep", "beroepsgroep", "beroep", "totaal")
HEADER_TEXT: Final = "Hoofdberoepsgroep | Beroepsgroep | Beroep | Totaal"
HEADER_SCAN_ROWS: Final = 20
TOTAL_LABEL: Final = "totaal"
RAW_COLUMNS: Final = ("month", *HEADER)


@dataclass(frozen=True, kw_only=True)
class RawArvastat(RawTable):
    """The data rows as text cells, indexed by row number (1-based); the Totaal row apart."""

    title: str
    header_row: int
    monthly: bool
    preamble: dict[int, str]  # row number → text of column A above the header
    totals: pd.DataFrame  # the "Totaal" row(s): month, totaal


def _cells(
    content: bytes, file_name: str
) -> tuple[list[list[str]], str | None, dict[str, str], list[Finding]]:
    """Text cells of the data sheet (XLSX/XLS) or of the CSV file."""
    if content.startswith((ZIP_MAGIC, OLE2_MAGIC)):
        sheets = open_workbook(content, file_name)
        by_name = {sheet.name.strip().lower(): sheet for sheet in sheets}
        sheet = by_name.get(DATA_SHEET.lower())
        if sheet is None:
            params = {"sheet_name": DATA_SHEET, "sheets": ", ".join(s.name for s in sheets)}
            raise ValidationFailed([Finding("missing-sheet", file=file_name, params=params)])
        rows = [[as_text(cell) for cell in row] for row in sheet.rows]
        return rows, sheet.name, {"format": "xlsx"}, []
    table = read_delimited(content, file_name)
    stats = {"format": "csv", "encoding": table.encoding, "separator": table.separator}
    return table.rows, None, stats, table.warnings


def find_header(rows: list[list[str]]) -> tuple[int, int] | None:
    """(row index, column of Hoofdberoepsgroep) of the header row, found by its content."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        labels = [normalize_header(cell) for cell in row]
        for start in range(len(labels) - len(HEADER) + 1):
            if tuple(labels[start : start + len(HEADER)]) == HEADER:
                return index, start
    return None


def read_arvastat(content: bytes, file_name: str) -> RawArvastat:
    """Read an Arvastat export; raises ValidationFailed when its layout cannot be used."""
    rows, sheet, stats, warnings = _cells(content, file_name)
    found = find_header(rows)
    if found is None:
        params = {"header": HEADER_TEXT, "rows": str(HEADER_SCAN_ROWS)}
        raise ValidationFailed(
            [*warnings, Finding("no-header", file=file_name, sheet=sheet, params=params)]
        )
    header_index, start = found
    monthly = start > 0
    positions = {name: start + offset for offset, name in enumerate(HEADER)}
    if monthly:
        positions["month"] = start - 1
    frame = _frame(rows[header_index + 1 :], positions, first_row=header_index + 2)
    frame, notes = _notes_below_table(frame, file_name, sheet)
    is_total = frame["beroep"].str.lower() == TOTAL_LABEL
    header = rows[header_index]
    return RawArvastat(
        file_name=file_name,
        frame=frame.loc[~is_total],
        sheet=sheet,
        title=rows[0][0] if rows and rows[0] else "",
        header_row=header_index + 1,
        monthly=monthly,
        preamble={i + 1: row[0] for i, row in enumerate(rows[1:header_index], 1) if row and row[0]},
        totals=frame.loc[is_total, ["month", "totaal"]],
        headers={name: header[pos] for name, pos in positions.items()},
        stats=stats,
        warnings=warnings + notes,
    )


def _notes_below_table(
    frame: pd.DataFrame, file_name: str, sheet: str | None
) -> tuple[pd.DataFrame, list[Finding]]:
    """The rows up to the last "Totaal" row, and a warning for each row below it (a note)."""
    totals = frame.index[frame["beroep"].str.lower() == TOTAL_LABEL]
    if totals.empty:
        return frame, []  # no end of table: every row is checked as data (missing-total-row)
    below = frame.loc[frame.index > totals.max()]
    notes = [
        Finding(
            "note-below-table",
            file=file_name,
            sheet=sheet,
            row=int(row),
            value=" ".join(cell for cell in cells if cell),
            severity="warning",
        )
        for row, cells in zip(below.index, below.itertuples(index=False), strict=True)
    ]
    return frame.loc[frame.index <= totals.max()], notes


def _frame(rows: list[list[str]], positions: dict[str, int], first_row: int) -> pd.DataFrame:
    """Cells of the known columns; blank rows dropped; index = row number in the file."""
    width = max(positions.values()) + 1
    padded = [(row + [""] * width)[:width] for row in rows]
    cells = pd.DataFrame(padded, dtype=object, columns=range(width))
    cells.index = pd.RangeIndex(first_row, first_row + len(cells), name="row")
    frame = (
        pd.DataFrame(
            {name: cells[positions[name]] if name in positions else "" for name in RAW_COLUMNS},
            index=cells.index,
        )
        .fillna("")
        .astype(str)
    )
    blank = (frame[list(HEADER)] == "").all(axis=1) & (frame["month"] == "")
    return frame.loc[~blank]
