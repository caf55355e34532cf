"""Raw schema of the `forem-shortage` contract: Forem's fonctions critiques list, one row each.

The file Forem fills (UTF-8 CSV, `;`-separated, lines starting with `#` are comments):
`annee;code_rome;metier;statut` — the year of the list, the ROME v3 code of the occupation
(Forem's REM is ROME-based, formats-belgium.md §2.1), its label as Forem publishes it, and
`critique` (recruitment takes longer than average) or `pénurie` (a critique with a quantitative
lack of candidates). Forem gives no per-occupation reasons.
"""

from __future__ import annotations

from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled
from schemas.raw.codes import ROME_CODE, YEAR

COLUMNS: Final = ("annee", "code_rome", "metier", "statut")
REQUIRED: Final = COLUMNS
# The contract's statuses → shortage_signals.status (schemas/canonical.py SHORTAGE_STATUSES).
STATUSES: Final = {"critique": "critical", "pénurie": "penury", "penurie": "penury"}


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "annee": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(lambda v: YEAR.fullmatch(v) is not None, "invalid-year"),
                ],
            ),
            "code_rome": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(lambda v: ROME_CODE.fullmatch(v) is not None, "malformed-rome-code"),
                ],
            ),
            "metier": pa.Column(str, checks=[filled()]),
            "statut": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(lambda v: v.lower() in STATUSES, "unknown-shortage-status"),
                ],
            ),
        },
        strict=False,
        name="forem-shortage-raw",
    )
