"""`france-travail-job-seekers`: a France Travail job seekers file (CSV): registered job
seekers per commune (and per département and region) and month, all occupations together.

Quirks (dated 2026-11, STMT export of dataforgoodfr/13_odis, January 2020 – December 2024):
- `YEAR = janvier_2020` counts the job seekers registered on 1 January 2020, the stock at the end
  of December 2019: it is stored as `period = 2019-M12`, `period_type = month` (a month-end stock,
  as Forem's DEI). The submission period is the months covered, `2019-12..2024-11`.
- `codgeo` mixes communes (`fr-commune`), départements (`fr-department`) and regions
  (`reg32` → `fr-region` 32); each is stored in its own geo_system and never added to another.
- Only places of the covered area are stored (the départements of
  data/reference/geo/fr_commune_bassin.csv: 02, 08, 59, 60, 62, 80, and region 32); a commune of
  those départements missing from the 2021 code list is `unknown-commune`; other places of France
  are counted in one `outside-reference-area` warning.
- The same place and month twice with the same figure is a `duplicate-row` warning, counted once
  (the export repeats some communes nouvelles); with two different figures it is a
  `conflicting-duplicate` error (Valenciennes 59606 in the national file).
- Figures are stored as published (rounded to tens by the source); an empty or `*` cell is a
  figure not published: `value = null`, `obs_status = O`, `conf_status = C`, never 0.
- The file does not say which job-seeker categories it counts: coverage `all`.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.canonical import ALL_OCCUPATIONS
from schemas.raw.france_travail_job_seekers import (
    COLUMNS,
    COMMUNE,
    NOT_PUBLISHED,
    REGION,
    REQUIRED,
    month_of_label,
)
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.adapters.checks import outside_area
from services.harmonizer.errors import Finding
from services.harmonizer.geography_fr import BASSIN_VINTAGE, DEPARTMENTS, bassin_of_commune
from services.harmonizer.geography_fr import REGIONS as REGION_NAMES
from services.i18n import N_

COMMUNE_VINTAGE: Final = BASSIN_VINTAGE  # INSEE codes as in the 2021 bassin zonage
# Region 32 only: the STMT export's Grand Est rows are other départements than the Ardennes.
REGIONS: Final = {"32": REGION_NAMES["32"]}
AREA: Final = N_("départements 02, 08, 59, 60, 62, 80 and region 32")
ALL_OCCUPATIONS_LABEL: Final = "Tous métiers"


class FranceTravailJobSeekers(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def content_checks(self, table: RawTable) -> list[Finding]:
        repeats = _repeats(table.frame, table.file_name)
        errors = [finding for finding in repeats if finding.severity == "error"]
        return _unknown_communes(table.frame, table.file_name) + errors

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        frame, name = table.frame, table.file_name
        repeats = [f for f in _repeats(frame, name) if f.severity == "warning"]
        rows = frame.drop_duplicates(subset=["codgeo", "year"], keep="first")
        placed = rows.assign(place=rows["codgeo"].map(place_of_code)).dropna(subset=["place"])
        observations = self.observations(placed)
        periods = sorted(set(observations["period"]))
        stats = {
            "observations": len(observations),
            "rows_outside_area": len(rows) - len(placed),
            "repeated_rows": len(frame) - len(rows),
            "months": len(periods),
        }
        findings = repeats + outside_area(len(rows) - len(placed), name, AREA)
        return Harmonized(
            observations=observations, findings=findings, stats=stats,
            period=submission_period(periods),
        )  # fmt: skip

    def observations(self, frame: pd.DataFrame) -> pd.DataFrame:
        """One observation per covered place and month, in the file's order."""
        columns = ["geo_system", "geo_code", "geo_label", "geo_department"]
        places = pd.DataFrame(frame["place"].tolist(), index=frame.index, columns=columns)
        missing = frame["demandeurs_emploi"].isin(NOT_PUBLISHED)
        value = pd.to_numeric(frame["demandeurs_emploi"].where(~missing)).astype("float64")
        periods = {label: stock_period(label) for label in frame["year"].unique()}
        observations = observation_frame(
            {
                "dataset": self.source.dataset,
                "period": frame["year"].map(periods),
                "period_type": "month",
                **{column: places[column] for column in places.columns},
                "geo_vintage": COMMUNE_VINTAGE,
                "occupation_system": ALL_OCCUPATIONS["system"],
                "occupation_version": ALL_OCCUPATIONS["version"],
                "occupation_code": ALL_OCCUPATIONS["code"],
                "occupation_label": ALL_OCCUPATIONS_LABEL,
                "indicator": "job_seekers",
                "unit": "persons",
                "value": value,
                "obs_status": missing.map({True: "O", False: "A"}),
                "conf_status": missing.map({True: "C", False: "F"}),
            },
            index=frame.index,
        )
        return observations.reset_index(names="source_row")


def stock_period(label: str) -> str:
    """`janvier_2020` (registered on 1 January 2020) → `2019-M12` (end of December 2019)."""
    found = month_of_label(label)
    if found is None:
        raise ValueError(f"not a month label: {label!r}")
    year, month = found
    year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return f"{year}-M{month:02d}"


def submission_period(periods: list[str]) -> str | None:
    """One month: that month; several: `2019-12..2024-11` (first and last, as Arvastat's)."""
    if not periods:
        return None
    if len(periods) == 1:
        return periods[0]
    return f"{periods[0].replace('-M', '-')}..{periods[-1].replace('-M', '-')}"


def _department_of_commune(code: str) -> str:
    return code[:3] if code.startswith("97") else code[:2]


def place_of_code(code: str) -> tuple[str, str, str, str | None] | None:
    """(geo_system, geo_code, geo_label, geo_department) of a covered place, None otherwise."""
    region = REGION.fullmatch(code)
    if region is not None:
        name = REGIONS.get(region["code"])
        return None if name is None else ("fr-region", region["code"], name, None)
    if code in DEPARTMENTS:
        return "fr-department", code, DEPARTMENTS[code], code
    place = bassin_of_commune(code, COMMUNE_VINTAGE) if COMMUNE.fullmatch(code) else None
    if place is None:
        return None
    return "fr-commune", code, place.commune_name or code, place.department_code


def _unknown_communes(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """A commune of a covered département must be in the 2021 code list."""
    findings = []
    for row, code in zip(frame.index.tolist(), frame["codgeo"], strict=True):
        department = _department_of_commune(code)
        if COMMUNE.fullmatch(code) and department in DEPARTMENTS and place_of_code(code) is None:
            findings.append(
                Finding(
                    "unknown-commune",
                    file=file_name,
                    row=int(row),
                    column="codgeo",
                    value=code,
                    params={"department": department},
                )
            )
    return findings


def _repeats(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """Later rows of a place and month: a warning if the figure is the same, else an error."""
    keys = ["codgeo", "year"]
    repeated = frame[frame.duplicated(subset=keys, keep=False) & (frame["codgeo"] != "")]
    findings = []
    for (code, label), group in repeated.groupby(keys, sort=False):
        rows, values = group.index.tolist(), group["demandeurs_emploi"].tolist()
        first_row, first_value = int(rows[0]), str(values[0])
        for row, value in zip(rows[1:], values[1:], strict=True):
            findings.append(_repeat(file_name, int(row), str(code), str(label), str(value),
                                    first_row, first_value))  # fmt: skip
    return findings


def _repeat(
    file_name: str, row: int, code: str, label: str, value: str, first_row: int, first: str
) -> Finding:
    if value == first:
        return Finding("duplicate-row", file=file_name, row=row, column="codgeo", value=code,
                       params={"first_row": str(first_row)}, severity="warning")  # fmt: skip
    params = {"figure": value, "reference": first, "month": label, "first_row": str(first_row)}
    return Finding("conflicting-duplicate", file=file_name, row=row, column="demandeurs_emploi",
                   value=code, params=params)  # fmt: skip
