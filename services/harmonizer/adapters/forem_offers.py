"""`forem-offers`: Le Forem open-data job offers (JSON or CSV) into offers published per month of
first publication × arrondissement (NIS 2025) × occupation, Forem's own offers apart, also per
NACE section of the first `secteurscodenace` division when the records carry it.

`metiercodedimeco` comes in two forms, each kept as given: a ROME v3 fiche (`M1805`:
`occupation_system = rome3`, `v3`) or, in records published since late 2025, a Competent code
with a variant suffix (`H250201-1`: `forem-competent`, `1`), which reaches ISCO-08 through its
7-character Competent stem, else the ROME v3 fiche of its first 5 characters.

Quirks, dated 2026-11 (formats-belgium.md §2.2; no real export was collected, so the shapes follow
the public API clients): records API v2.1 pages, the JSON export (plain list), the legacy v1
`records[].fields` wrapping and the `;` CSV export are all read. An offer counts once, at its
first work place: multi-place offers are counted in `stats.multi_place_offers`. Record i of a JSON
file is row i (1-based); a CSV row is its line number.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Final

import pandas as pd

from schemas.canonical import TOTAL, UNKNOWN_SECTOR
from schemas.raw.codes import BE_POSTAL_CODE, NACE_DIVISION
from schemas.raw.forem_offers import FIELDS, LIST_SEPARATOR, first_postal_code
from services.harmonizer.adapters.base import (
    Adapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.errors import Finding, ValidationFailed, finding_order
from services.harmonizer.geography import NIS_VINTAGE, place_of_postal_code
from services.harmonizer.mappings.forem_dimeco import system_of_code
from services.harmonizer.mappings.links import nace_section_of
from services.harmonizer.readers.delimited import read_delimited
from services.harmonizer.readers.json_document import contract_mismatch, read_json

GEO_SYSTEM: Final = "be-arrondissement"
# The open data mixes Forem's own offers with offers republished from other boards and PES
# (Jobat, …); only "Via site Forem" was seen for Forem's own (formats-belgium.md §2.2). The values
# met are listed in stats.sources so that this set can be checked against the first real pull.
FOREM_OWN_SOURCES: Final = frozenset({"Via site Forem"})
# A pull or an export is a snapshot of the offers online: each accepted one supersedes the last,
# so the current figures are those of the latest snapshot (months overlap between snapshots).
SNAPSHOT_PERIOD: Final = "snapshot"
REQUIRED_CSV_COLUMNS: Final = ("numerooffreforem", "metiercodedimeco", "lieuxtravailcodepostal")


class ForemOffers(Adapter[RawTable]):
    def read(self, content: bytes, file_name: str) -> RawTable:
        """Every offer as text cells (list fields joined by `,`), the stats and the warnings."""
        if not content:
            raise ValidationFailed([Finding("empty-file", file=file_name)])
        start = content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start in (b"{", b"["):
            frame, stats = self._json_frame(content, file_name)
            warnings: list[Finding] = []
        else:
            frame, stats, warnings = _csv_frame(content, file_name)
        stats["synthetic"] = stats.get("synthetic", False) or "SYNTHETIC" in file_name.upper()
        stats["records"] = len(frame)
        return RawTable(file_name=file_name, frame=frame, stats=stats, warnings=warnings)

    def records(self, content: bytes, file_name: str) -> tuple[list[Any], dict[str, Any]]:
        """The offer records of a JSON file, and the stats of its shape."""
        return records_of(read_json(content, file_name), file_name, self.source.id)

    def _json_frame(self, content: bytes, file_name: str) -> tuple[pd.DataFrame, dict[str, Any]]:
        records, stats = self.records(content, file_name)
        dicts = [record if isinstance(record, dict) else {} for record in records]
        columns = {field: [_cell(record.get(field)) for record in dicts] for field in FIELDS}
        frame = pd.DataFrame(columns, index=range(1, len(dicts) + 1), dtype=str)
        return frame, {**stats, "format": "json"}

    def check(self, table: RawTable) -> list[Finding]:
        if table.frame.empty:
            return [Finding("no-data-rows", file=table.file_name)]
        errors = (
            self.validate(table)
            + _unknown_postal_codes(table.frame, table.file_name)
            + _unknown_divisions(table.frame, table.file_name)
        )
        return sorted(errors, key=finding_order)

    def period(self, table: RawTable) -> str | None:
        return None if table.frame.empty else SNAPSHOT_PERIOD

    def harmonize(self, table: RawTable, period: str | None) -> Harmonized:
        observations = self.observations(table.frame)
        return Harmonized(observations=observations, stats=_offer_stats(table.frame, observations))

    def observations(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Count the offers of each month × arrondissement × occupation × coverage, also per
        NACE section of the first sector when the records carry `secteurscodenace`."""
        first_codes = frame["lieuxtravailcodepostal"].map(first_postal_code)
        places = {code: place_of_postal_code(code) for code in first_codes.unique()}
        # Every postal code exists here: unknown ones rejected the file before aggregation.
        nis = {code: place.arrondissement.nis_code for code, place in places.items() if place}
        labels = {code: place.arrondissement.label_fr for code, place in places.items() if place}
        # One label per code (the first offer's métier), so a code never has two labels.
        occupation_labels = frame.groupby("metiercodedimeco")["metier"].first()
        records = pd.DataFrame(
            {
                "period": frame["datedebutdiffusion"].str[:4]
                + "-M"
                + frame["datedebutdiffusion"].str[5:7],
                "geo_code": first_codes.map(nis),
                "geo_label": first_codes.map(labels),
                "occupation_code": frame["metiercodedimeco"],
                "coverage": frame["source"].map(
                    lambda source: "forem_own" if source in FOREM_OWN_SOURCES else "republished"
                ),
                "nace_section": TOTAL,
            }
        )
        if (frame["secteurscodenace"] != "").any():
            sections = frame["secteurscodenace"].map(first_section)
            records = pd.concat([records, records.assign(nace_section=sections)], ignore_index=True)
        keys = ["period", "geo_code", "occupation_code", "coverage", "nace_section"]
        cells = records.groupby(keys, as_index=False).agg(
            geo_label=("geo_label", "first"), value=("geo_code", "size")
        )
        label = cells["occupation_code"].map(occupation_labels)
        systems = cells["occupation_code"].map(system_of_code)
        return observation_frame(
            {
                "source_row": None,
                "dataset": self.source.dataset,
                "period": cells["period"],
                "period_type": "month",
                "geo_system": GEO_SYSTEM,
                "geo_vintage": NIS_VINTAGE,
                "geo_code": cells["geo_code"],
                "geo_label": cells["geo_label"],
                "occupation_system": systems.str[0],
                "occupation_version": systems.str[1],
                "occupation_code": cells["occupation_code"],
                "occupation_label": label.where(label != "", cells["occupation_code"]),
                "nace_section": cells["nace_section"],
                "indicator": "offers_published",
                "unit": "offers",
                "coverage": cells["coverage"],
                "value": cells["value"].astype("float64"),
            }
        )


def first_section(joined: str) -> str:
    """The NACE section of the first listed division (`18,58` → C); `_U` when none."""
    division = joined.split(LIST_SEPARATOR, 1)[0].strip()
    return (nace_section_of(division) if division else None) or UNKNOWN_SECTOR


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def records_of(document: Any, file_name: str, contract: str) -> tuple[list[Any], dict[str, Any]]:
    """The offer records of a v2.1 page, a JSON export or a v1 response, and their stats."""
    if isinstance(document, list):
        return document, {"shape": "export"}
    if not isinstance(document, dict):
        raise contract_mismatch(file_name, contract, "the document is neither a list nor an object")
    stats: dict[str, Any] = {"synthetic": document.get("synthetic") is True}
    if isinstance(document.get("results"), list):
        return document["results"], {**stats, "shape": "records-v2.1",
                                     "total_count": document.get("total_count")}  # fmt: skip
    if isinstance(document.get("records"), list):  # legacy v1: records[].fields
        records = [r.get("fields") if isinstance(r, dict) else r for r in document["records"]]
        return records, {**stats, "shape": "records-v1", "total_count": document.get("nhits")}
    raise contract_mismatch(
        file_name, contract, "no results list (records API v2.1) and no records list (v1)"
    )


def _csv_frame(
    content: bytes, file_name: str
) -> tuple[pd.DataFrame, dict[str, Any], list[Finding]]:
    table = read_delimited(content, file_name)
    rows = table.rows
    if not rows or not any(rows[0]):
        raise ValidationFailed([*table.warnings, Finding("no-data-rows", file=file_name)])
    names = [cell.strip().lower() for cell in rows[0]]
    missing = [column for column in REQUIRED_CSV_COLUMNS if column not in names]
    if missing:
        findings = [
            Finding("missing-column", file=file_name, row=1, params={"column": column})
            for column in missing
        ]
        raise ValidationFailed([*table.warnings, *findings])
    position = {name: index for index, name in enumerate(names)}
    data = {number: row for number, row in enumerate(rows[1:], start=2) if any(row)}
    columns = {
        field: [
            row[position[field]] if field in position and position[field] < len(row) else ""
            for row in data.values()
        ]
        for field in FIELDS
    }
    frame = pd.DataFrame(columns, index=list(data), dtype=str)
    stats = {"format": "csv", "encoding": table.encoding, "shape": "csv-export"}
    return frame, stats, table.warnings


def _unknown_postal_codes(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """Every listed work place must exist (syntax is the raw schema's check)."""
    known: dict[str, bool] = {}
    findings = []
    for row, joined in zip(frame.index, frame["lieuxtravailcodepostal"], strict=True):
        for code in (part.strip() for part in joined.split(LIST_SEPARATOR)):
            if BE_POSTAL_CODE.fullmatch(code) is None:
                continue
            if code not in known:
                known[code] = place_of_postal_code(code) is not None
            if not known[code]:
                findings.append(
                    Finding("unknown-postal-code", file=file_name, row=int(row),
                            column="lieuxtravailcodepostal", value=code)
                )  # fmt: skip
    return findings


def _unknown_divisions(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """Every listed division must be one of NACE Rev. 2 (syntax is the raw schema's check)."""
    return [
        Finding(
            "unknown-nace-code",
            file=file_name,
            row=int(row),
            column="secteurscodenace",
            value=division,
        )
        for row, joined in zip(frame.index, frame["secteurscodenace"], strict=True)
        for division in (part.strip() for part in joined.split(LIST_SEPARATOR) if joined)
        if NACE_DIVISION.fullmatch(division) and nace_section_of(division) is None
    ]


def _offer_stats(frame: pd.DataFrame, observations: pd.DataFrame) -> dict[str, Any]:
    coverage = observations.groupby("coverage")["value"].sum()
    return {
        "cells": len(observations),
        "offers_by_coverage": {key: int(value) for key, value in coverage.items()},
        "sources": dict(Counter(frame["source"]).most_common()),
        "multi_place_offers": int(frame["lieuxtravailcodepostal"].str.contains(",").sum()),
        "months": sorted(set(observations["period"])),
    }
