"""Canonical observation schema: one value per row, long format, shared by every source."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import pandas as pd
import pandera.pandas as pa

PERIOD: Final = re.compile(r"\d{4}(-(Q[1-4]|M\d{2}))?")  # 2025, 2025-Q2, 2025-M04
OBS_STATUS: Final = ("A", "O")  # SDMX CL_OBS_STATUS: A normal value, O missing value
CONF_STATUS: Final = ("F", "C")  # SDMX CL_CONF_STATUS: F free, C confidential (secret)
BMO_INDICATORS: Final = ("hiring_projects", "difficult_hiring_projects", "seasonal_hiring_projects")
OBSERVATION_COLUMNS: Final = (
    "dataset",
    "period",
    "geo_system",
    "geo_vintage",
    "geo_code",
    "geo_label",
    "geo_department",
    "occupation_system",
    "occupation_version",
    "occupation_code",
    "occupation_label",
    "indicator",
    "value",
    "obs_status",
    "conf_status",
)


def _distinct(is_valid: Callable[[str], bool], code: str) -> pa.Check:
    """Judge each distinct value once: 150 000 observations repeat a few thousand texts."""

    def check(series: pd.Series) -> pd.Series:
        return ~series.isin([value for value in series.dropna().unique() if not is_valid(value)])

    return pa.Check(check, name=code)


def _is_period(value: str) -> bool:
    return PERIOD.fullmatch(value) is not None


def _text(*checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(str, checks=[_distinct(bool, "empty-text"), *checks], nullable=nullable)


def _secret_has_no_value(frame: pd.DataFrame) -> pd.Series:
    """A confidential cell is *unknown*: no value, never 0; a free cell always has one."""
    confidential = frame["conf_status"] == "C"
    return confidential == frame["value"].isna()


OBSERVATION_SCHEMA: Final = pa.DataFrameSchema(
    {
        "dataset": _text(),
        "period": _text(_distinct(_is_period, "malformed-period")),
        "geo_system": _text(),
        "geo_vintage": _text(),
        "geo_code": _text(),
        "geo_label": _text(),
        "geo_department": _text(nullable=True),
        "occupation_system": _text(),
        "occupation_version": _text(),
        "occupation_code": _text(),
        "occupation_label": _text(),
        "indicator": _text(pa.Check.isin(BMO_INDICATORS)),
        "value": pa.Column(float, checks=pa.Check.ge(0), nullable=True),
        "obs_status": _text(pa.Check.isin(OBS_STATUS)),
        "conf_status": _text(pa.Check.isin(CONF_STATUS)),
    },
    checks=[pa.Check(_secret_has_no_value, name="secret-has-no-value")],
    strict=True,
    ordered=True,
    name="observation",
)
