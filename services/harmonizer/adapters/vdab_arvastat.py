"""`vdab-arvastat`: a VDAB Arvastat export (XLSX or CSV): beroep rows → canonical observations
of vacancies received.

Geography: the export has no place column and VDAB's vacancies are those of the Flemish Region,
so every figure is stored for NUTS 2021 `BE2` (Vlaams Gewest). Occupations: Arvastat names its
beroepen by label only, so the label is the code (system `arvastat-beroep`); its Competent and
ISCO-08 codes come from vdab_beroepen, and a label without both is a warning, not a rejection.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Final

import pandas as pd
import pandera.pandas as pa

from schemas.canonical import TOTAL
from schemas.raw.vdab_arvastat import SUPPRESSED, count_value, month_number, raw_schema
from services.harmonizer.adapters.base import Adapter, Harmonized, has_errors, observation_frame
from services.harmonizer.adapters.checks import repeated_keys
from services.harmonizer.adapters.vdab_arvastat_sheet import RawArvastat, read_arvastat
from services.harmonizer.errors import Finding
from services.harmonizer.vdab_beroepen import lookup_version, resolve
from services.harmonizer.vdab_periods import (
    Period,
    PeriodError,
    month_period,
    parse_period_label,
    series_submission_period,
)

TITLES: Final = {"ontvangen vacatures": "vacancies_received"}
PERIOD_LABEL_ROW: Final = 4
GEO: Final = {
    "geo_system": "nuts",
    "geo_vintage": "2021",
    "geo_code": "BE2",
    "geo_label": "Vlaams Gewest",
}
# The code system of mappings/ (issue 3); its version is the month the label list was current,
# i.e. the last month of the export's period.
OCCUPATION_SYSTEM: Final = "arvastat-beroep"
SMALL_COUNT_MAX: Final = 3  # Arvastat suppresses 1, 2 and 3
# An export filtered on a sector says so above the header ("Sector: bouw"): its figures are that
# sector's vacancies only, stored under its NACE Rev. 2 section, never as all sectors (`_T`).
# Only the sectors whose Arvastat name is known are listed; any other is an error, not a guess.
SECTOR_LINE: Final = re.compile(r"\s*sector\s*:\s*(?P<name>.+?)\s*$", re.IGNORECASE)
ARVASTAT_SECTORS: Final = {"bouw": "F"}  # bouw = construction, NACE section F (41–43)


class VdabArvastat(Adapter[RawArvastat]):
    def read(self, content: bytes, file_name: str) -> RawArvastat:
        raw = read_arvastat(content, file_name)
        stats = {**raw.stats, "sheet": raw.sheet, "title": raw.title, "rows": len(raw.frame),
                 "header_row": raw.header_row}  # fmt: skip
        return replace(raw, stats=stats)

    def raw_schema(self, table: RawArvastat) -> pa.DataFrameSchema:
        return raw_schema(table.monthly)

    def check(self, table: RawArvastat) -> list[Finding]:
        """The title, period and sector above the header, the rows, then duplicates and the
        Totaal row once the rows are sound."""
        locate: dict[str, Any] = {"file": table.file_name, "sheet": table.sheet}
        findings = _title_findings(table, locate)
        findings += _file_period(table, locate)[1] + file_sector(table.preamble, locate)[1]
        findings += self.validate(table)
        if not has_errors(findings):
            beroep = table.header_of()["beroep"]
            findings += repeated_keys(
                table.frame, ["month", "beroep"], code="duplicate-occupation", column="beroep",
                file_name=table.file_name, header=beroep, sheet=table.sheet,
            )  # fmt: skip
            findings += _total_findings(table, locate)
        return findings

    def period(self, table: RawArvastat) -> str | None:
        if table.monthly:
            months = [m for m in table.frame["month"].map(month_number) if m is not None]
            return series_submission_period(months) if months else None
        period = _file_period(table, {})[0]
        return period.submission_period if period else None

    def ready(self, table: RawArvastat, period: str | None) -> bool:
        return table.monthly or _file_period(table, {})[0] is not None

    def harmonize(self, table: RawArvastat, period: str | None) -> Harmonized:
        locate: dict[str, Any] = {"file": table.file_name, "sheet": table.sheet}
        sector = file_sector(table.preamble, locate)[0]
        observations = self.observations(table, _file_period(table, locate)[0], sector)
        stats = {**_summary(table, observations), "nace_section": sector}
        return Harmonized(
            observations=observations, findings=_unresolved(table, locate), stats=stats
        )

    def observations(
        self, raw: RawArvastat, period: Period | None, sector: str = TOTAL
    ) -> pd.DataFrame:
        """One observation per beroep (× month); a suppressed count is value NaN + conf_status C."""
        frame = raw.frame
        suppressed = frame["totaal"] == SUPPRESSED
        periods, period_types = _row_periods(raw, period)
        columns = {
            "dataset": self.source.dataset,
            "period": periods,
            "period_type": period_types,
            **GEO,
            "occupation_system": OCCUPATION_SYSTEM,
            "occupation_version": label_vintage(str(periods.max())),
            "occupation_code": frame["beroep"],
            "occupation_label": frame["beroep"],
            "nace_section": sector,
            "indicator": TITLES[_norm(raw.title)],
            "unit": "vacancies",
            "coverage": "direct_excl_interim",
            "value": frame["totaal"].map(count_value).astype("float64"),
            "obs_status": suppressed.map({True: "O", False: "A"}),
            "conf_status": suppressed.map({True: "C", False: "F"}),
        }
        return observation_frame(columns, index=frame.index).reset_index(names="source_row")


def _title_findings(raw: RawArvastat, locate: dict[str, Any]) -> list[Finding]:
    if _norm(raw.title) in TITLES:
        return []
    expected = ", ".join(f"“{title.capitalize()}”" for title in TITLES)
    return [
        Finding(
            "unknown-title",
            **locate,
            row=1,
            column="A",
            value=raw.title,
            params={"expected": expected},
        )
    ]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _file_period(raw: RawArvastat, locate: dict[str, Any]) -> tuple[Period | None, list[Finding]]:
    """The period of the label above the header (not needed by the month-by-month variant)."""
    candidates = {row: text for row, text in raw.preamble.items() if re.search(r"\d{4}", text)}
    if not candidates:
        if raw.monthly:
            return None, []
        return None, [Finding("missing-period-label", **locate, row=PERIOD_LABEL_ROW, column="A")]
    row = PERIOD_LABEL_ROW if PERIOD_LABEL_ROW in candidates else min(candidates)
    try:
        return parse_period_label(candidates[row]), []
    except PeriodError as error:
        finding = Finding(
            error.code, **locate, row=row, column="A", value=candidates[row], params=error.params
        )
        return None, [finding]


def file_sector(preamble: dict[int, str], locate: dict[str, Any]) -> tuple[str, list[Finding]]:
    """The NACE section of a "Sector: …" filter line above the header; `_T` without one."""
    for row, text in sorted(preamble.items()):
        match = SECTOR_LINE.fullmatch(text)
        if match is None:
            continue
        name = _norm(match["name"])
        if name in ARVASTAT_SECTORS:
            return ARVASTAT_SECTORS[name], []
        expected = ", ".join(f"“{known}”" for known in ARVASTAT_SECTORS)
        finding = Finding(
            "unknown-sector", **locate, row=row, column="A", value=text,
            params={"expected": expected},
        )  # fmt: skip
        return TOTAL, [finding]
    return TOTAL, []


def _row_periods(raw: RawArvastat, period: Period | None) -> tuple[pd.Series, pd.Series]:
    if raw.monthly:
        periods = raw.frame["month"].map(lambda text: month_period(*month_number(text)))  # type: ignore[misc]
        return periods, pd.Series("month", index=raw.frame.index)
    assert period is not None
    return (
        pd.Series(period.period, index=raw.frame.index),
        pd.Series(period.period_type, index=raw.frame.index),
    )


def label_vintage(period: str) -> str:
    """2026-M04 → 2026-04; 2026-Q1 → 2026-03; 2025 → 2025-12."""
    if "-M" in period:
        return period.replace("-M", "-")
    if "-Q" in period:
        return f"{period[:4]}-{int(period[-1]) * 3:02d}"
    return f"{period}-12"


def _total_findings(raw: RawArvastat, locate: dict[str, Any]) -> list[Finding]:
    """The Totaal row must equal the published rows plus 1–3 per suppressed cell."""
    if raw.totals.empty:
        last_row = int(raw.frame.index.max()) + 1 if len(raw.frame) else raw.header_row + 1
        return [Finding("missing-total-row", **locate, row=last_row)]
    column = raw.header_of()["totaal"]
    findings = []
    for row, month, total_text in raw.totals.itertuples(name=None):
        rows = raw.frame if month == "" else raw.frame[raw.frame["month"] == month]
        total = count_value(total_text)
        if total is None:
            findings.append(
                Finding("value-not-count", **locate, row=int(row), column=column, value=total_text)
            )
            continue
        published = int(rows["totaal"].map(count_value).fillna(0).sum())
        suppressed = int((rows["totaal"] == SUPPRESSED).sum())
        if not published + suppressed <= total <= published + SMALL_COUNT_MAX * suppressed:
            params = {"reference": str(published), "suppressed": str(suppressed)}
            findings.append(
                Finding(
                    "total-mismatch",
                    **locate,
                    row=int(row),
                    column=column,
                    value=str(total),
                    params=params,
                )
            )
    return findings


def _unresolved(raw: RawArvastat, locate: dict[str, Any]) -> list[Finding]:
    """One warning per beroep label without both a Competent and an ISCO-08 code."""
    first_rows = raw.frame.reset_index().drop_duplicates("beroep")
    return [
        Finding(
            "unresolved-occupation-label",
            **locate,
            row=int(row),
            column=raw.header_of()["beroep"],
            value=label,
            severity="warning",
        )
        for row, label in zip(first_rows["row"], first_rows["beroep"], strict=True)
        if not resolve(label).complete
    ]


def _summary(raw: RawArvastat, observations: pd.DataFrame) -> dict[str, Any]:
    labels = raw.frame["beroep"].unique().tolist()
    resolutions = {label: resolve(label) for label in labels}
    unresolved = sorted(label for label, found in resolutions.items() if not found.complete)
    return {
        "period_type": str(observations["period_type"].iloc[0]),
        "preamble": {str(row): text for row, text in raw.preamble.items()},
        "value_sum": int(observations["value"].sum()),
        "suppressed_cells": int((observations["conf_status"] == "C").sum()),
        "occupation_lookup": lookup_version(),
        "occupations_resolved": {
            label: {"competent": found.competent_code, "isco08": found.isco08_code}
            for label, found in resolutions.items()
            if found.complete
        },
        "occupations_unresolved": unresolved,
    }
