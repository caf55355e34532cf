"""Raw schema of the France Travail job seekers file: registered job seekers per commune and
month, as published by France Travail / Dares (STMT) and exported by dataforgoodfr/13_odis.

Published file (UTF-8, `,`): `codgeo,YEAR,Demandeurs_Emploi`. `codgeo` is an INSEE commune code
(communes of over 5 000 inhabitants), a département code (`59`, `2A`, `971`) or a region code
(`reg32`); `YEAR` a French month and year such as `janvier_2020`: the job seekers registered on
the first day of that month; `Demandeurs_Emploi` a whole number of persons (rounded to tens by the
source). An empty cell or `*` is a figure not published.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled
from schemas.raw.codes import COUNT

COLUMNS: Final = ("codgeo", "year", "demandeurs_emploi")
REQUIRED: Final = COLUMNS
NOT_PUBLISHED: Final = ("", "*")
# French month names as the export writes them (no accents), accented forms accepted too.
MONTHS: Final = {
    "janvier": 1, "fevrier": 2, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12, "décembre": 12,
}  # fmt: skip
MONTH_LABEL: Final = re.compile(r"(?P<month>[a-zéû]+)_(?P<year>(19|20)\d{2})")
COMMUNE: Final = re.compile(r"(\d{2}|2[AB])\d{3}")
DEPARTMENT: Final = re.compile(r"\d{2}|2[AB]|97\d")
REGION: Final = re.compile(r"reg(?P<code>\d{2})")


def month_of_label(label: str) -> tuple[int, int] | None:
    """(year, month) of a label such as `janvier_2020`, None if it is not one."""
    match = MONTH_LABEL.fullmatch(label.strip().lower())
    if match is None or match["month"] not in MONTHS:
        return None
    return int(match["year"]), MONTHS[match["month"]]


def is_place_code(code: str) -> bool:
    return any(shape.fullmatch(code) for shape in (COMMUNE, DEPARTMENT, REGION))


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "codgeo": pa.Column(
                str, checks=[filled(), blank_or(is_place_code, "malformed-place-code")]
            ),
            "year": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(
                        lambda label: month_of_label(label) is not None, "malformed-month-label"
                    ),
                ],
            ),
            "demandeurs_emploi": pa.Column(
                str,
                checks=[
                    blank_or(
                        lambda value: value == "*" or COUNT.fullmatch(value) is not None,
                        "value-not-integer",
                    ),
                ],
            ),
        },
        strict=False,
        name="france-travail-job-seekers-raw",
    )
