"""Rewrite a BMO sample workbook sheet by sheet (calamine in, openpyxl out) for the tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from python_calamine import CalamineWorkbook

Rows = list[list[Any]]


def read_sheets(path: Path) -> dict[str, Rows]:
    """Every sheet of ``path`` as rows of Python values, in workbook order."""
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def data_sheet_name(sheets: dict[str, Rows]) -> str:
    """The sheet whose first row holds the BMO count headers."""
    for name, rows in sheets.items():
        if rows and {"met", "xmet", "smet"} <= {str(cell) for cell in rows[0]}:
            return name
    raise AssertionError("no BMO data sheet")


def _cell(value: Any) -> Any:
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def rewrite(
    source: Path, target: Path, transform: Callable[[dict[str, Rows]], dict[str, Rows]]
) -> Path:
    """Write ``transform(sheets of source)`` to ``target`` (XLSX) and return ``target``."""
    workbook = openpyxl.Workbook(write_only=True)
    for name, rows in transform(read_sheets(source)).items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append([_cell(value) for value in row])
    workbook.save(target)
    return target
