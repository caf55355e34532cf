"""Raw schema of the `forem-job-seekers` contract: unemployed job seekers (DEI) per occupation
and municipality, at the end of a month.

No public export exists (formats-belgium.md §2.4), so crossbmo defines the file Forem fills
(UTF-8 CSV, `;`-separated, `#` comment lines): `periode;code_rome;metier;code_ins;commune;dei`.
`periode` is the month of the count (YYYY-MM, stock on its last day), `code_rome` the ROME v3 code
of the occupation sought first (one person counts once), `code_ins` the NIS municipality code
(before or after the 2025 mergers), `dei` a whole number of persons. Only aggregates cross the
border: no row may describe a person.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import filled, value_check
from schemas.raw.codes import COUNT, ROME_CODE

COLUMNS: Final = ("periode", "code_rome", "metier", "code_ins", "commune", "dei")
REQUIRED: Final = ("periode", "code_rome", "code_ins", "dei")
MONTH: Final = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
NIS_CODE: Final = re.compile(r"\d{5}")


def _pattern(pattern: re.Pattern[str], code: str) -> pa.Check:
    return value_check(lambda value: value == "" or pattern.fullmatch(value) is not None, code)


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "periode": pa.Column(str, checks=[filled(), _pattern(MONTH, "invalid-period")]),
            "code_rome": pa.Column(
                str, checks=[filled(), _pattern(ROME_CODE, "malformed-rome-code")]
            ),
            "metier": pa.Column(str),
            "code_ins": pa.Column(str, checks=[filled(), _pattern(NIS_CODE, "unknown-nis-code")]),
            "commune": pa.Column(str),
            "dei": pa.Column(str, checks=[filled(), _pattern(COUNT, "value-not-whole-number")]),
        },
        strict=False,
        name="forem-job-seekers-raw",
    )
