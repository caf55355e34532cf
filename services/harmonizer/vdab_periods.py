"""Arvastat period labels ("mei 2025 - april 2026") → canonical period and period type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from schemas.raw.vdab_arvastat import month_number

RANGE: Final = re.compile(r"(.+?)\s+[-–]\s+(.+)")
QUARTER_STARTS: Final = (1, 4, 7, 10)


@dataclass(frozen=True)
class Period:
    period: str  # canonical: the last time unit covered, e.g. 2026-M04
    period_type: str  # year | quarter | month | rolling_12_months
    submission_period: str  # what a corrected file of the same window supersedes


class PeriodError(ValueError):
    """A label that cannot be read; ``code`` is the error code, ``params`` its parameters."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def month_period(year: int, month: int) -> str:
    return f"{year}-M{month:02d}"


def parse_period_label(label: str) -> Period:
    """A month, quarter, calendar year or 12 consecutive months; raises PeriodError."""
    match = RANGE.fullmatch(label.strip())
    parts = match.groups() if match else (label, label)
    bounds = [month_number(part) for part in parts]
    if None in bounds:
        has_year = all(re.search(r"\d{4}", part) for part in parts)
        raise PeriodError("unknown-month" if has_year else "malformed-period-label")
    (first_year, first_month), (last_year, last_month) = bounds  # type: ignore[misc]
    months = (last_year * 12 + last_month) - (first_year * 12 + first_month) + 1
    last = month_period(last_year, last_month)
    if months == 1:
        return Period(last, "month", last)
    if months == 3 and first_month in QUARTER_STARTS:
        quarter = f"{last_year}-Q{(last_month - 1) // 3 + 1}"
        return Period(quarter, "quarter", quarter)
    if months == 12 and first_month == 1:
        return Period(str(last_year), "year", str(last_year))
    if months == 12:
        # The ISO 8601 interval keeps a rolling window apart from the single month it ends in.
        interval = f"{first_year}-{first_month:02d}/{last_year}-{last_month:02d}"
        return Period(last, "rolling_12_months", interval)
    raise PeriodError("unsupported-period-span", months=str(months))


def series_submission_period(months: list[tuple[int, int]]) -> str:
    """A month-by-month file is identified by its first and last month: 2024-01..2024-12."""
    first, last = min(months), max(months)
    return f"{first[0]}-{first[1]:02d}..{last[0]}-{last[1]:02d}"
