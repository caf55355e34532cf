"""Harmonize a VDAB Arvastat export: beroep rows → canonical observations of vacancies received.

Geography: the export has no place column and VDAB's vacancies are those of the Flemish Region,
so every figure is stored for NUTS 2021 `BE2` (Vlaams Gewest). Occupations: Arvastat names its
beroepen by label only, so the label is the code (system `arvastat-beroep`); its Competent and
ISCO-08 codes come from vdab_beroepen, and a label without both is a warning, not a rejection.
"""

from __future__ import annotations

import re
from typing import Any, Final

import pandas as pd

from schemas.canonical import ALL_SECTORS, OBSERVATION_COLUMNS, OBSERVATION_SCHEMA
from schemas.raw.vdab_arvastat import SUPPRESSED, count_value, month_number, raw_arvastat_schema
from services.harmonizer.adapters.vdab_arvastat import RawArvastat, read_arvastat
from services.harmonizer.errors import Finding
from services.harmonizer.parsing import ParseResult
from services.harmonizer.validation import validate_frame
from services.harmonizer.vdab_beroepen import lookup_version, resolve
from services.harmonizer.vdab_periods import (
    Period,
    PeriodError,
    month_period,
    parse_period_label,
    series_submission_period,
)

DATASET: Final = "arvastat-vacancies"
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


def parse_vdab_arvastat(content: bytes, file_name: str) -> ParseResult:
    """Read, validate and harmonize one Arvastat export; raises ValidationFailed if unreadable."""
    raw = read_arvastat(content, file_name)
    locate: dict[str, Any] = {"file": file_name, "sheet": raw.sheet}
    stats: dict[str, Any] = {
        **raw.stats,
        "sheet": raw.sheet,
        "title": raw.title,
        "rows": len(raw.frame),
        "header_row": raw.header_row,
    }
    findings = list(raw.warnings)
    if _norm(raw.title) not in TITLES:
        expected = ", ".join(f"“{title.capitalize()}”" for title in TITLES)
        findings.append(
            Finding(
                "unknown-title",
                **locate,
                row=1,
                column="A",
                value=raw.title,
                params={"expected": expected},
            )
        )
    period, period_findings = _file_period(raw, locate)
    sector, sector_findings = file_sector(raw.preamble, locate)
    findings += period_findings + sector_findings
    findings += validate_frame(
        raw_arvastat_schema(raw.monthly),
        raw.frame,
        file_name=file_name,
        sheet=raw.sheet,
        headers=raw.source_columns,
    )
    if not _has_errors(findings):
        findings += _duplicates(raw, locate) + _total_findings(raw, locate)
    submission_period = _submission_period(raw, period)
    if _has_errors(findings) or (period is None and not raw.monthly):
        return ParseResult(submission_period, None, findings, stats)
    observations = harmonize_arvastat(raw, period, sector)
    findings += _unresolved(raw, locate)
    stats.update(_summary(raw, observations), nace_section=sector)
    return ParseResult(submission_period, observations, findings, stats)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _has_errors(findings: list[Finding]) -> bool:
    return any(finding.severity == "error" for finding in findings)


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
        return ALL_SECTORS, [finding]
    return ALL_SECTORS, []


def _submission_period(raw: RawArvastat, period: Period | None) -> str | None:
    if raw.monthly:
        months = [m for m in raw.frame["month"].map(month_number) if m is not None]
        return series_submission_period(months) if months else None
    return period.submission_period if period else None


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


def harmonize_arvastat(
    raw: RawArvastat, period: Period | None, sector: str = ALL_SECTORS
) -> pd.DataFrame:
    """One observation per beroep (× month); a suppressed count is value NaN + conf_status C."""
    frame = raw.frame
    suppressed = frame["totaal"] == SUPPRESSED
    periods, period_types = _row_periods(raw, period)
    observations = pd.DataFrame(
        {
            "dataset": DATASET,
            "period": periods,
            "period_type": period_types,
            **GEO,
            "geo_department": None,
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
        },
        index=frame.index,
    ).reset_index(names="source_row")
    OBSERVATION_SCHEMA.validate(observations[list(OBSERVATION_COLUMNS)], lazy=True)
    return observations


def _duplicates(raw: RawArvastat, locate: dict[str, Any]) -> list[Finding]:
    repeated = raw.frame[raw.frame.duplicated(subset=["month", "beroep"], keep="first")]
    return [
        Finding(
            "duplicate-occupation",
            **locate,
            row=int(row),
            column=raw.source_columns["beroep"],
            value=str(label),
        )
        for row, label in zip(repeated.index.tolist(), repeated["beroep"], strict=True)
    ]


def _total_findings(raw: RawArvastat, locate: dict[str, Any]) -> list[Finding]:
    """The Totaal row must equal the published rows plus 1–3 per suppressed cell."""
    if raw.totals.empty:
        last_row = int(raw.frame.index.max()) + 1 if len(raw.frame) else raw.header_row + 1
        return [Finding("missing-total-row", **locate, row=last_row)]
    column = raw.source_columns["totaal"]
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
            column=raw.source_columns["beroep"],
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
