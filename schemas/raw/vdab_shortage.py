"""Raw schema of the `vdab-shortage` contract: the knelpuntberoepen list, one row per beroep.

The file VDAB sends (UTF-8 CSV, `;`-separated, lines starting with `#` are comments):
`jaar;beroep;hoofdberoepsgroep;competent_code;kwantitatief;kwalitatief;arbeidsomstandigheden`.
A reason flag is 1 (yes), 0 (no) or empty (the list does not say).
"""

from __future__ import annotations

from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import filled, value_check
from schemas.raw.codes import COMPETENT_CODE, YEAR

REQUIRED: Final = ("jaar", "beroep", "kwantitatief", "kwalitatief", "arbeidsomstandigheden")
OPTIONAL: Final = ("hoofdberoepsgroep", "competent_code")
COLUMNS: Final = (
    "jaar",
    "beroep",
    "hoofdberoepsgroep",
    "competent_code",
    "kwantitatief",
    "kwalitatief",
    "arbeidsomstandigheden",
)
REASON_COLUMNS: Final = {
    "kwantitatief": "reason_quantitative",
    "kwalitatief": "reason_qualitative",
    "arbeidsomstandigheden": "reason_working_conditions",
}
FLAGS: Final = {"1": True, "0": False, "": None}
# Competent 2.0 codes (OP-410) or the older 7 characters, ROME v3 + 2 digits (K220301).


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "jaar": pa.Column(
                str,
                checks=[
                    filled(),
                    value_check(
                        lambda value: value == "" or YEAR.fullmatch(value) is not None,
                        "invalid-year",
                    ),
                ],
            ),
            "beroep": pa.Column(str, checks=[filled()]),
            "hoofdberoepsgroep": pa.Column(str),
            "competent_code": pa.Column(
                str,
                checks=[
                    value_check(
                        lambda value: value == "" or COMPETENT_CODE.fullmatch(value) is not None,
                        "malformed-competent-code",
                    )
                ],
            ),
            **{
                column: pa.Column(
                    str, checks=[value_check(lambda value: value in FLAGS, "invalid-flag")]
                )
                for column in REASON_COLUMNS
            },
        },
        strict=False,
        name="vdab-shortage-raw",
    )
