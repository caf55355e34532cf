"""`forem-shortage`: a Forem fonctions critiques / métiers en pénurie list (CSV contract) into
shortage signals, status `critical` or `penury`; reasons unknown (Forem gives none)."""

from __future__ import annotations

import pandas as pd

from schemas.raw.forem_shortage import COLUMNS, REQUIRED, STATUSES
from services.harmonizer.adapters.base import ContractCsvAdapter, Harmonized, RawTable, signal_frame
from services.harmonizer.adapters.checks import other_periods, repeated_keys, sole_value
from services.harmonizer.errors import Finding


class ForemShortage(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def check(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        return [
            *self.validate(table),
            *other_periods(frame, "annee", name),
            *repeated_keys(frame, ["code_rome"], code="duplicate-occupation", column="code_rome",
                           file_name=name, filled="code_rome"),
        ]  # fmt: skip

    def period(self, table: RawTable) -> str | None:
        return sole_value(table.frame, "annee")

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        signals = self.signals(table.frame)
        return Harmonized(
            shortage_signals=signals,
            stats={"statuses": signals["status"].value_counts().to_dict()},
        )

    def signals(self, frame: pd.DataFrame) -> pd.DataFrame:
        """One signal per ROME code."""
        columns = {
            "dataset": self.source.dataset,
            "period": frame["annee"],
            "occupation_system": "rome3",
            "occupation_version": "v3",
            "occupation_code": frame["code_rome"],
            "occupation_label": frame["metier"],
            "occupation_group": None,
            "competent_code": None,
            "status": frame["statut"].str.lower().map(STATUSES),
        }
        return signal_frame(columns, frame.index)
