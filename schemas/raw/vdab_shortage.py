"""Raw schema of the `vdab-shortage` contract: the knelpuntberoepen list, one row per beroep.

The file VDAB sends (UTF-8 CSV, `;`-separated, lines starting with `#` are comments):
`jaar;beroep;hoofdberoepsgroep;competent_code;kwantitatief;kwalitatief;arbeidsomstandigheden`.
A reason flag is 1 (yes), 0 (no) or empty (the list does not say).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import pandas as pd
import pandera.pandas as pa

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
YEAR: Final = re.compile(r"\d{4}")
# Competent 2.0 codes (OP-410) or the older 7 characters, ROME v3 + 2 digits (K220301).
COMPETENT_CODE: Final = re.compile(r"OP-\d{1,4}|[A-N]\d{6}")


def _each(is_valid: Callable[[str], bool], code: str) -> pa.Check:
    def check(series: pd.Series) -> pd.Series:
        return ~series.isin([value for value in series.unique() if not is_valid(value)])

    return pa.Check(check, name=code)


def _filled() -> pa.Check:
    return _each(lambda value: value != "", "missing-value")


def raw_shortage_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "jaar": pa.Column(
                str,
                checks=[
                    _filled(),
                    _each(
                        lambda value: value == "" or YEAR.fullmatch(value) is not None,
                        "invalid-year",
                    ),
                ],
            ),
            "beroep": pa.Column(str, checks=[_filled()]),
            "hoofdberoepsgroep": pa.Column(str),
            "competent_code": pa.Column(
                str,
                checks=[
                    _each(
                        lambda value: value == "" or COMPETENT_CODE.fullmatch(value) is not None,
                        "malformed-competent-code",
                    )
                ],
            ),
            **{
                column: pa.Column(str, checks=[_each(lambda value: value in FLAGS, "invalid-flag")])
                for column in REASON_COLUMNS
            },
        },
        strict=False,
        name="vdab-shortage-raw",
    )
