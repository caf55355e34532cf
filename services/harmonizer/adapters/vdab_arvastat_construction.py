"""`vdab-arvastat-construction`: VDAB Arvastat's construction-sector series for the Flemish
Region, one file per series (the file name says which): vacancies received per month
(`…ontvangen_vacatures_monthly…`), open vacancies at the end of each month
(`…open_vacatures_monthly…`), vacancies received per 12-month window
(`…ontvangen_vacatures_12_months…`).

- `vacancies_received` / `vacancies_open`, unit `vacancies`, coverage `direct_excl_interim` (as
  every Arvastat export), `nace_section = F`, `geo_system = nuts`, `BE2` (Vlaams Gewest): a
  region-wide series, never a zone's own figure (the bulletin labels it so).
- The period label gives the period as in the sector workbook (`januari 2016` → `2016-M01`,
  `januari 2017 - december 2017` → year `2017`, `mei 2025 - april 2026` → rolling 12 months
  ending `2026-M04`); `period_end`, `period_year` and `period_month` must agree with it.
- Each series is its own dataset, so the received and open files of the same months never
  supersede each other; the submission period is the first and last month.
"""

from __future__ import annotations

import calendar
from typing import Final

import pandas as pd

from schemas.canonical import ALL_OCCUPATIONS
from schemas.raw.codes import COUNT, PLAUSIBLE_YEAR
from schemas.raw.vdab_arvastat_construction import COLUMNS, MONTH, REQUIRED
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.adapters.checks import repeated_keys
from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.vdab_periods import Period, PeriodError, parse_period_label

# A word of the file name → (indicator, the series' dataset).
SERIES: Final = {
    "open_vacatures": ("vacancies_open", "construction-open"),
    "ontvangen_vacatures": ("vacancies_received", "construction-received"),
}
GEO: Final = {"geo_system": "nuts", "geo_vintage": "2021", "geo_code": "BE2",
              "geo_label": "Vlaams Gewest"}  # fmt: skip
ALL_OCCUPATIONS_LABEL: Final = "Alle beroepen"


def series_of(file_name: str) -> tuple[str, str] | None:
    name = file_name.lower()
    found = [series for word, series in SERIES.items() if word in name]
    return found[0] if len(found) == 1 else None


def _period(label: str) -> Period | None:
    try:
        return parse_period_label(label)
    except PeriodError:
        return None


def _agrees(row: pd.Series) -> bool:
    """period_end is the last day of period_year-period_month, the label's last month."""
    if not (PLAUSIBLE_YEAR.fullmatch(row["period_year"]) and MONTH.fullmatch(row["period_month"])):
        return True  # the raw schema reported it
    year, month = int(row["period_year"]), int(row["period_month"])
    end = f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
    period = _period(row["period_label"])
    last = None if period is None else period.period
    label_month = f"{year}-M{month:02d}"
    return row["period_end"] == end and last in (label_month, str(year))


def _label_finding(file_name: str, row: int, cells: pd.Series) -> Finding | None:
    """An unreadable label, or a label the end date, year and month disagree with."""
    label = cells["period_label"]
    if label and _period(label) is None:
        return Finding("malformed-period-label", file=file_name, row=row, column="period_label",
                       value=label)  # fmt: skip
    if label and not _agrees(cells):
        return Finding("period-mismatch", file=file_name, row=row, column="period_end",
                       value=cells["period_end"], params={"reference": label})  # fmt: skip
    return None


class VdabArvastatConstruction(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def read(self, content: bytes, file_name: str) -> RawTable:
        if series_of(file_name) is None:
            raise ValidationFailed([Finding("no-series-in-file-name", file=file_name,
                                            value=file_name)])  # fmt: skip
        return super().read(content, file_name)

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        found = [_label_finding(name, int(str(row)), cells) for row, cells in frame.iterrows()]
        findings = [finding for finding in found if finding is not None]
        return findings + repeated_keys(
            frame, ["period_label"], code="duplicate-period", column="period_label",
            file_name=name, filled="period_label",
        )  # fmt: skip

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        series = series_of(table.file_name)
        assert series is not None
        indicator, dataset = series
        frame = table.frame
        periods = [_period(label) for label in frame["period_label"]]
        windows = any(p is not None and p.period_type == "rolling_12_months" for p in periods)
        observations = self.observations(frame, periods, indicator)
        ends = sorted(frame["period_end"].str[:7])
        stats = {"observations": len(observations), "series": indicator}
        return Harmonized(
            observations=observations, stats=stats,
            period=f"{ends[0]}..{ends[-1]}", dataset=f"{dataset}-12m" if windows else dataset,
        )  # fmt: skip

    def observations(
        self, frame: pd.DataFrame, periods: list[Period | None], indicator: str
    ) -> pd.DataFrame:
        observations = observation_frame(
            {
                "dataset": self.source.dataset,
                "period": [p.period if p else "" for p in periods],
                "period_type": [p.period_type if p else "" for p in periods],
                **GEO,
                "occupation_system": ALL_OCCUPATIONS["system"],
                "occupation_version": ALL_OCCUPATIONS["version"],
                "occupation_code": ALL_OCCUPATIONS["code"],
                "occupation_label": ALL_OCCUPATIONS_LABEL,
                "nace_section": "F",
                "indicator": indicator,
                "unit": "vacancies",
                "coverage": "direct_excl_interim",
                "value": frame["vacatures"].map(lambda v: float(v) if COUNT.fullmatch(v) else None),
            },
            index=frame.index,
        )
        return observations.reset_index(names="source_row")
