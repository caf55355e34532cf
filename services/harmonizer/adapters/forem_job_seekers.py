"""`forem-job-seekers`: unemployed job seekers (DEI) per ROME v3 code × municipality (NIS 2025)
at the end of one month, unit `persons` (CSV contract).

Municipalities merged on 1 January 2025 are summed into their new one; each row of the file is
still checked on its own (a code given twice for one occupation is an error).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.raw.forem_job_seekers import COLUMNS, MONTH, NIS_CODE, REQUIRED
from services.harmonizer.adapters.base import (
    ContractCsvAdapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.adapters.checks import other_periods, sole_value
from services.harmonizer.errors import Finding
from services.harmonizer.geography import NIS_VINTAGE, current_nis, municipality_name, place_of_nis

GEO_SYSTEM: Final = "be-municipality"


class ForemJobSeekers(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def content_checks(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        months = other_periods(frame, "periode", name, lambda value: bool(MONTH.fullmatch(value)))
        return months + _places(frame, name)

    def period(self, table: RawTable) -> str | None:
        month = sole_value(table.frame, "periode")
        return None if month is None else f"{month[:4]}-M{month[5:7]}"

    def ready(self, table: RawTable, period: str | None) -> bool:
        return period is not None

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        assert period is not None
        observations = self.observations(table.frame, period)
        stats = {"cells": len(observations), "persons": int(table.frame["dei"].astype(int).sum())}
        return Harmonized(observations=observations, stats=stats)

    def observations(self, frame: pd.DataFrame, period: str) -> pd.DataFrame:
        records = frame.assign(
            geo_code=frame["code_ins"].map(current_nis), value=frame["dei"].astype(int)
        )
        labels = records.groupby("code_rome")["metier"].first()
        cells = records.groupby(["geo_code", "code_rome"], as_index=False)["value"].sum()
        label = cells["code_rome"].map(labels)
        return observation_frame(
            {
                "source_row": None,
                "dataset": self.source.dataset,
                "period": period,
                "period_type": "month",
                "geo_system": GEO_SYSTEM,
                "geo_vintage": NIS_VINTAGE,
                "geo_code": cells["geo_code"],
                "geo_label": cells["geo_code"].map(lambda code: municipality_name(code) or code),
                "occupation_system": "rome3",
                "occupation_version": "v3",
                "occupation_code": cells["code_rome"],
                "occupation_label": label.where(label != "", cells["code_rome"]),
                "indicator": "job_seekers",
                "unit": "persons",
                "value": cells["value"].astype("float64"),
            }
        )


def _places(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """Municipalities that exist; one row per occupation and municipality."""
    findings = []
    seen: set[tuple[str, str]] = set()
    for row, code, rome in zip(frame.index, frame["code_ins"], frame["code_rome"], strict=True):
        if NIS_CODE.fullmatch(code) is None:
            continue  # the raw schema reported it
        if place_of_nis(code) is None:
            findings.append(Finding("unknown-nis-code", file=file_name, row=int(row),
                                    column="code_ins", value=code))  # fmt: skip
        elif (rome, code) in seen:
            findings.append(Finding("duplicate-occupation-place", file=file_name, row=int(row),
                                    column="code_ins", value=code,
                                    params={"occupation": rome}))  # fmt: skip
        seen.add((rome, code))
    return findings
