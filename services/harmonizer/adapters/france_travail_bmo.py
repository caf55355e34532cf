"""`france-travail-bmo`: a France Travail BMO workbook → canonical observations (long format)."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

import pandas as pd
import pandera.pandas as pa

from schemas.raw.france_travail_bmo import SECRET, published_counts, raw_schema
from services.harmonizer.adapters.base import (
    Adapter,
    Harmonized,
    checked_observations,
    observation_frame,
)
from services.harmonizer.adapters.france_travail_bmo_sheet import RawBmo, read_bmo
from services.harmonizer.errors import Finding

GEO_SYSTEM: Final = "fr-bassin-bmo"
OCCUPATION_SYSTEM: Final = "bmo-metier"
# BMO switched its métier codes from the FAP2009-based list to FAP2021 with the 2024 survey.
FAP2021_FIRST_YEAR: Final = 2024
INDICATORS: Final = {
    "met": "hiring_projects",
    "xmet": "difficult_hiring_projects",
    "smet": "seasonal_hiring_projects",
}


def occupation_version(survey_year: int) -> str:
    return "fap2021" if survey_year >= FAP2021_FIRST_YEAR else "fap2009"


class FranceTravailBmo(Adapter[RawBmo]):
    def read(self, content: bytes, file_name: str) -> RawBmo:
        return read_bmo(content, file_name)

    def raw_schema(self, table: RawBmo) -> pa.DataFrameSchema:
        return raw_schema(table.survey_year)

    def check(self, table: RawBmo) -> list[Finding]:
        # The year-mismatch message names the header's bassin column, which the schema cannot see.
        reference = table.header_of()["bassin_code"]
        return [
            replace(f, params={**f.params, "reference": reference})
            if f.code == "year-mismatch"
            else f
            for f in self.validate(table)
        ]

    def period(self, table: RawBmo) -> str | None:
        return str(table.survey_year)

    def harmonize(self, table: RawBmo, period: str | None) -> Harmonized:
        observations = self.observations(table)
        stats = {"secret_cells": int((observations["conf_status"] == "C").sum())}
        return Harmonized(observations=observations, stats=stats)

    def observations(self, raw: RawBmo) -> pd.DataFrame:
        """One observation per row × indicator; a secret cell is value NaN + conf_status C."""
        frame = raw.frame
        common = {
            "dataset": self.source.dataset,
            "period": str(raw.survey_year),
            "period_type": "year",
            "geo_system": GEO_SYSTEM,
            "geo_vintage": raw.bassin_vintage,
            "geo_code": frame["bassin_code"],
            "geo_label": frame["bassin_label"],
            "geo_department": frame["department_code"].replace("", None),
            "occupation_system": OCCUPATION_SYSTEM,
            "occupation_version": occupation_version(raw.survey_year),
            "occupation_code": frame["occupation_code"],
            "occupation_label": frame["occupation_label"],
            "unit": "projects",  # survey intentions, not vacancies (schemas/canonical.py)
        }
        parts = []
        for column, indicator in INDICATORS.items():
            secret = frame[column] == SECRET
            columns = {
                **common,
                "indicator": indicator,
                "value": published_counts(frame[column]),
                "obs_status": secret.map({True: "O", False: "A"}),
                "conf_status": secret.map({True: "C", False: "F"}),
            }
            parts.append(observation_frame(columns, index=frame.index, check=False))
        return checked_observations(pd.concat(parts).reset_index(names="source_row"))
