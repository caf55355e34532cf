"""Column checks shared by the raw schemas; each is named after the error code it raises.

They judge each *distinct* value once and map the verdict back with ``isin``: exports repeat a
few thousand distinct cells over tens of thousands of rows, and pandas' python-backed strings
make per-row work slow.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa


def value_check(is_valid: Callable[[str], bool], code: str) -> pa.Check:
    """A column check that calls ``is_valid`` once per distinct value."""

    def check(series: pd.Series) -> pd.Series:
        return ~series.isin([value for value in series.unique() if not is_valid(value)])

    # Raw cells are text, never missing: no need for pandera to drop NAs first (ignore_na).
    return pa.Check(check, name=code, ignore_na=False)


def filled() -> pa.Check:
    """Cells must not be blank (code ``missing-value``)."""
    return value_check(lambda value: value != "", "missing-value")


def blank_or(is_valid: Callable[[str], bool], code: str) -> pa.Check:
    """Cells must pass ``is_valid``; blank ones are left to ``filled()``."""
    return value_check(lambda value: value == "" or is_valid(value), code)


def unique_values(series: pd.Series) -> pd.Series:
    """Each non-blank value once: later repeats fail (the first stays valid)."""
    return ~series.duplicated(keep="first") | (series == "")


def matches(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Whether a whole cell has the shape of ``pattern``."""
    return lambda value: pattern.fullmatch(value) is not None
