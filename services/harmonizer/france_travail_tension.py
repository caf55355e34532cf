"""Harmonize a France Travail tension file (`france-travail-tension`): per ROME v3 occupation ×
bassin BMO (2019 zonage) and year, offers registered, job seekers A/B/C and the tension class.

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

from schemas.canonical import ALL_SECTORS, OBSERVATION_COLUMNS, OBSERVATION_SCHEMA
from schemas.raw.france_travail_tension import (
    BASSIN_CODE,
    COLUMNS,
    NOT_PUBLISHED,
    REQUIRED,
    YEAR,
    raw_tension_schema,
)
from services.harmonizer.adapters.contract_csv import read_contract_csv
from services.harmonizer.errors import Finding
from services.harmonizer.geography_fr import (
    bassin_of_commune,
    communes_of_bassin,
    department_of_bassin,
)
from services.harmonizer.parsing import ParseResult
from services.harmonizer.validation import validate_frame
from services.i18n import N_

DATASET: Final = "tension"
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


def parse_france_travail_tension(content: bytes, file_name: str) -> ParseResult:
    """Read, validate and harmonize one tension file; raises ValidationFailed if unreadable."""
    contract = read_contract_csv(content, file_name, COLUMNS, REQUIRED)
    frame, findings = contract.frame, list(contract.warnings)
    errors = validate_frame(
        raw_tension_schema(), frame, file_name=file_name, sheet=None,
        headers={column: column for column in COLUMNS},
    )  # fmt: skip
    errors += (
        _one_year(frame, file_name) + _places(frame, file_name) + _duplicates(frame, file_name)
    )
    findings += sorted(errors, key=lambda f: (f.row or 0, f.column or "", f.code))
    years = sorted(set(frame["annee"]))
    period = years[0] if len(years) == 1 and YEAR.fullmatch(years[0]) else None
    if errors or period is None:
        return ParseResult(period, None, findings, contract.stats)
    covered = frame[frame["cbassin"].map(is_covered)]
    findings += _outside(len(frame) - len(covered), file_name)
    observations = harmonize_tension(covered, period)
    stats = contract.stats | {
        "cells": len(covered),
        "observations": len(observations),
        "rows_outside_area": len(frame) - len(covered),
        "bassins": covered["cbassin"].nunique(),
        "occupations": covered["rome"].nunique(),
    }
    return ParseResult(period, observations, findings, stats)


def is_covered(bassin: str) -> bool:
    """A bassin of the reference table's 2019 zonage."""
    return bool(communes_of_bassin(bassin, ZONAGE))


def _one_year(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    first = frame["annee"].iloc[0]
    other = frame[(frame["annee"] != first) & frame["annee"].map(
        lambda value: YEAR.fullmatch(value) is not None)]  # fmt: skip
    return [
        Finding("invalid-period", file=file_name, row=int(row), column="annee", value=year)
        for row, year in other["annee"].items()
    ]


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


def _duplicates(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    keys = frame[["rome", "cbassin"]]
    repeated = frame[keys.duplicated(keep="first") & (frame["rome"] != "")]
    return [
        Finding(
            "duplicate-occupation-bassin",
            file=file_name,
            row=int(row),
            column="cbassin",
            value=bassin,
            params={"occupation": rome},
        )
        for row, rome, bassin in zip(
            repeated.index, repeated["rome"], repeated["cbassin"], strict=True
        )
    ]


def _outside(count: int, file_name: str) -> list[Finding]:
    if not count:
        return []
    params = {"count": str(count), "area": AREA}
    return [Finding("outside-reference-area", file=file_name, params=params, severity="warning")]


def _bassin_label(bassin: str) -> str:
    place = bassin_of_commune(communes_of_bassin(bassin, ZONAGE)[0], ZONAGE)
    return place.bassin_label if place is not None else bassin


def harmonize_tension(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Three observations per row (offers, job seekers, tension class), in the file's order."""
    bassins = frame["cbassin"].unique()
    labels = {code: _bassin_label(code) for code in bassins}
    departments = {code: department_of_bassin(code, ZONAGE) for code in bassins}
    parts = [_indicator(frame, period, column, labels, departments) for column in INDICATORS]
    observations = pd.concat(parts).sort_index(kind="stable").reset_index(names="source_row")
    OBSERVATION_SCHEMA.validate(observations[list(OBSERVATION_COLUMNS)], lazy=True)
    return observations


def _indicator(
    frame: pd.DataFrame,
    period: str,
    column: str,
    labels: dict[str, str],
    departments: dict[str, str | None],
) -> pd.DataFrame:
    indicator, unit, coverage = INDICATORS[column]
    missing = frame[column].isin(NOT_PUBLISHED)
    value = pd.to_numeric(frame[column].where(~missing), errors="raise").astype("float64")
    return pd.DataFrame(
        {
            "dataset": DATASET,
            "period": period,
            "period_type": "year",
            "geo_system": GEO_SYSTEM,
            "geo_vintage": GEO_VINTAGE,
            "geo_code": frame["cbassin"],
            "geo_label": frame["cbassin"].map(labels),
            "geo_department": frame["cbassin"].map(departments),
            "occupation_system": "rome3",
            "occupation_version": "v3",
            "occupation_code": frame["rome"],
            "occupation_label": frame["rome_label"].where(frame["rome_label"] != "", frame["rome"]),
            "nace_section": ALL_SECTORS,
            "indicator": indicator,
            "unit": unit,
            "coverage": coverage,
            "value": value,
            "obs_status": missing.map({True: "O", False: "A"}),
            "conf_status": missing.map({True: "C", False: "F"}),
        },
        index=frame.index,
    )
