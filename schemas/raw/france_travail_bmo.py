"""Raw schema of the France Travail BMO survey sheet (text cells, as read by the adapter).

Each check is named after the stable error code it raises, so that a pandera failure case maps
one-to-one to a coded, located finding. Checks judge each *distinct* value once and map the
verdict back with ``isin``: a national sheet has 50 000 rows but only a few thousand distinct
cells per column, and pandas' python-backed strings make per-row regexes slow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import pandas as pd
import pandera.pandas as pa

from schemas.raw.checks import filled, value_check
from schemas.raw.codes import YEAR

COUNT_COLUMNS: Final = ("met", "xmet", "smet")
SECRET: Final = "*"
WHOLE_NUMBER: Final = re.compile(r"\d+")
NEGATIVE_NUMBER: Final = re.compile(r"-\s*\d+([.,]\d+)?")
OCCUPATION_CODE: Final = re.compile(r"[A-Z][0-9A-Z][0-9A-Z][0-9]{2}")  # A0Z40, T2A60, QAX01
BASSIN_CODE: Final = re.compile(r"\d{3,4}")
# A bassin that spans several départements has one row per département (e.g. 1117 Marne la
# Vallée: 77 and 91), so a cell is a bassin × département × métier.
CELL_KEY: Final = ["bassin_code", "department_code", "occupation_code"]


def _blank_or(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Blank cells are left to the missing-value check."""
    return lambda value: value == "" or pattern.fullmatch(value) is not None


def _is_count_or_blank(value: str) -> bool:
    return value in ("", SECRET) or bool(WHOLE_NUMBER.fullmatch(value) or _is_negative(value))


def _is_negative(value: str) -> bool:
    return NEGATIVE_NUMBER.fullmatch(value) is not None


def _count_checks() -> list[pa.Check]:
    return [
        filled(),
        value_check(lambda value: not _is_negative(value), "negative-count"),
        value_check(_is_count_or_blank, "value-not-integer"),
    ]


def published_counts(series: pd.Series) -> pd.Series:
    """Whole-number cells as numbers; secret, blank or malformed cells as NaN."""
    numbers = {value: int(value) for value in series.unique() if WHOLE_NUMBER.fullmatch(value)}
    return series.map(numbers).astype("float64")


def _not_above_hiring(column: str, code: str) -> pa.Check:
    """xmet/smet ≤ met where both are published counts."""

    def check(frame: pd.DataFrame) -> pd.Series:
        above = published_counts(frame[column]) > published_counts(frame["met"])
        return ~above

    return pa.Check(check, name=code)


def _unique_cells(frame: pd.DataFrame) -> pd.Series:
    return ~frame.duplicated(subset=CELL_KEY, keep="first")


def raw_schema(survey_year: int) -> pa.DataFrameSchema:
    """Schema of one BMO sheet whose bassin column names the given survey year."""
    expected_year = str(survey_year)
    columns = {
        "year": pa.Column(
            str,
            checks=[
                value_check(_blank_or(YEAR), "invalid-year"),
                value_check(
                    lambda value: not YEAR.fullmatch(value) or value == expected_year,
                    "year-mismatch",
                ),
            ],
        ),
        "occupation_code": pa.Column(
            str,
            checks=[
                filled(),
                value_check(_blank_or(OCCUPATION_CODE), "malformed-occupation-code"),
            ],
        ),
        "occupation_label": pa.Column(str, checks=[filled()]),
        "bassin_code": pa.Column(
            str, checks=[filled(), value_check(_blank_or(BASSIN_CODE), "malformed-bassin-code")]
        ),
        "bassin_label": pa.Column(str, checks=[filled()]),
        **{column: pa.Column(str, checks=_count_checks()) for column in COUNT_COLUMNS},
    }
    return pa.DataFrameSchema(
        columns,
        checks=[
            _not_above_hiring("xmet", "difficult-exceeds-hiring"),
            _not_above_hiring("smet", "seasonal-exceeds-hiring"),
            pa.Check(_unique_cells, name="duplicate-cell"),
        ],
        strict=False,
        name="france-travail-bmo-raw",
    )
