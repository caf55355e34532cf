"""Raw schema of ONEM/RVA's benefit claimants file: *chômeurs complets indemnisés demandeurs
d'emploi* (CCI-DE / UVW-WZ), the annual average of the monthly counts per Belgian arrondissement,
province, region and the whole country (NIS codes).

Published file (UTF-8, `,`), as transcribed from ONEM's per-commune files:
`nis_code,level,name_nl,name_fr,period,value,coverage_n,coverage_of`. `value` is an average, so a
decimal number with a point (`3781.749999957`); `coverage_n` of `coverage_of` municipalities are
in the sum (ONEM masks municipalities below 10 claimants).
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, matches
from schemas.raw.codes import COUNT, DECIMAL, PLAUSIBLE_YEAR

COLUMNS: Final = (
    "nis_code", "level", "name_nl", "name_fr", "period", "value", "coverage_n", "coverage_of",
)  # fmt: skip
REQUIRED: Final = ("nis_code", "level", "period", "value", "coverage_n", "coverage_of")
LEVELS: Final = ("arrondissement", "province", "region", "country")
NIS_AREA: Final = re.compile(r"\d{5}")


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "nis_code": pa.Column(
                str, checks=[filled(), blank_or(matches(NIS_AREA), "unknown-nis-area")]
            ),
            "level": pa.Column(
                str,
                checks=[filled(), blank_or(lambda v: v in LEVELS, "unknown-geographic-level")],
            ),
            "name_nl": pa.Column(str),
            "name_fr": pa.Column(str),
            "period": pa.Column(
                str, checks=[filled(), blank_or(matches(PLAUSIBLE_YEAR), "invalid-year")]
            ),
            "value": pa.Column(
                str, checks=[filled(), blank_or(matches(DECIMAL), "value-not-number")]
            ),
            "coverage_n": pa.Column(
                str, checks=[filled(), blank_or(matches(COUNT), "value-not-whole-number")]
            ),
            "coverage_of": pa.Column(
                str, checks=[filled(), blank_or(matches(COUNT), "value-not-whole-number")]
            ),
        },
        strict=False,
        name="onem-claimants-raw",
    )
