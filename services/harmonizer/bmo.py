"""Harmonize a France Travail BMO workbook: raw sheet → canonical observations (long format)."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

import pandas as pd

from schemas.canonical import ALL_SECTORS, OBSERVATION_COLUMNS, OBSERVATION_SCHEMA
from schemas.raw.france_travail_bmo import SECRET, published_counts, raw_bmo_schema
from services.harmonizer.adapters.france_travail_bmo import RawBmo, read_bmo
from services.harmonizer.parsing import ParseResult
from services.harmonizer.validation import validate_frame

DATASET: Final = "bmo"
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


def parse_bmo(content: bytes, file_name: str) -> ParseResult:
    """Read, validate and harmonize one BMO workbook; raises ValidationFailed if unreadable."""
    raw = read_bmo(content, file_name)
    findings = validate_frame(
        raw_bmo_schema(raw.survey_year),
        raw.frame,
        file_name=file_name,
        sheet=raw.sheet,
        headers=raw.source_columns,
    )
    # The year-mismatch message names the header's bassin column, which the schema cannot see.
    findings = [
        replace(f, params={**f.params, "reference": raw.source_columns["bassin_code"]})
        if f.code == "year-mismatch"
        else f
        for f in findings
    ]
    period = str(raw.survey_year)
    stats = {"rows": len(raw.frame), "sheet": raw.sheet, "bassin_vintage": raw.bassin_vintage}
    if findings:
        return ParseResult(period=period, observations=None, findings=findings, stats=stats)
    observations = harmonize_bmo(raw)
    stats["secret_cells"] = int((observations["conf_status"] == "C").sum())
    return ParseResult(period=period, observations=observations, findings=[], stats=stats)


def harmonize_bmo(raw: RawBmo) -> pd.DataFrame:
    """One observation per row × indicator; a secret cell is value NaN + conf_status C."""
    frame = raw.frame
    version = occupation_version(raw.survey_year)
    common = pd.DataFrame(
        {
            "dataset": DATASET,
            "period": str(raw.survey_year),
            "period_type": "year",
            "geo_system": GEO_SYSTEM,
            "geo_vintage": raw.bassin_vintage,
            "geo_code": frame["bassin_code"],
            "geo_label": frame["bassin_label"],
            "geo_department": frame["department_code"].replace("", None),
            "occupation_system": OCCUPATION_SYSTEM,
            "occupation_version": version,
            "occupation_code": frame["occupation_code"],
            "occupation_label": frame["occupation_label"],
            "nace_section": ALL_SECTORS,
        },
        index=frame.index,
    )
    parts = []
    for column, indicator in INDICATORS.items():
        secret = frame[column] == SECRET
        part = common.assign(
            indicator=indicator,
            unit="projects",  # survey intentions, not vacancies (schemas/canonical.py)
            coverage="all",
            value=published_counts(frame[column]),
            obs_status=secret.map({True: "O", False: "A"}),
            conf_status=secret.map({True: "C", False: "F"}),
        )
        parts.append(part)
    observations = pd.concat(parts).reset_index(names="source_row")
    OBSERVATION_SCHEMA.validate(observations[list(OBSERVATION_COLUMNS)], lazy=True)
    return observations
