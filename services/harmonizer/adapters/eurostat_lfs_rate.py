"""`eurostat-lfs-rate`: the Eurostat LFS unemployment rate (`lfst_r_lfu3rt`, ILO definition,
ages 15–74, both sexes, %) per NUTS region and year, in the long CSV layout
`geo,period,value,status`.

The one unemployment figure defined the same way on both sides of the border: indicator
`ilo_unemployment_rate`, unit `percent`, coverage `Y15-74.T`, `geo_system = nuts` (codes upper
case, NUTS 2021 unless the file uses the old French regions). A rate is never summed. Places
outside Belgium and France are counted in one `outside-reference-area` warning, not stored; an
empty value is a figure not published (`obs_status = M`, no value).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.canonical import ALL_OCCUPATIONS
from schemas.raw.eurostat_lfs_rate import COLUMNS, REQUIRED, STATUSES
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.adapters.checks import outside_area, repeated_keys, span_of
from services.harmonizer.errors import Finding
from services.harmonizer.eurostat import (
    AREA,
    GEO_SYSTEM,
    is_covered,
    nuts_label,
    nuts_vintage,
)

COVERAGE: Final = "Y15-74.T"
ALL_OCCUPATIONS_LABEL: Final = "All occupations"


class EurostatLfsRate(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame = table.frame.assign(code=table.frame["geo"].str.upper())
        return repeated_keys(
            frame, ["code", "period"], code="duplicate-place-period", column="geo",
            file_name=table.file_name, filled="geo", params={"period": "period"},
        )  # fmt: skip

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        frame = table.frame
        covered = frame[frame["geo"].map(is_covered)]
        observations = self.observations(covered)
        years = sorted(set(observations["period"]))
        outside = len(frame) - len(covered)
        stats = {"observations": len(observations), "rows_outside_area": outside}
        return Harmonized(
            observations=observations, stats=stats,
            findings=outside_area(outside, table.file_name, AREA),
            period=span_of(years),
        )  # fmt: skip

    def observations(self, frame: pd.DataFrame) -> pd.DataFrame:
        codes = frame["geo"].str.upper()
        missing = frame["value"] == ""
        status = frame["status"].str.lower().map(STATUSES)
        observations = observation_frame(
            {
                "dataset": self.source.dataset,
                "period": frame["period"],
                "period_type": "year",
                "geo_system": GEO_SYSTEM,
                "geo_vintage": nuts_vintage(set(codes)),
                "geo_code": codes,
                "geo_label": codes.map(nuts_label),
                "occupation_system": ALL_OCCUPATIONS["system"],
                "occupation_version": ALL_OCCUPATIONS["version"],
                "occupation_code": ALL_OCCUPATIONS["code"],
                "occupation_label": ALL_OCCUPATIONS_LABEL,
                "indicator": "ilo_unemployment_rate",
                "unit": "percent",
                "coverage": COVERAGE,
                "value": pd.to_numeric(frame["value"].where(~missing)).astype("float64"),
                "obs_status": status.where(~missing, "M"),
            },
            index=frame.index,
        )
        return observations.reset_index(names="source_row")
