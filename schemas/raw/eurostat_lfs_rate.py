"""Raw schema of the Eurostat LFS unemployment rate by NUTS 2 region (`lfst_r_lfu3rt`: ages
15–74, both sexes, %, annual), in the long CSV layout of its transcribed subset.

Published file (UTF-8, `,`): `geo,period,value,status`. `geo` is a NUTS code in lower or upper
case (`be25`, `FRE1`), `period` a year, `value` a rate in percent with a decimal point, `status`
Eurostat's word for the figure (`final`, `provisional`, `estimated`, `break`,
`low_reliability`); an empty value is a figure Eurostat does not publish.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, matches
from schemas.raw.codes import DECIMAL, PLAUSIBLE_YEAR

COLUMNS: Final = ("geo", "period", "value", "status")
REQUIRED: Final = COLUMNS
NUTS_CODE: Final = re.compile(r"[A-Za-z]{2}[0-9A-Za-z]{0,3}")
# Eurostat's words for a figure's status → SDMX OBS_STATUS.
STATUSES: Final = {
    "final": "A", "provisional": "P", "estimated": "E", "break": "B", "low_reliability": "U",
}  # fmt: skip


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "geo": pa.Column(
                str, checks=[filled(), blank_or(matches(NUTS_CODE), "unknown-nuts-code")]
            ),
            "period": pa.Column(
                str, checks=[filled(), blank_or(matches(PLAUSIBLE_YEAR), "invalid-year")]
            ),
            "value": pa.Column(str, checks=[blank_or(matches(DECIMAL), "value-not-number")]),
            "status": pa.Column(
                str, checks=[filled(), blank_or(lambda v: v.lower() in STATUSES, "unknown-status")]
            ),
        },
        strict=False,
        name="eurostat-lfs-rate-raw",
    )
