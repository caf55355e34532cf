"""Edit single cells of a bundled BMO sample with openpyxl (bad inputs, corrected files)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

SHEET_2025 = "BMO_2025_open_data"
Edit = Callable[[Workbook, Worksheet], None]


def edited_copy(
    source: Path, tmp_path: Path, name: str, edit: Edit, sheet: str = SHEET_2025
) -> bytes:
    """The bytes of ``source`` after ``edit(workbook, data sheet)``, saved as tmp_path/name."""
    workbook = openpyxl.load_workbook(source)
    edit(workbook, workbook[sheet])
    target = tmp_path / name
    workbook.save(target)
    return target.read_bytes()


def column_of(sheet: Worksheet, header: str) -> int:
    """The 1-based column whose header (spreadsheet row 1) is ``header``."""
    for cell in sheet[1]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def set_cell(sheet: Worksheet, row: int, header: str, value: object) -> None:
    sheet.cell(row=row, column=column_of(sheet, header)).value = value


def get_cell(sheet: Worksheet, row: int, header: str) -> object:
    return sheet.cell(row=row, column=column_of(sheet, header)).value
