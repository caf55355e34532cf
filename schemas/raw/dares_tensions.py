"""Raw schema of the DARES / Pôle emploi tension indicators (method of 2020), `tensions.csv` of
StatDares/PortraitStatMetiers: one row per FAP family × place and year.

Published file (UTF-8, `,`): `fap,Emploi moyen,Tension ,Catégorie Tension,` then the six
complementary indicators in DARES's order (`Intensité d'embauches`, `Lien formation-emploi`,
`Manque de main-d'œuvre disponible`, `Non-durabilité de l'emploi`, `Conditions de travail
contraignantes`, `Inadéquation géographique`), then `Année,niveau_geo,niveau_fap,reg,dep`.
`niveau_geo` is `nat`, `reg` (sometimes `reg ` with a trailing space) or `dep`; `reg` an INSEE
region written as a float (`32.0`), `dep` a département (`59`, `2A`); `niveau_fap` `fap 225`
(FAP2009 `A0Z40`) or `fap 87` (`A0Z`). The index is standardised (may be negative); the category
and the six indicators are classes written `1.0` to `5.0`; an empty cell was not measured.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled, matches
from schemas.raw.codes import DECIMAL, PLAUSIBLE_YEAR

# The six complementary indicators, in DARES's order (schemas.canonical.TENSION_FACTORS).
FACTOR_COLUMNS: Final = (
    "intensité d'embauches", "lien formation-emploi", "manque de main-d'œuvre disponible",
    "non-durabilité de l'emploi", "conditions de travail contraignantes",
    "inadéquation géographique",
)  # fmt: skip
CLASS_COLUMNS: Final = ("catégorie tension", *FACTOR_COLUMNS)
COLUMNS: Final = (
    "fap", "emploi moyen", "tension", *CLASS_COLUMNS, "année", "niveau_geo", "niveau_fap",
    "reg", "dep",
)  # fmt: skip
REQUIRED: Final = COLUMNS
LEVELS: Final = ("nat", "reg", "dep")
FAP_LEVELS: Final = {
    "fap 225": re.compile(r"[A-Z]\d[A-Z]\d{2}"),
    "fap 87": re.compile(r"[A-Z]\d[A-Z]"),
}
SIGNED_DECIMAL: Final = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
CLASS: Final = re.compile(r"[1-5](\.0+)?")
REGION: Final = re.compile(r"\d{1,2}(\.0+)?")
DEPARTMENT: Final = re.compile(r"\d{2}|2[AB]|97\d")


def is_fap_code(code: str) -> bool:
    return any(shape.fullmatch(code) for shape in FAP_LEVELS.values())


def raw_schema() -> pa.DataFrameSchema:
    classes = {
        column: pa.Column(str, checks=[blank_or(matches(CLASS), "invalid-tension-class")])
        for column in CLASS_COLUMNS
    }
    return pa.DataFrameSchema(
        {
            "fap": pa.Column(str, checks=[filled(), blank_or(is_fap_code, "malformed-fap-code")]),
            "emploi moyen": pa.Column(str, checks=[blank_or(matches(DECIMAL), "value-not-number")]),
            "tension": pa.Column(
                str, checks=[blank_or(matches(SIGNED_DECIMAL), "value-not-number")]
            ),
            **classes,
            "année": pa.Column(
                str, checks=[filled(), blank_or(matches(PLAUSIBLE_YEAR), "invalid-year")]
            ),
            "niveau_geo": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(lambda v: v.strip() in LEVELS, "unknown-geographic-level"),
                ],
            ),
            "niveau_fap": pa.Column(
                str,
                checks=[
                    filled(),
                    blank_or(lambda v: v.strip() in FAP_LEVELS, "unknown-occupation-level"),
                ],
            ),
            "reg": pa.Column(str, checks=[blank_or(matches(REGION), "malformed-place-code")]),
            "dep": pa.Column(str, checks=[blank_or(matches(DEPARTMENT), "malformed-place-code")]),
        },
        strict=False,
        name="dares-tensions-raw",
    )
