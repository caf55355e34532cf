"""Harmonize a VDAB knelpuntberoepen list (`vdab-shortage` contract) into shortage signals.

A list says which occupations are short and why; it holds no counts, so it is stored in the
shortage_signals table, not as observations. Reasons the list does not give stay unknown (NULL).
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd

from schemas.canonical import SHORTAGE_SIGNAL_COLUMNS, SHORTAGE_SIGNAL_SCHEMA
from schemas.raw.vdab_shortage import COLUMNS, FLAGS, REASON_COLUMNS, REQUIRED, raw_shortage_schema
from services.harmonizer.adapters.contract_csv import read_contract_csv
from services.harmonizer.errors import Finding
from services.harmonizer.parsing import ParseResult
from services.harmonizer.validation import validate_frame
from services.harmonizer.vdab_beroepen import lookup_version, resolve

DATASET: Final = "shortage-list"


def read_shortage(
    content: bytes, file_name: str
) -> tuple[pd.DataFrame, dict[str, Any], list[Finding]]:
    """The rows as text cells indexed by line number, the file's stats and warnings."""
    contract = read_contract_csv(content, file_name, COLUMNS, REQUIRED)
    return contract.frame, contract.stats, contract.warnings


def parse_vdab_shortage(content: bytes, file_name: str) -> ParseResult:
    """Read, validate and harmonize one knelpuntberoepen list; raises ValidationFailed."""
    frame, stats, findings = read_shortage(content, file_name)
    headers = {column: column for column in COLUMNS}
    findings += validate_frame(
        raw_shortage_schema(), frame, file_name=file_name, sheet=None, headers=headers
    )
    findings += _one_year(frame, file_name) + _duplicates(frame, file_name)
    years = sorted(set(frame["jaar"]))
    period = years[0] if len(years) == 1 else None
    if any(finding.severity == "error" for finding in findings):
        return ParseResult(period, None, findings, stats)
    signals = harmonize_shortage(frame)
    findings += _unresolved(frame, file_name)
    stats["occupation_lookup"] = lookup_version()
    stats["reasons_known"] = int(signals["reason_quantitative"].notna().sum())
    return ParseResult(period, None, findings, stats, shortage_signals=signals)


def _one_year(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """A list is for one year: rows of another year than the first row's are errors."""
    first = frame["jaar"].iloc[0]
    other = frame[(frame["jaar"] != first) & (frame["jaar"] != "")]
    return [
        Finding("invalid-period", file=file_name, row=int(row), column="jaar", value=year)
        for row, year in other["jaar"].items()
    ]


def _duplicates(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    repeated = frame[frame.duplicated(subset=["beroep"], keep="first") & (frame["beroep"] != "")]
    return [
        Finding("duplicate-occupation", file=file_name, row=int(row), column="beroep", value=label)
        for row, label in zip(repeated.index.tolist(), repeated["beroep"], strict=True)
    ]


def _unresolved(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    return [
        Finding(
            "unresolved-occupation-label",
            file=file_name,
            row=int(row),
            column="beroep",
            value=label,
            severity="warning",
        )
        for row, label, code in zip(
            frame.index, frame["beroep"], frame["competent_code"], strict=True
        )
        if not (code or resolve(label).complete)
    ]


def harmonize_shortage(frame: pd.DataFrame) -> pd.DataFrame:
    """One signal per beroep; a code given in the file beats the label lookup."""
    resolved = frame["beroep"].map(lambda label: resolve(label).competent_code)
    signals = pd.DataFrame(
        {
            "dataset": DATASET,
            "period": frame["jaar"],
            "occupation_system": "arvastat-beroep",
            "occupation_version": frame["jaar"],  # labels of that year's list
            "occupation_code": frame["beroep"],
            "occupation_label": frame["beroep"],
            "occupation_group": frame["hoofdberoepsgroep"].replace("", None),
            "competent_code": frame["competent_code"].replace("", None).fillna(resolved),
            "status": "shortage",
            **{
                target: frame[source].map(FLAGS).astype("boolean")
                for source, target in REASON_COLUMNS.items()
            },
        },
        index=frame.index,
    )
    signals = signals[list(SHORTAGE_SIGNAL_COLUMNS)]
    SHORTAGE_SIGNAL_SCHEMA.validate(signals, lazy=True)
    return signals.reset_index(names="source_row")
