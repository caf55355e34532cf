"""Content checks several adapters make the same way: one period per file, no repeated key,
places outside the covered area."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from services.harmonizer.errors import Finding


def other_periods(
    frame: pd.DataFrame, column: str, file_name: str, is_period: Callable[[str], bool] = bool
) -> list[Finding]:
    """A file is for one period: rows holding another period than the first row's are errors.

    ``is_period`` says which cells to compare (by default the filled ones); the raw schema
    reports the others."""
    first = frame[column].iloc[0]
    other = frame[(frame[column] != first) & frame[column].map(is_period)]
    return [
        Finding("invalid-period", file=file_name, row=int(row), column=column, value=value)
        for row, value in other[column].items()
    ]


def sole_value(frame: pd.DataFrame, column: str) -> str | None:
    """The value ``column`` has in every row (a file's period); None when it has several."""
    values = set(frame[column])
    return values.pop() if len(values) == 1 else None


def repeated_keys(
    frame: pd.DataFrame,
    keys: list[str],
    *,
    code: str,
    column: str,
    file_name: str,
    filled: str | None = None,
    params: Mapping[str, str] | None = None,
    header: str | None = None,
    sheet: str | None = None,
) -> list[Finding]:
    """One finding per row whose ``keys`` an earlier row already had, located at ``column``.

    ``filled``: rows where that column is empty are left to the raw schema. ``params``: finding
    parameter → column holding its value. ``header``: the column's name in the file."""
    repeated = frame.duplicated(subset=keys, keep="first")
    if filled is not None:
        repeated &= frame[filled] != ""
    rows = frame[repeated]
    return [
        Finding(
            code,
            file=file_name,
            sheet=sheet,
            row=int(row),
            column=header or column,
            value=str(rows.at[row, column]),
            params={name: str(rows.at[row, source]) for name, source in (params or {}).items()},
        )
        for row in rows.index
    ]


def outside_area(count: int, file_name: str, area: str) -> list[Finding]:
    """One warning counting the rows left out because they lie outside the covered area."""
    if not count:
        return []
    params = {"count": str(count), "area": area}
    return [Finding("outside-reference-area", file=file_name, params=params, severity="warning")]


def span_of(periods: list[str]) -> str | None:
    """The submission period of a file holding these sorted periods: one, or `first..last`."""
    if not periods:
        return None
    return periods[0] if len(periods) == 1 else f"{periods[0]}..{periods[-1]}"
