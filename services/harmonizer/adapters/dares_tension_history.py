"""`dares-tension-history`: DARES's national tension index per FAP 2009 family (`fap87`) or
occupation (`bmo-metier`) and year, 2011–2019 (method of 2020, standardised on 2014–2018):
`tension_index`, unit `index`, `fr-country` FR. The series behind the one-year table of
`dares-tensions`; an index is never summed.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.raw.dares_tension_history import COLUMNS, REQUIRED
from schemas.raw.dares_tensions import FAP_LEVELS, is_fap_code
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.adapters.checks import span_of
from services.harmonizer.errors import Finding
from services.harmonizer.mappings.codelists import fap2009_labels

FAMILY: Final = FAP_LEVELS["fap 87"]


def _system(code: str) -> str:
    return "fap87" if FAMILY.fullmatch(code) else "bmo-metier"


class DaresTensionHistory(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        unknown = [
            Finding(
                "unknown-occupation-code",
                file=name,
                row=int(row),
                column="fap",
                value=code,
                params={"system": "FAP2009"},
            )
            for row, code in zip(frame.index.tolist(), frame["fap"], strict=True)
            if is_fap_code(code) and code not in fap2009_labels()
        ]
        repeated = frame[frame.duplicated(subset=["fap", "année"], keep="first")]
        return unknown + [
            Finding(
                "duplicate-occupation-area",
                file=name,
                row=int(row),
                column="fap",
                value=code,
                params={"place": f"France, {year}"},
            )
            for row, code, year in zip(
                repeated.index.tolist(), repeated["fap"], repeated["année"], strict=True
            )
        ]

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        frame = table.frame
        observations = observation_frame(
            {
                "dataset": self.source.dataset,
                "period": frame["année"],
                "period_type": "year",
                "geo_system": "fr-country",
                "geo_vintage": "2019",
                "geo_code": "FR",
                "geo_label": "France",
                "occupation_system": frame["fap"].map(_system),
                "occupation_version": "fap2009",
                "occupation_code": frame["fap"],
                "occupation_label": frame["fap"].map(fap2009_labels()),
                "indicator": "tension_index",
                "unit": "index",
                "value": pd.to_numeric(frame["tension"]).astype("float64"),
            },
            index=frame.index,
        ).reset_index(names="source_row")
        years = sorted(set(frame["année"]))
        stats = {"observations": len(observations), "years": years}
        return Harmonized(observations=observations, stats=stats, period=span_of(years))
