"""`vdab-vacancies`: a VDAB JSON contract file: vacancy records → vacancies received per
arrondissement (NIS 2025) × Competent code, for the period the file declares; when the records
carry the employer's activity code (`nace`), also per NACE section (records without one under
`_U`, sector unknown), so that the sections of a cell add up to its all-sector total.

Record i of `vacancies` is reported as row i (1-based) and its field as the column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from schemas.canonical import PERIOD_SHAPES, TOTAL, UNKNOWN_SECTOR
from schemas.raw.codes import BE_POSTAL_CODE
from schemas.raw.vdab_vacancies import FIELDS, HEADER_KEYS, NACE_CODE, VERSION, is_iso_date
from services.harmonizer.adapters.base import (
    Adapter,
    Harmonized,
    RawTable,
    observation_frame,
)
from services.harmonizer.errors import Finding, finding_order
from services.harmonizer.geography import NIS_VINTAGE, place_of_postal_code
from services.harmonizer.mappings.links import nace_section_of
from services.harmonizer.readers.json_document import contract_mismatch, read_json

GEO_SYSTEM: Final = "be-arrondissement"


@dataclass(frozen=True, kw_only=True)
class VacancyFile(RawTable):
    """The records as text cells (record i is row i), and the document's header."""

    document: dict[str, Any]


class VdabVacancies(Adapter[VacancyFile]):
    def read(self, content: bytes, file_name: str) -> VacancyFile:
        document = self.read_document(content, file_name)
        frame = records_frame(document["vacancies"])
        stats = {"format": "json", "records": len(frame),
                 "synthetic": document.get("synthetic") is True}  # fmt: skip
        return VacancyFile(file_name=file_name, frame=frame, stats=stats, document=document)

    def read_document(self, content: bytes, file_name: str) -> dict[str, Any]:
        """The JSON document with a valid header; raises ValidationFailed."""
        document = read_json(content, file_name)
        contract = self.source.id  # the contract is named after the source
        if not isinstance(document, dict):
            raise contract_mismatch(file_name, contract, "the document is not an object")
        missing = [key for key in HEADER_KEYS if key not in document]
        if missing:
            raise contract_mismatch(file_name, contract, "missing " + ", ".join(missing))
        if (document["contract"], document["version"]) != (contract, VERSION):
            detail = (f"contract {document['contract']!r} version {document['version']!r}, "
                      f"expected {contract!r} {VERSION!r}")  # fmt: skip
            raise contract_mismatch(file_name, contract, detail)
        if not isinstance(document["vacancies"], list):
            raise contract_mismatch(file_name, contract, "vacancies is not a list")
        return document

    def check(self, table: VacancyFile) -> list[Finding]:
        """The header's period and at least one record first; then every record."""
        findings = _period_findings(table.document, table.file_name)
        if table.frame.empty:
            findings.append(Finding("no-data-rows", file=table.file_name))
        if findings:
            return findings
        findings = self.validate(table) + _content_findings(
            table.frame, table.document, table.file_name
        )
        return sorted(findings, key=finding_order)

    def period(self, table: VacancyFile) -> str | None:
        return str(table.document["period"])

    def harmonize(self, table: VacancyFile, period: str | None) -> Harmonized:
        assert period is not None
        period_type = str(table.document["period_type"])
        observations = self.observations(table.frame, period, period_type)
        return Harmonized(observations=observations, stats={"cells": len(observations)})

    def observations(self, frame: pd.DataFrame, period: str, period_type: str) -> pd.DataFrame:
        """Count the vacancies of each arrondissement × Competent code (× NACE section)."""
        places = {code: place_of_postal_code(code) for code in frame["postal_code"].unique()}
        # Every postal code exists here: unknown ones rejected the file before aggregation.
        arrondissements = {code: place.arrondissement for code, place in places.items() if place}
        records = frame.assign(
            geo_code=frame["postal_code"].map({c: a.nis_code for c, a in arrondissements.items()}),
            geo_label=frame["postal_code"].map({c: a.label_nl for c, a in arrondissements.items()}),
            occupation_label=frame["beroep"].where(frame["beroep"] != "", frame["competent_code"]),
            nace_section=TOTAL,
        )
        if (frame["nace"] != "").any():
            sections = frame["nace"].map(lambda code: nace_section_of(code) or UNKNOWN_SECTOR)
            records = pd.concat([records, records.assign(nace_section=sections)], ignore_index=True)
        keys = ["geo_code", "competent_code", "nace_section"]
        cells = records.groupby(keys, as_index=False).agg(
            geo_label=("geo_label", "first"),
            occupation_label=("occupation_label", "first"),
            value=("vacancy_id", "size"),
        )
        return observation_frame(
            {
                "source_row": None,
                "dataset": self.source.dataset,
                "period": period,
                "period_type": period_type,
                "geo_system": GEO_SYSTEM,
                "geo_vintage": NIS_VINTAGE,
                "geo_code": cells["geo_code"],
                "geo_label": cells["geo_label"],
                "occupation_system": "competent",
                "occupation_version": cells["competent_code"].map(
                    lambda code: "2.0" if code.startswith("OP-") else "1"
                ),
                "occupation_code": cells["competent_code"],
                "occupation_label": cells["occupation_label"],
                "nace_section": cells["nace_section"],
                "indicator": "vacancies_received",
                "unit": "vacancies",
                "coverage": "direct_excl_interim",
                "value": cells["value"].astype("float64"),
            }
        )


def _period_findings(document: dict[str, Any], file_name: str) -> list[Finding]:
    period, period_type = str(document["period"]), str(document["period_type"])
    shape = PERIOD_SHAPES.get(period_type)
    if shape is None or shape.fullmatch(period) is None:
        return [Finding("invalid-period", file=file_name, column="period", value=period)]
    return []


def records_frame(records: list[Any]) -> pd.DataFrame:
    rows = {
        number: {
            field: ""
            if not isinstance(record, dict) or record.get(field) is None
            else str(record[field]).strip()
            for field in FIELDS
        }
        for number, record in enumerate(records, start=1)
    }
    return pd.DataFrame.from_dict(rows, orient="index", columns=list(FIELDS)).astype(str)


def _period_months(period: str, period_type: str) -> tuple[str, str]:
    """First and last day-of-month prefixes (YYYY-MM) a received date may have."""
    year = int(period[:4])
    if period_type == "year":
        return f"{year}-01", f"{year}-12"
    if period_type == "quarter":
        last = int(period[-1]) * 3
        return f"{year}-{last - 2:02d}", f"{year}-{last:02d}"
    month = int(period[-2:])
    if period_type == "month":
        return f"{year}-{month:02d}", f"{year}-{month:02d}"
    start = year * 12 + month - 12  # rolling 12 months ending with `period`
    return f"{start // 12}-{start % 12 + 1:02d}", f"{year}-{month:02d}"


def _content_findings(
    frame: pd.DataFrame, document: dict[str, Any], file_name: str
) -> list[Finding]:
    """Dates inside the period; postal codes that exist (after the schema's format checks)."""
    first, last = _period_months(str(document["period"]), str(document["period_type"]))
    findings = _nace_findings(frame, file_name)
    for row, received, postal_code in zip(
        frame.index, frame["received_date"], frame["postal_code"], strict=True
    ):
        if is_iso_date(received) and not first <= received[:7] <= last:
            findings.append(
                Finding(
                    "date-outside-period",
                    file=file_name,
                    row=int(row),
                    column="received_date",
                    value=received,
                    params={"reference": str(document["period"])},
                )
            )
        if BE_POSTAL_CODE.fullmatch(postal_code) and place_of_postal_code(postal_code) is None:
            findings.append(
                Finding(
                    "unknown-postal-code",
                    file=file_name,
                    row=int(row),
                    column="postal_code",
                    value=postal_code,
                )
            )
    return findings


def _nace_findings(frame: pd.DataFrame, file_name: str) -> list[Finding]:
    """Activity codes well formed (raw schema) but naming no NACE division."""
    return [
        Finding("unknown-nace-code", file=file_name, row=int(row), column="nace", value=code)
        for row, code in zip(frame.index, frame["nace"], strict=True)
        if NACE_CODE.fullmatch(code) and nace_section_of(code) is None
    ]
