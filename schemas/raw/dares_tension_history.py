"""Raw schema of DARES's national tension index per FAP family and year (`evol_tensions.csv`
of StatDares/PortraitStatMetiers, 2011–2019): `fap,Tension ,Année`, the standardised index (may
be negative) of each FAP 2009 family (`A0Z`) or occupation (`A0Z40`) for France as a whole.
"""

from __future__ import annotations

from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, matches
from schemas.raw.codes import PLAUSIBLE_YEAR
from schemas.raw.dares_tensions import SIGNED_DECIMAL, is_fap_code

COLUMNS: Final = ("fap", "tension", "année")
REQUIRED: Final = COLUMNS


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "fap": pa.Column(str, checks=[filled(), blank_or(is_fap_code, "malformed-fap-code")]),
            "tension": pa.Column(
                str, checks=[filled(), blank_or(matches(SIGNED_DECIMAL), "value-not-number")]
            ),
            "année": pa.Column(
                str, checks=[filled(), blank_or(matches(PLAUSIBLE_YEAR), "invalid-year")]
            ),
        },
        strict=False,
        name="dares-tension-history-raw",
    )
