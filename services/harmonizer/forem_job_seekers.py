"""Harmonize a `forem-job-seekers` file: unemployed job seekers (DEI) per ROME v3 code ×
municipality (NIS 2025) at the end of one month, unit `persons`.

Municipalities merged on 1 January 2025 are summed into their new one; each row of the file is
still checked on its own (a code given twice for one occupation is an error).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.canonical import ALL_SECTORS, OBSERVATION_COLUMNS, OBSERVATION_SCHEMA
from schemas.raw.forem_job_seekers import (
    COLUMNS,
    MONTH,
    NIS_CODE,
    REQUIRED,
    raw_job_seekers_schema,
)
from services.harmonizer.adapters.contract_csv import read_contract_csv
from services.harmonizer.errors import Finding
from services.harmonizer.geography import NIS_VINTAGE, current_nis, municipality_name, place_of_nis
from services.harmonizer.parsing import ParseResult
from services.harmonizer.validation import validate_frame

DATASET: Final = "job-seekers"
GEO_SYSTEM: Final = "be-municipality"


def parse_forem_job_seekers(content: bytes, file_name: str) -> ParseResult:
    """Read, validate and harmonize one month of DEI; raises ValidationFailed if unreadable."""
    contract = read_contract_csv(content, file_name, COLUMNS, REQUIRED)
    frame, findings = contract.frame, list(contract.warnings)
    errors = validate_frame(
        raw_job_seekers_schema(), frame, file_name=file_name, sheet=None,
        headers={column: column for column in COLUMNS},
    )  # fmt: skip
    errors += _one_month(frame, file_name) + _content(frame, file_name)
    findings += sorted(errors, key=lambda f: (f.row or 0, f.column or "", f.code))
    months = sorted(set(frame["periode"]))
    period = f"{months[0][:4]}-M{months[0][5:7]}" if len(months) == 1 else None
    if errors or period is None:
        return ParseResult(period, None, findings, contract.stats)
    observations = aggregate_job_seekers(frame, period)
    stats = contract.stats | {
        "cells": len(observations),
        "persons": int(frame["dei"].astype(int).sum()),
    }
    return ParseResult(period, observations, findings, stats)


def _one_month(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    first = frame["periode"].iloc[0]
    other = frame[(frame["periode"] != first) & frame["periode"].map(
        lambda value: MONTH.fullmatch(value) is not None)]  # fmt: skip
    return [
        Finding("invalid-period", file=file_name, row=int(row), column="periode", value=month)
        for row, month in other["periode"].items()
    ]


def _content(frame: pd.DataFrame, file_name: str) -> list[Finding]:
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


def aggregate_job_seekers(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    records = frame.assign(
        geo_code=frame["code_ins"].map(current_nis), value=frame["dei"].astype(int)
    )
    labels = records.groupby("code_rome")["metier"].first()
    cells = records.groupby(["geo_code", "code_rome"], as_index=False)["value"].sum()
    label = cells["code_rome"].map(labels)
    observations = pd.DataFrame(
        {
            "source_row": None,
            "dataset": DATASET,
            "period": period,
            "period_type": "month",
            "geo_system": GEO_SYSTEM,
            "geo_vintage": NIS_VINTAGE,
            "geo_code": cells["geo_code"],
            "geo_label": cells["geo_code"].map(lambda code: municipality_name(code) or code),
            "geo_department": None,
            "occupation_system": "rome3",
            "occupation_version": "v3",
            "occupation_code": cells["code_rome"],
            "occupation_label": label.where(label != "", cells["code_rome"]),
            "nace_section": ALL_SECTORS,
            "indicator": "job_seekers",
            "unit": "persons",
            "coverage": "all",
            "value": cells["value"].astype("float64"),
            "obs_status": "A",
            "conf_status": "F",
        }
    )
    OBSERVATION_SCHEMA.validate(observations[list(OBSERVATION_COLUMNS)], lazy=True)
    return observations
