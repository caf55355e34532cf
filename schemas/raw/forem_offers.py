"""Raw schema of `forem-offers`: Le Forem's open-data job offers (ODWB `offres-d-emploi-forem`).

Three shapes of the same records are read (formats-belgium.md §2.2): a records API v2.1 page
`{"total_count": N, "results": [record, …]}`, the JSON export (a plain list of records) and the
CSV export (`;`-separated, one column per field, list fields joined by `,`). A record is one
offer; list fields (`lieuxtravailcodepostal`, …) keep every work place, the first one counts.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, unique_values
from schemas.raw.codes import BE_POSTAL_CODE, DIMECO_COMPETENT, NACE_DIVISION, ROME_CODE

FIELDS: Final = (
    "numerooffreforem",
    "titreoffre",
    "metier",
    "metiercodedimeco",
    "lieuxtravaillocalite",
    "lieuxtravailcodepostal",
    "lieuxtravailregion",
    "lieuxtravailregionnuts",
    "typecontrat",
    "regimetravail",
    "nombrepostes",
    "experiencerequise",
    "nomemployeur",
    "source",
    "referenceexterne",
    "url",
    "datedebutdiffusion",
    "datefindiffusion",
    "secteurscodenace",
    "niveauxetudesisced2011",
)
# Fields that are JSON lists; the CSV export joins them with LIST_SEPARATOR.
LIST_FIELDS: Final = (
    "lieuxtravaillocalite",
    "lieuxtravailcodepostal",
    "lieuxtravailregion",
    "lieuxtravailregionnuts",
    "lieuxtravailgeo",
    "niveauxetudes",
    "langues",
    "languescodeiso2",
    "permisdeconduire",
    "secteurs",
    "secteurscodenace",
    "niveauxetudesisced2011",
)
LIST_SEPARATOR: Final = ","
WHOLE_NUMBER: Final = re.compile(r"\d+(,0+|\.0+)?")


def iso_day(value: str) -> str | None:
    """The YYYY-MM-DD of an ISO date or date-time (the API may add a time), else None."""
    day = value[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) is None:
        return None
    try:
        date.fromisoformat(day)
    except ValueError:
        return None
    return day if len(value) == 10 or value[10] in "T " else None


def first_postal_code(value: str) -> str:
    """The first work place's postal code of a joined list ("7500,7700" → "7500")."""
    return value.split(LIST_SEPARATOR, 1)[0].strip()


def is_dimeco_code(code: str) -> bool:
    """Forem's `metiercodedimeco`: a ROME v3 fiche (M1805) or, in records published since late
    2025, a Competent code with its variant (H250201-1)."""
    return ROME_CODE.fullmatch(code) is not None or DIMECO_COMPETENT.fullmatch(code) is not None


def are_divisions(joined: str) -> bool:
    """`secteurscodenace`: NACE Rev. 2 division codes (`18`), joined by LIST_SEPARATOR."""
    return all(NACE_DIVISION.fullmatch(part.strip()) for part in joined.split(LIST_SEPARATOR))


def raw_schema() -> pa.DataFrameSchema:
    """Checks on the text cells of each offer; postal codes are checked to exist afterwards."""
    return pa.DataFrameSchema(
        {
            "numerooffreforem": pa.Column(
                str, checks=[filled(), pa.Check(unique_values, name="duplicate-offer")]
            ),
            "metiercodedimeco": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(is_dimeco_code, "malformed-dimeco-code"),
                ],
            ),
            "lieuxtravailcodepostal": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(
                        lambda v: all(
                            BE_POSTAL_CODE.fullmatch(code.strip()) is not None
                            for code in v.split(LIST_SEPARATOR)
                        ),
                        "unknown-postal-code",
                    ),
                ],
            ),
            "nombrepostes": pa.Column(
                str,
                checks=[
                    blank_or(
                        lambda v: WHOLE_NUMBER.fullmatch(v) is not None, "value-not-whole-number"
                    )
                ],
            ),
            "source": pa.Column(str),
            "secteurscodenace": pa.Column(
                str, checks=[blank_or(are_divisions, "unknown-nace-code")]
            ),
            "datedebutdiffusion": pa.Column(
                str, checks=[filled(), blank_or(lambda v: iso_day(v) is not None, "invalid-date")]
            ),
            "datefindiffusion": pa.Column(
                str, checks=[blank_or(lambda v: iso_day(v) is not None, "invalid-date")]
            ),
        },
        strict=False,
        name="forem-offers-raw",
    )
