"""Derive the bundled BMO samples: the Hauts-de-France rows (REG = 32) of the national workbooks.

Run from the repository root with ../shared present:
    .venv/bin/python tools/derive_bmo_samples.py
Cells are copied verbatim (text counts, "*" secrets, numeric bassin codes), sheet names, column
order and the description sheet are kept, so the sample is the official format, only shorter.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

SHARED = Path("../shared/data/france_travail/bmo")
OUT = Path("data/samples/france_travail_bmo")
YEARS = (2023, 2025)
REGION = "32"


def derive(year: int) -> Path:
    source = CalamineWorkbook.from_path(str(SHARED / f"Base_open_data_BMO_{year}.xlsx"))
    target = Workbook()
    target.remove(target.active)
    for name in source.sheet_names:
        rows = source.get_sheet_by_name(name).to_python()
        sheet = target.create_sheet(name)
        header = rows[0]
        reg = header.index("REG") if "REG" in header else None
        for row in rows:
            if reg is None or row is header or str(row[reg]) == REGION:
                sheet.append(
                    [int(c) if isinstance(c, float) and c.is_integer() else c for c in row]
                )
    path = OUT / f"Base_open_data_BMO_{year}_Hauts-de-France_REG32_DERIVED.xlsx"
    target.save(path)
    return path


def main() -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} is absent: the samples are derived from the shared national files.")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for year in YEARS:
        print(derive(year))
    return 0


if __name__ == "__main__":
    sys.exit(main())
