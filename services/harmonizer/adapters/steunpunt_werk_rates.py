"""`steunpunt-werk-rates`: Steunpunt Werk's administrative unemployment rate per municipality
(registered unemployed job seekers 15–64 / labour force, %), computed the same way for the
three regions from the PES registers.

- `admin_unemployment_rate`, unit `percent`, coverage `Y15-64.T`, `geo_system =
  be-municipality` with the codes of the year measured (`geo_vintage` = the period: 2024 codes
  for 2024, before the 2025 mergers). A rate is never summed: two municipalities merged in 2025
  keep their own rates, and the bulletin shows a zone's rates as a range, never a total.
- A value flagged missing (`M`) or empty has no value (`obs_status = M`).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.canonical import ALL_OCCUPATIONS
from schemas.raw.steunpunt_werk_rates import COLUMNS, NIS_CODE, REQUIRED
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.adapters.checks import repeated_keys, span_of
from services.harmonizer.errors import Finding
from services.harmonizer.geography import place_of_nis

GEO_SYSTEM: Final = "be-municipality"
COVERAGE: Final = "Y15-64.T"
ALL_OCCUPATIONS_LABEL: Final = "Alle beroepen / Toutes professions"


def _label(dutch: str, french: str, code: str) -> str:
    if not dutch and not french:
        return code
    return dutch if french in ("", dutch) else f"{dutch} / {french}"


class SteunpuntWerkRates(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        unknown = [
            Finding("unknown-nis-code", file=name, row=int(row), column="nis_code", value=code)
            for row, code in zip(frame.index.tolist(), frame["nis_code"], strict=True)
            if NIS_CODE.fullmatch(code) and place_of_nis(code) is None
        ]
        return unknown + repeated_keys(
            frame, ["nis_code", "period"], code="duplicate-place-period", column="nis_code",
            file_name=name, filled="nis_code", params={"period": "period"},
        )  # fmt: skip

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        observations = self.observations(table.frame)
        years = sorted(set(observations["period"]))
        stats = {"observations": len(observations), "municipalities": int(
            observations["geo_code"].nunique())}  # fmt: skip
        return Harmonized(observations=observations, stats=stats, period=span_of(years))

    def observations(self, frame: pd.DataFrame) -> pd.DataFrame:
        missing = (frame["value"] == "") | (frame["status"] == "M")
        labels = [_label(nl, fr, code) for nl, fr, code in zip(
            frame["name_nl"], frame["name_fr"], frame["nis_code"], strict=True)]  # fmt: skip
        observations = observation_frame(
            {
                "dataset": self.source.dataset,
                "period": frame["period"],
                "period_type": "year",
                "geo_system": GEO_SYSTEM,
                "geo_vintage": frame["period"],
                "geo_code": frame["nis_code"],
                "geo_label": labels,
                "occupation_system": ALL_OCCUPATIONS["system"],
                "occupation_version": ALL_OCCUPATIONS["version"],
                "occupation_code": ALL_OCCUPATIONS["code"],
                "occupation_label": ALL_OCCUPATIONS_LABEL,
                "indicator": "admin_unemployment_rate",
                "unit": "percent",
                "coverage": COVERAGE,
                "value": pd.to_numeric(frame["value"].where(~missing)).astype("float64"),
                "obs_status": frame["status"].where(~missing, "M"),
            },
            index=frame.index,
        )
        return observations.reset_index(names="source_row")
