"""`vdab-shortage`: a VDAB knelpuntberoepen list (CSV contract) into shortage signals.

A list says which occupations are short and why; it holds no counts, so it is stored in the
shortage_signals table, not as observations. Reasons the list does not give stay unknown (NULL).
"""

from __future__ import annotations

import pandas as pd

from schemas.raw.vdab_shortage import COLUMNS, FLAGS, REASON_COLUMNS, REQUIRED
from services.harmonizer.adapters.base import ContractCsvAdapter, Harmonized, RawTable, signal_frame
from services.harmonizer.adapters.checks import other_periods, repeated_keys, sole_value
from services.harmonizer.errors import Finding
from services.harmonizer.vdab_beroepen import lookup_version, resolve


class VdabShortage(ContractCsvAdapter):
    columns = COLUMNS
    required = REQUIRED

    def check(self, table: RawTable) -> list[Finding]:
        frame, name = table.frame, table.file_name
        return [
            *self.validate(table),
            *other_periods(frame, "jaar", name),
            *repeated_keys(frame, ["beroep"], code="duplicate-occupation", column="beroep",
                           file_name=name, filled="beroep"),
        ]  # fmt: skip

    def period(self, table: RawTable) -> str | None:
        return sole_value(table.frame, "jaar")

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        signals = self.signals(table.frame)
        stats = {
            "occupation_lookup": lookup_version(),
            "reasons_known": int(signals["reason_quantitative"].notna().sum()),
        }
        return Harmonized(
            shortage_signals=signals, findings=_unresolved(table.frame, table.file_name),
            stats=stats,
        )  # fmt: skip

    def signals(self, frame: pd.DataFrame) -> pd.DataFrame:
        """One signal per beroep; a code given in the file beats the label lookup."""
        resolved = frame["beroep"].map(lambda label: resolve(label).competent_code)
        columns = {
            "dataset": self.source.dataset,
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
        }
        return signal_frame(columns, frame.index)


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
