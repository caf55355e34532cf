"""Raw schema of the official French list of "métiers en tension" (arrêté of March 2024): the
FAP2009 occupation families in tension, per region and for the whole of France.

Published file (dataforgoodfr/13_odis `metiers_en_tension_mars_2024.csv`, UTF-8, `,`):
`Region,Famille Professionnelle,Code FAP`. No year column: the year comes from the file name.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled

COLUMNS: Final = ("region", "famille professionnelle", "code fap")
REQUIRED: Final = COLUMNS
NATIONAL: Final = "France Entière"
REGIONS: Final = (
    "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse",
    "Grand Est", "Hauts-de-France", "Ile-de-France", "Île-de-France", "Normandie",
    "Nouvelle-Aquitaine", "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur",
    "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", NATIONAL,
)  # fmt: skip
FAP_CODE: Final = re.compile(r"[A-Z]\d[A-Z]\d{2}")


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "region": pa.Column(
                str, checks=[filled(), blank_or(lambda name: name in REGIONS, "unknown-region")]
            ),
            "famille professionnelle": pa.Column(str, checks=[filled()]),
            "code fap": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(
                        lambda code: FAP_CODE.fullmatch(code) is not None,
                        "malformed-occupation-code",
                    ),
                ],
            ),
        },
        strict=False,
        name="france-travail-tension-list-raw",
    )
