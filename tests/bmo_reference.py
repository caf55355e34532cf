"""Independent reading of a BMO workbook with pandas, to check the service's figures against."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

COUNTS = ("met", "xmet", "smet")


def read_reference(path: Path) -> pd.DataFrame:
    """The data sheet as pandas reads it: the sheet whose header has `met`, counts as text."""
    sheets = pd.read_excel(path, sheet_name=None, engine="calamine", dtype=str)
    for frame in sheets.values():
        if {"met", "xmet", "smet"} <= set(frame.columns):
            return frame
    raise AssertionError(f"no BMO sheet in {path}")


def bassin_column(frame: pd.DataFrame) -> str:
    return next(c for c in frame.columns if c.startswith("BE") and c[2:].isdigit())


def published_sum(frame: pd.DataFrame, column: str) -> int:
    cells = frame[column]
    return int(pd.to_numeric(cells[cells != "*"]).sum())


def secret_count(frame: pd.DataFrame) -> int:
    return int(sum((frame[column] == "*").sum() for column in COUNTS))
