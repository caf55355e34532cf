"""Turn pandera failure cases into coded, located findings (one per cell and error code)."""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import pandera.pandas as pa

from services.harmonizer.errors import Finding, finding_order

# Frame-level checks and the column whose cell they blame.
FRAME_CHECK_COLUMNS: Final = {
    "difficult-exceeds-hiring": "xmet",
    "seasonal-exceeds-hiring": "smet",
}
REFERENCE_COLUMN: Final = "met"


def validate_frame(
    schema: pa.DataFrameSchema,
    frame: pd.DataFrame,
    *,
    file_name: str,
    sheet: str | None,
    headers: dict[str, str],
) -> list[Finding]:
    """Every finding of ``schema`` on ``frame`` (lazy), located by sheet, row and header."""
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return []
    located = _LocatedFinding(frame, file_name=file_name, sheet=sheet, headers=headers)
    column_cases: list[dict[str, Any]] = _column_cases(cases).to_dict("records")  # type: ignore[assignment]
    frame_cases: list[dict[str, Any]] = _frame_cases(cases).to_dict("records")  # type: ignore[assignment]
    findings = [located.column_case(case) for case in column_cases]
    findings += [located.frame_case(case) for case in frame_cases]
    return sorted(findings, key=finding_order)


def _column_cases(cases: pd.DataFrame) -> pd.DataFrame:
    return cases[cases["schema_context"] == "Column"]


def _frame_cases(cases: pd.DataFrame) -> pd.DataFrame:
    """Frame-level checks report every column of a failing row: keep one case per row."""
    frame_cases = cases[cases["schema_context"] == "DataFrameSchema"]
    return frame_cases.drop_duplicates(subset=["check", "index"])


class _LocatedFinding:
    def __init__(
        self, frame: pd.DataFrame, *, file_name: str, sheet: str | None, headers: dict[str, str]
    ) -> None:
        self.frame = frame
        self.file_name = file_name
        self.sheet = sheet
        self.headers = headers

    def _finding(
        self,
        code: str,
        row: int,
        column: str | None,
        value: str | None = None,
        params: dict[str, str] | None = None,
    ) -> Finding:
        header = self.headers.get(column, column) if column else None
        return Finding(
            code,
            file=self.file_name,
            sheet=self.sheet,
            row=row,
            column=header,
            value=value,
            params=params or {},
        )

    def column_case(self, case: dict[str, Any]) -> Finding:
        value = case["failure_case"]
        text = None if pd.isna(value) else str(value)
        return self._finding(str(case["check"]), int(case["index"]), str(case["column"]), text)

    def frame_case(self, case: dict[str, Any]) -> Finding:
        code = str(case["check"])
        row = int(case["index"])
        cells = self.frame.loc[row]
        if code in FRAME_CHECK_COLUMNS:
            column = FRAME_CHECK_COLUMNS[code]
            reference = {"reference": str(cells[REFERENCE_COLUMN])}
            return self._finding(code, row, column, str(cells[column]), reference)
        params = {
            "bassin": str(cells["bassin_code"]),
            "department": str(cells["department_code"]) or "-",
            "occupation": str(cells["occupation_code"]),
        }
        return self._finding(code, row, None, params=params)
