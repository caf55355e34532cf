"""Harmonize the official French list of métiers en tension (`france-travail-tension-list`) into
shortage signals.

Quirks (dated 2026-11, list of the arrêté of March 2024 as exported by dataforgoodfr/13_odis):
- The list holds no year: the period is the year in the file name (`…_mars_2024.csv` → `2024`),
  else `no-period-in-file-name`.
- The shortage_signals table has no place column: only the lists in force on the French side of
  the bulletin are stored, Hauts-de-France's (`status = tension-regional`) and the national one
  (`France Entière`, `status = tension-national`); other regions are counted in one
  `outside-reference-area` warning.
- Codes are FAP2009 families (`A0Z40`), the occupation codes of the BMO survey up to 2023:
  `occupation_system = bmo-metier`, `occupation_version = fap2009`; they must exist in
  mappings/rome_isco_nace/codelists/fap2009.csv (`unknown-occupation-code`).
- The list gives no reasons: they stay unknown (NULL), never False.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import Final

import pandas as pd

from schemas.canonical import SHORTAGE_REASONS, SHORTAGE_SIGNAL_COLUMNS, SHORTAGE_SIGNAL_SCHEMA
from schemas.raw.france_travail_tension_list import (
    COLUMNS,
    FAP_CODE,
    NATIONAL,
    REQUIRED,
    raw_tension_list_schema,
)
from services.harmonizer.adapters.contract_csv import read_contract_csv
from services.harmonizer.errors import Finding
from services.harmonizer.mappings.common import CODELISTS_DIR
from services.harmonizer.parsing import ParseResult
from services.harmonizer.validation import validate_frame
from services.i18n import N_

DATASET: Final = "shortage-list"
REGION: Final = "Hauts-de-France"
STATUSES: Final = {REGION: "tension-regional", NATIONAL: "tension-national"}
AREA: Final = N_("the lists of Hauts-de-France and of the whole of France")
FILE_YEAR: Final = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


@lru_cache(maxsize=1)
def fap2009_codes() -> frozenset[str]:
    with (CODELISTS_DIR / "fap2009.csv").open(encoding="utf-8", newline="") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


def parse_france_travail_tension_list(content: bytes, file_name: str) -> ParseResult:
    """Read, validate and harmonize one list; raises ValidationFailed if unreadable."""
    contract = read_contract_csv(content, file_name, COLUMNS, REQUIRED)
    frame, findings = contract.frame, list(contract.warnings)
    findings += validate_frame(
        raw_tension_list_schema(), frame, file_name=file_name, sheet=None,
        headers={column: column for column in COLUMNS},
    )  # fmt: skip
    findings += _unknown_codes(frame, file_name) + _duplicates(frame, file_name)
    years = FILE_YEAR.findall(file_name)
    period = years[-1] if years else None
    if period is None:
        findings.append(Finding("no-period-in-file-name", file=file_name, value=file_name))
    if any(finding.severity == "error" for finding in findings):
        return ParseResult(period, None, findings, contract.stats)
    kept = frame[frame["region"].isin(STATUSES)]
    findings += _outside(len(frame) - len(kept), file_name)
    signals = harmonize_tension_list(kept, str(period))
    stats = contract.stats | {
        "statuses": signals["status"].value_counts().to_dict(),
        "rows_outside_area": len(frame) - len(kept),
    }
    return ParseResult(period, None, findings, stats, shortage_signals=signals)


def _unknown_codes(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    codes = frame["code fap"]
    unknown = frame[codes.map(lambda c: bool(FAP_CODE.fullmatch(c)) and c not in fap2009_codes())]
    return [
        Finding(
            "unknown-occupation-code",
            file=file_name,
            row=int(row),
            column="code fap",
            value=code,
            params={"system": "FAP2009"},
        )
        for row, code in zip(unknown.index.tolist(), unknown["code fap"], strict=True)
    ]


def _duplicates(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    keys = frame[["region", "code fap"]]
    repeated = frame[keys.duplicated(keep="first") & (frame["code fap"] != "")]
    return [
        Finding("duplicate-occupation", file=file_name, row=int(row), column="code fap", value=code)
        for row, code in zip(repeated.index.tolist(), repeated["code fap"], strict=True)
    ]


def _outside(count: int, file_name: str) -> list[Finding]:
    if not count:
        return []
    params = {"count": str(count), "area": AREA}
    return [Finding("outside-reference-area", file=file_name, params=params, severity="warning")]


def harmonize_tension_list(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """One signal per family and list; reasons stay unknown (NULL), never False."""
    signals = pd.DataFrame(
        {
            "dataset": DATASET,
            "period": period,
            "occupation_system": "bmo-metier",
            "occupation_version": "fap2009",
            "occupation_code": frame["code fap"],
            "occupation_label": frame["famille professionnelle"],
            "occupation_group": None,
            "competent_code": None,
            "status": frame["region"].map(STATUSES),
            **{reason: pd.Series(pd.NA, index=frame.index, dtype="boolean")
               for reason in SHORTAGE_REASONS},
        },
        index=frame.index,
    )  # fmt: skip
    signals = signals[list(SHORTAGE_SIGNAL_COLUMNS)]
    SHORTAGE_SIGNAL_SCHEMA.validate(signals, lazy=True)
    return signals.reset_index(names="source_row")
