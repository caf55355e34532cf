"""Raw schema of Steunpunt Werk's administrative unemployment rate per municipality
(Vlaamse Arbeidsrekening, table BNW - T1: registered unemployed job seekers aged 15–64 as a
share of the labour force, %, comparable across the three regions), as transcribed.

Published file (UTF-8, `,`): `nis_code,name_nl,name_fr,province,arrondissement,indicator_code,
period,value,status`; `nis_code` a municipality as it was in `period` (before the 2025 mergers
for 2024), `indicator_code` `ADMIN_UNEMPLOYMENT_RATE_COM`, `value` a percentage with a decimal
point, `status` an SDMX OBS_STATUS letter (`A`).
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, matches
from schemas.raw.codes import DECIMAL, PLAUSIBLE_YEAR

COLUMNS: Final = (
    "nis_code", "name_nl", "name_fr", "province", "arrondissement", "indicator_code", "period",
    "value", "status",
)  # fmt: skip
REQUIRED: Final = ("nis_code", "indicator_code", "period", "value", "status")
INDICATOR_CODE: Final = "ADMIN_UNEMPLOYMENT_RATE_COM"
NIS_CODE: Final = re.compile(r"\d{5}")
STATUSES: Final = ("A", "P", "E", "B", "U", "M")


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "nis_code": pa.Column(
                str, checks=[filled(), blank_or(matches(NIS_CODE), "unknown-nis-code")]
            ),
            "name_nl": pa.Column(str),
            "name_fr": pa.Column(str),
            "province": pa.Column(str),
            "arrondissement": pa.Column(str),
            "indicator_code": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(lambda v: v == INDICATOR_CODE, "unknown-indicator-code"),
                ],
            ),
            "period": pa.Column(
                str, checks=[filled(), blank_or(matches(PLAUSIBLE_YEAR), "invalid-year")]
            ),
            "value": pa.Column(str, checks=[blank_or(matches(DECIMAL), "value-not-number")]),
            "status": pa.Column(
                str, checks=[filled(), blank_or(lambda v: v in STATUSES, "unknown-obs-status")]
            ),
        },
        strict=False,
        name="steunpunt-werk-rates-raw",
    )
