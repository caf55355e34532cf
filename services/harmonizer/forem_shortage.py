"""Harmonize a Forem fonctions critiques / métiers en pénurie list (`forem-shortage` contract)
into shortage signals: status `critical` or `penury`, reasons unknown (Forem gives none).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from schemas.canonical import SHORTAGE_REASONS, SHORTAGE_SIGNAL_COLUMNS, SHORTAGE_SIGNAL_SCHEMA
from schemas.raw.forem_shortage import COLUMNS, REQUIRED, STATUSES, raw_forem_shortage_schema
from services.harmonizer.adapters.contract_csv import read_contract_csv
from services.harmonizer.errors import Finding
from services.harmonizer.parsing import ParseResult
from services.harmonizer.validation import validate_frame

DATASET: Final = "shortage-list"


def parse_forem_shortage(content: bytes, file_name: str) -> ParseResult:
    """Read, validate and harmonize one list; raises ValidationFailed if unreadable."""
    contract = read_contract_csv(content, file_name, COLUMNS, REQUIRED)
    frame, findings = contract.frame, list(contract.warnings)
    findings += validate_frame(
        raw_forem_shortage_schema(), frame, file_name=file_name, sheet=None,
        headers={column: column for column in COLUMNS},
    )  # fmt: skip
    findings += _one_year(frame, file_name) + _duplicates(frame, file_name)
    years = sorted(set(frame["annee"]))
    period = years[0] if len(years) == 1 else None
    if any(finding.severity == "error" for finding in findings):
        return ParseResult(period, None, findings, contract.stats)
    signals = harmonize_forem_shortage(frame)
    stats = contract.stats | {"statuses": signals["status"].value_counts().to_dict()}
    return ParseResult(period, None, findings, stats, shortage_signals=signals)


def _one_year(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """A list is for one year: rows of another year than the first row's are errors."""
    first = frame["annee"].iloc[0]
    other = frame[(frame["annee"] != first) & (frame["annee"] != "")]
    return [
        Finding("invalid-period", file=file_name, row=int(row), column="annee", value=year)
        for row, year in other["annee"].items()
    ]


def _duplicates(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    codes = frame["code_rome"]
    repeated = frame[codes.duplicated(keep="first") & (codes != "")]
    return [
        Finding(
            "duplicate-occupation", file=file_name, row=int(row), column="code_rome", value=code
        )
        for row, code in zip(repeated.index.tolist(), repeated["code_rome"], strict=True)
    ]


def harmonize_forem_shortage(frame: pd.DataFrame) -> pd.DataFrame:
    """One signal per ROME code; reasons stay unknown (NULL), never False."""
    signals = pd.DataFrame(
        {
            "dataset": DATASET,
            "period": frame["annee"],
            "occupation_system": "rome3",
            "occupation_version": "v3",
            "occupation_code": frame["code_rome"],
            "occupation_label": frame["metier"],
            "occupation_group": None,
            "competent_code": None,
            "status": frame["statut"].str.lower().map(STATUSES),
            **{reason: pd.Series(pd.NA, index=frame.index, dtype="boolean")
               for reason in SHORTAGE_REASONS},
        },
        index=frame.index,
    )  # fmt: skip
    signals = signals[list(SHORTAGE_SIGNAL_COLUMNS)]
    SHORTAGE_SIGNAL_SCHEMA.validate(signals, lazy=True)
    return signals.reset_index(names="source_row")
