"""`france-travail-tension`: a France Travail tension file (CSV) into observations: per ROME v3
occupation × bassin BMO (2019 zonage) and year, offers registered, job seekers A/B/C and the
tension class.

Quirks (dated 2026-11, file of France-Travail/mobiville, year 2020):
- One row gives three observations: `offers_registered` (`oee`, unit offers, a flow over the
  year), `job_seekers` (`defm_abc`, unit persons, coverage `categories_abc`; the file does not
  say whether it is a yearly average of month-end stocks or a year-end stock) and
  `tension_class` (`ind_tension_d`, unit `class`, 1–5: never summed, schemas/canonical.py).
- `annee` is the year the figures describe: `period = 2020`, `period_type = year`.
- Only bassins of the covered area are stored (data/reference/geo/fr_commune_bassin.csv, 2019
  zonage: Hauts-de-France and Ardennes); a 32xx bassin missing from it is `unknown-bassin`, other
  bassins of France are counted in one `outside-reference-area` warning and left out.
- An empty or `*` cell is a figure not published: `value = null`, `obs_status = O`,
  `conf_status = C`, never 0. The 2020 file has none.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.raw.codes import PLAUSIBLE_YEAR
from schemas.raw.france_travail_tension import BASSIN_CODE, COLUMNS, NOT_PUBLISHED, REQUIRED
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    checked_observations,
    observation_frame,
)
from services.harmonizer.adapters.checks import (
    other_periods,
    outside_area,
    repeated_keys,
    sole_value,
)
from services.harmonizer.errors import Finding
from services.harmonizer.geography_fr import (
    bassin_of_commune,
    communes_of_bassin,
    department_of_bassin,
)
from services.i18n import N_

GEO_SYSTEM: Final = "fr-bassin-bmo"
GEO_VINTAGE: Final = "BE19"
ZONAGE: Final = "2019"  # the reference zonage of the BE19 bassins
COVERED_REGIONS: Final = ("32",)  # every bassin of these regions is in the reference table
AREA: Final = N_("bassins BMO 2019 of Hauts-de-France and Ardennes")
# raw column → (indicator, unit, coverage)
INDICATORS: Final = {
    "oee": ("offers_registered", "offers", "all"),
    "defm_abc": ("job_seekers", "persons", "categories_abc"),
    "ind_tension_d": ("tension_class", "class", "all"),
}


class FranceTravailTension(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        return [
            *other_periods(frame, "annee", name, lambda year: bool(PLAUSIBLE_YEAR.fullmatch(year))),
            *_places(frame, name),
            *repeated_keys(frame, ["rome", "cbassin"], code="duplicate-occupation-bassin",
                           column="cbassin", file_name=name, filled="rome",
                           params={"occupation": "rome"}),
        ]  # fmt: skip

    def period(self, table: RawTable) -> str | None:
        year = sole_value(table.frame, "annee")
        return year if year is not None and PLAUSIBLE_YEAR.fullmatch(year) else None

    def ready(self, table: RawTable, period: str | None) -> bool:
        return period is not None

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        assert period is not None
        frame = table.frame
        covered = frame[frame["cbassin"].map(is_covered)]
        observations = self.observations(covered, period)
        stats = {
            "cells": len(covered),
            "observations": len(observations),
            "rows_outside_area": len(frame) - len(covered),
            "bassins": covered["cbassin"].nunique(),
            "occupations": covered["rome"].nunique(),
        }
        findings = outside_area(len(frame) - len(covered), table.file_name, AREA)
        return Harmonized(observations=observations, findings=findings, stats=stats)

    def observations(self, frame: pd.DataFrame, period: str) -> pd.DataFrame:
        """Three observations per row (offers, job seekers, tension class), in the file's order."""
        bassins = frame["cbassin"].unique()
        labels = {code: _bassin_label(code) for code in bassins}
        departments = {code: department_of_bassin(code, ZONAGE) for code in bassins}
        parts = [
            self._indicator(frame, period, column, labels, departments) for column in INDICATORS
        ]
        joined = pd.concat(parts).sort_index(kind="stable").reset_index(names="source_row")
        return checked_observations(joined)

    def _indicator(
        self,
        frame: pd.DataFrame,
        period: str,
        column: str,
        labels: dict[str, str],
        departments: dict[str, str | None],
    ) -> pd.DataFrame:
        indicator, unit, coverage = INDICATORS[column]
        missing = frame[column].isin(NOT_PUBLISHED)
        value = pd.to_numeric(frame[column].where(~missing), errors="raise").astype("float64")
        rome, label = frame["rome"], frame["rome_label"]
        return observation_frame(
            {
                "dataset": self.source.dataset,
                "period": period,
                "period_type": "year",
                "geo_system": GEO_SYSTEM,
                "geo_vintage": GEO_VINTAGE,
                "geo_code": frame["cbassin"],
                "geo_label": frame["cbassin"].map(labels),
                "geo_department": frame["cbassin"].map(departments),
                "occupation_system": "rome3",
                "occupation_version": "v3",
                "occupation_code": rome,
                "occupation_label": label.where(label != "", rome),
                "indicator": indicator,
                "unit": unit,
                "coverage": coverage,
                "value": value,
                "obs_status": missing.map({True: "O", False: "A"}),
                "conf_status": missing.map({True: "C", False: "F"}),
            },
            index=frame.index,
            check=False,
        )


def is_covered(bassin: str) -> bool:
    """A bassin of the reference table's 2019 zonage."""
    return bool(communes_of_bassin(bassin, ZONAGE))


def _places(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """A bassin code of a covered region must be in the reference zonage."""
    unknown = frame[
        frame["cbassin"].map(
            lambda code: (
                BASSIN_CODE.fullmatch(code) is not None
                and code[:2] in COVERED_REGIONS
                and len(code) == 4
                and not is_covered(code)
            )
        )
    ]
    return [
        Finding(
            "unknown-bassin",
            file=file_name,
            row=int(row),
            column="cbassin",
            value=code,
            params={"vintage": GEO_VINTAGE},
        )
        for row, code in zip(unknown.index.tolist(), unknown["cbassin"], strict=True)
    ]


def _bassin_label(bassin: str) -> str:
    place = bassin_of_commune(communes_of_bassin(bassin, ZONAGE)[0], ZONAGE)
    return place.bassin_label if place is not None else bassin
