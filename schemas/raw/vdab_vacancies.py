"""Raw schema of the `vdab-vacancies` JSON contract: vacancies received by VDAB, one per record.

The document (UTF-8 JSON):
    {"contract": "vdab-vacancies", "version": "1.0", "period": "2026-Q1",
     "period_type": "quarter", "synthetic": false,
     "vacancies": [{"vacancy_id": "…", "received_date": "2026-01-12", "competent_code": "OP-123",
                    "beroep": "Werfleider", "postal_code": "8500", "circuit": "gewoon",
                    "nace": "41.201"}, …]}
`nace` (optional) is the employer's NACE-BEL 2008 activity code, at any depth from the division
(`41`) down; a file that gives it gets its vacancies counted by NACE section too.
Only vacancies of the normal economic circuits received directly by VDAB (NECzU) are sent:
interim assignments are not, so no circuit value names them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, unique_values
from schemas.raw.codes import BE_POSTAL_CODE, COMPETENT_CODE

VERSION: Final = "1.0"
HEADER_KEYS: Final = ("contract", "version", "period", "period_type", "vacancies")
FIELDS: Final = (
    "vacancy_id",
    "received_date",
    "competent_code",
    "beroep",
    "postal_code",
    "circuit",
    "nace",
)
REQUIRED_FIELDS: Final = ("vacancy_id", "received_date", "competent_code", "postal_code", "circuit")
CIRCUITS: Final = ("gewoon", "werken_en_leren", "vervanging_swt", "tijdelijk")
NACE_CODE: Final = re.compile(r"\d{2}(\.?\d{1,3})?")  # the division must exist: harmonizer


def is_iso_date(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "vacancy_id": pa.Column(
                str, checks=[filled(), pa.Check(unique_values, name="duplicate-vacancy")]
            ),
            "received_date": pa.Column(
                str, checks=[filled(), blank_or(is_iso_date, "invalid-date")]
            ),
            "competent_code": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(
                        lambda v: COMPETENT_CODE.fullmatch(v) is not None,
                        "malformed-competent-code",
                    ),
                ],
            ),
            "beroep": pa.Column(str),
            "postal_code": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(
                        lambda v: BE_POSTAL_CODE.fullmatch(v) is not None, "unknown-postal-code"
                    ),
                ],
            ),
            "circuit": pa.Column(
                str, checks=[filled(), blank_or(lambda v: v in CIRCUITS, "unknown-circuit")]
            ),
            "nace": pa.Column(
                str,
                checks=[
                    blank_or(lambda v: NACE_CODE.fullmatch(v) is not None, "unknown-nace-code")
                ],
            ),
        },
        strict=False,
        name="vdab-vacancies-raw",
    )
