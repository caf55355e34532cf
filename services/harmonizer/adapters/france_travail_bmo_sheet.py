"""France Travail BMO survey workbook (any year) → raw DataFrame with one row per bassin × métier.

Quirks, dated:
- 2023 (BMO_2023_open_data): bassin columns come before Dept/REG; 2024+ put REG first.
- Every year renames the bassin columns after the survey year: BE23/NOMBE23, BE25/NOMBE25, …
- Sheet names vary ("Description des variables" vs "Description_des_variables"), so the data
  sheet is found by its header, not by name; header labels vary in case, accents and spaces.
- Counts are text cells, "*" marks the statistical secret; bassin codes are numeric cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import pandas as pd

from services.harmonizer.adapters.base import RawTable
from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.readers.workbook import (
    Cell,
    Sheet,
    as_text,
    normalize_header,
    open_workbook,
)

HEADER_SCAN_ROWS: Final = 30
MIN_HEADER_MATCHES: Final = 3
BASSIN_CODE = re.compile(r"^be(\d{2})$")
BASSIN_LABEL = re.compile(r"^nombe(\d{2})$")

# raw column → accepted header spellings, after normalize_header()
ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "year": ("annee",),
    "occupation_code": ("code_metier_bmo", "code_metier", "metier"),
    "occupation_label": ("nom_metier_bmo", "nom_metier", "libelle_metier_bmo", "lbl_metier"),
    "family_code": ("famille_met", "famille_metier", "code_famille_metier"),
    "family_label": ("lbl_fam_met", "libelle_de_famille_de_metier", "libelle_famille_metier"),
    "region_code": ("reg", "code_reg", "region"),
    "region_label": ("nom_reg", "nomreg", "libelle_region"),
    "department_code": ("dept", "dep", "departement", "code_dept"),
    "department_label": ("nomdept", "nom_dept", "libelle_departement"),
    "met": ("met",),
    "xmet": ("xmet",),
    "smet": ("smet",),
}
REQUIRED: Final = (
    "occupation_code",
    "occupation_label",
    "bassin_code",
    "bassin_label",
    "met",
    "xmet",
    "smet",
)
RAW_COLUMNS: Final = (*ALIASES.keys(), "bassin_code", "bassin_label")


@dataclass(frozen=True, kw_only=True)
class RawBmo(RawTable):
    """The data sheet as text cells, indexed by spreadsheet row number (1-based); `headers`
    maps each raw column to its header as written in the file."""

    header_row: int
    bassin_vintage: str  # "BE25"
    survey_year: int


def match_header(row: list[Cell]) -> dict[str, int]:
    """Raw column → position, for the cells of ``row`` that are known BMO headers."""
    found: dict[str, int] = {}
    for position, cell in enumerate(row):
        label = normalize_header(cell)
        if BASSIN_CODE.match(label):
            found.setdefault("bassin_code", position)
        elif BASSIN_LABEL.match(label):
            found.setdefault("bassin_label", position)
        else:
            for column, spellings in ALIASES.items():
                if label in spellings:
                    found.setdefault(column, position)
    return found


def find_header(sheets: list[Sheet], file_name: str) -> tuple[Sheet, int, dict[str, int]]:
    """The sheet and row whose cells match the most BMO headers."""
    best: tuple[Sheet, int, dict[str, int]] | None = None
    for sheet in sheets:
        for index, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            found = match_header(row)
            if best is None or len(found) > len(best[2]):
                best = (sheet, index, found)
    if best is None or len(best[2]) < MIN_HEADER_MATCHES:
        raise ValidationFailed([Finding("no-data-sheet", file=file_name)])
    return best


def read_bmo(content: bytes, file_name: str) -> RawBmo:
    """Read a BMO workbook; raises ValidationFailed when its structure cannot be used."""
    sheets = open_workbook(content, file_name)
    sheet, header_index, positions = find_header(sheets, file_name)
    header = sheet.rows[header_index]
    header_row = header_index + 1
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        raise ValidationFailed(
            [
                Finding(
                    "missing-column",
                    file=file_name,
                    sheet=sheet.name,
                    row=header_row,
                    params={"column": _expected_header(column)},
                )
                for column in missing
            ]
        )
    frame = _frame(sheet.rows[header_index + 1 :], positions, first_row=header_row + 1)
    if frame.empty:
        raise ValidationFailed([Finding("no-data-rows", file=file_name, sheet=sheet.name)])
    yy = BASSIN_CODE.match(normalize_header(header[positions["bassin_code"]]))
    assert yy is not None  # match_header only records a bassin column that matches
    vintage = f"BE{yy.group(1)}"
    return RawBmo(
        file_name=file_name,
        frame=frame,
        stats={"rows": len(frame), "sheet": sheet.name, "bassin_vintage": vintage},
        sheet=sheet.name,
        header_row=header_row,
        headers={column: str(header[pos]).strip() for column, pos in positions.items()},
        bassin_vintage=vintage,
        survey_year=2000 + int(yy.group(1)),
    )


def _expected_header(column: str) -> str:
    return {"bassin_code": "BE<yy>", "bassin_label": "NOMBE<yy>"}.get(column, column)


def _frame(rows: list[list[Cell]], positions: dict[str, int], first_row: int) -> pd.DataFrame:
    """Text cells of the known columns; blank rows dropped; index = spreadsheet row number."""
    width = max(positions.values()) + 1
    cells = pd.DataFrame([row[:width] for row in rows], dtype=object)
    cells.index = pd.RangeIndex(first_row, first_row + len(cells), name="row")
    cells = cells.reindex(columns=range(width))
    frame = pd.DataFrame(
        {column: _as_text_column(cells[pos]) for column, pos in positions.items()},
        index=cells.index,
    )
    for column in RAW_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    blank = (frame == "").all(axis=1)
    return frame.loc[~blank, list(RAW_COLUMNS)].astype(str)


def _as_text_column(column: pd.Series) -> pd.Series:
    """as_text() once per distinct cell value (a sheet repeats its values a lot)."""
    texts = {value: as_text(value) for value in column.unique()}
    return column.map(texts).fillna("")
