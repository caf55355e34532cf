"""`france-travail-tension-list`: the official French list of métiers en tension (CSV) into
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

import re
from typing import Final

import pandas as pd

from schemas.raw.france_travail_tension_list import COLUMNS, FAP_CODE, NATIONAL, REQUIRED
from services.harmonizer.adapters.base import ContractCsvAdapter, Harmonized, RawTable, signal_frame
from services.harmonizer.adapters.checks import outside_area, repeated_keys
from services.harmonizer.errors import Finding
from services.harmonizer.mappings.codelists import fap2009_labels
from services.i18n import N_

REGION: Final = "Hauts-de-France"
STATUSES: Final = {REGION: "tension-regional", NATIONAL: "tension-national"}
AREA: Final = N_("the lists of Hauts-de-France and of the whole of France")
FILE_YEAR: Final = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


def fap2009_codes() -> frozenset[str]:
    return frozenset(fap2009_labels())


class FranceTravailTensionList(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def check(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        findings = [
            *self.validate(table),
            *_unknown_codes(frame, name),
            *repeated_keys(frame, ["region", "code fap"], code="duplicate-occupation",
                           column="code fap", file_name=name, filled="code fap"),
        ]  # fmt: skip
        if self.period(table) is None:
            findings.append(Finding("no-period-in-file-name", file=name, value=name))
        return findings

    def period(self, table: RawTable) -> str | None:
        """The list holds no year: the last year in the file name (`…_mars_2024.csv`)."""
        years = FILE_YEAR.findall(table.file_name)
        return years[-1] if years else None

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        frame = table.frame
        kept = frame[frame["region"].isin(STATUSES)]
        signals = self.signals(kept, str(period))
        stats = {
            "statuses": signals["status"].value_counts().to_dict(),
            "rows_outside_area": len(frame) - len(kept),
        }
        findings = outside_area(len(frame) - len(kept), table.file_name, AREA)
        return Harmonized(shortage_signals=signals, findings=findings, stats=stats)

    def signals(self, frame: pd.DataFrame, period: str) -> pd.DataFrame:
        """One signal per family and list."""
        columns = {
            "dataset": self.source.dataset,
            "period": period,
            "occupation_system": "bmo-metier",
            "occupation_version": "fap2009",
            "occupation_code": frame["code fap"],
            "occupation_label": frame["famille professionnelle"],
            "occupation_group": None,
            "competent_code": None,
            "status": frame["region"].map(STATUSES),
        }
        return signal_frame(columns, frame.index)


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
