"""Raw schema of VDAB Arvastat's construction-sector series for Flanders (*sector bouw*, BE2):
vacancies received per month, open vacancies at month end, and vacancies received per
12-month window, as transcribed in CSV.

Published file (UTF-8, `,`): `period_end,period_year,period_month,period_label,period_short,
vacatures`; the 12-month file adds `source_file,previous_period_vacatures,change_abs,change_pct`
(derived by the transcriber, not read). `period_label` is Arvastat's own (`januari 2016`,
`mei 2025 - april 2026`); `vacatures` a whole number.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, matches
from schemas.raw.codes import COUNT, PLAUSIBLE_YEAR

COLUMNS: Final = (
    "period_end", "period_year", "period_month", "period_label", "period_short", "vacatures",
)  # fmt: skip
REQUIRED: Final = ("period_end", "period_year", "period_month", "period_label", "vacatures")
DATE: Final = re.compile(r"(19|20)\d{2}-\d{2}-\d{2}")
MONTH: Final = re.compile(r"([1-9]|1[0-2])")


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "period_end": pa.Column(
                str, checks=[filled(), blank_or(matches(DATE), "invalid-date")]
            ),
            "period_year": pa.Column(
                str, checks=[filled(), blank_or(matches(PLAUSIBLE_YEAR), "invalid-year")]
            ),
            "period_month": pa.Column(
                str, checks=[filled(), blank_or(matches(MONTH), "invalid-month-number")]
            ),
            "period_label": pa.Column(str, checks=[filled()]),
            "period_short": pa.Column(str),
            "vacatures": pa.Column(
                str, checks=[filled(), blank_or(matches(COUNT), "value-not-whole-number")]
            ),
        },
        strict=False,
        name="vdab-arvastat-construction-raw",
    )
