"""Raw schema of a VDAB Arvastat export (text cells, as read by the adapter).

Checks are named after the stable error codes they raise (services/harmonizer/errors.py).
Counts are whole numbers, written with Dutch thousands separators ("1.383") or a zero decimal
part ("1383,0") in CSV exports, or "-" where Arvastat suppresses a count of 1 to 3.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import filled, value_check

SUPPRESSED: Final = "-"
COUNT: Final = re.compile(r"(\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+)(?:,0+)?")
NEGATIVE: Final = re.compile(r"-\s*\d+([.,]\d+)*")
MONTH_YEAR: Final = re.compile(r"([^\W\d_]+)\s+(\d{4})")
# Arvastat writes English month names in the monthly variant and Dutch ones in period labels.
MONTHS: Final[dict[str, int]] = {
    **{
        name: number
        for number, name in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            1,
        )
    },
    **{
        name: number
        for number, name in enumerate(
            (
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ),
            1,
        )
    },
}


def month_number(text: str) -> tuple[int, int] | None:
    """(year, month) of "January 2024" / "januari 2024", or None."""
    match = MONTH_YEAR.fullmatch(text.strip())
    if match is None or match.group(1).lower() not in MONTHS:
        return None
    return int(match.group(2)), MONTHS[match.group(1).lower()]


def count_value(text: str) -> int | None:
    """The whole number a published count cell shows, or None (suppressed or malformed)."""
    match = COUNT.fullmatch(text)
    if match is None:
        return None
    return int(re.sub(r"\D", "", match.group(1)))


def _is_count_cell(value: str) -> bool:
    # Blank and negative cells are reported by their own checks.
    is_negative = NEGATIVE.fullmatch(value) is not None
    return value in ("", SUPPRESSED) or is_negative or COUNT.fullmatch(value) is not None


COUNT_CHECKS: Final = [
    filled(),
    value_check(lambda value: NEGATIVE.fullmatch(value) is None, "negative-count"),
    value_check(_is_count_cell, "value-not-count"),
]


def raw_schema(monthly: bool) -> pa.DataFrameSchema:
    """Schema of the beroep rows (the Totaal row is checked against them separately)."""
    columns = {
        "hoofdberoepsgroep": pa.Column(str, checks=[filled()]),
        "beroepsgroep": pa.Column(str, checks=[filled()]),
        "beroep": pa.Column(str, checks=[filled()]),
        "totaal": pa.Column(str, checks=COUNT_CHECKS),
    }
    if monthly:
        columns["month"] = pa.Column(
            str,
            checks=[
                filled(),
                value_check(lambda v: v == "" or month_number(v) is not None, "unknown-month"),
            ],
        )
    return pa.DataFrameSchema(columns, strict=False, name="vdab-arvastat-raw")
