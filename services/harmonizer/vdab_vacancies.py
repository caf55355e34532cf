"""Harmonize a `vdab-vacancies` JSON file: vacancy records → vacancies received per
arrondissement (NIS 2025) × Competent code, for the period the file declares; when the records
carry the employer's activity code (`nace`), also per NACE section (records without one under
`_U`, sector unknown), so that the sections of a cell add up to its all-sector total.

Record i of `vacancies` is reported as row i (1-based) and its field as the column.
"""

from __future__ import annotations

import json
from typing import Any, Final

import pandas as pd

from schemas.canonical import (
    ALL_SECTORS,
    OBSERVATION_COLUMNS,
    OBSERVATION_SCHEMA,
    PERIOD_SHAPES,
    UNKNOWN_SECTOR,
)
from schemas.raw.vdab_vacancies import (
    CONTRACT,
    FIELDS,
    HEADER_KEYS,
    NACE_CODE,
    POSTAL_CODE,
    VERSION,
    is_iso_date,
    raw_vacancies_schema,
)
from services.harmonizer.errors import Finding, ValidationFailed
from services.harmonizer.geography import NIS_VINTAGE, place_of_postal_code
from services.harmonizer.mappings.links import nace_section_of
from services.harmonizer.parsing import ParseResult
from services.harmonizer.validation import validate_frame

DATASET: Final = "vacancies"
GEO_SYSTEM: Final = "be-arrondissement"


def _mismatch(file_name: str, detail: str) -> ValidationFailed:
    params = {"contract": CONTRACT, "detail": detail}
    return ValidationFailed([Finding("contract-mismatch", file=file_name, params=params)])


def read_document(content: bytes, file_name: str) -> dict[str, Any]:
    """The JSON document with a valid header; raises ValidationFailed."""
    if not content:
        raise ValidationFailed([Finding("empty-file", file=file_name)])
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        finding = Finding("not-json", file=file_name, params={"detail": str(error)})
        raise ValidationFailed([finding]) from error
    if not isinstance(document, dict):
        raise _mismatch(file_name, "the document is not an object")
    missing = [key for key in HEADER_KEYS if key not in document]
    if missing:
        raise _mismatch(file_name, "missing " + ", ".join(missing))
    if (document["contract"], document["version"]) != (CONTRACT, VERSION):
        raise _mismatch(
            file_name,
            f"contract {document['contract']!r} version "
            f"{document['version']!r}, expected {CONTRACT!r} {VERSION!r}",
        )
    if not isinstance(document["vacancies"], list):
        raise _mismatch(file_name, "vacancies is not a list")
    return document


def _period_findings(document: dict[str, Any], file_name: str) -> list[Finding]:
    period, period_type = str(document["period"]), str(document["period_type"])
    shape = PERIOD_SHAPES.get(period_type)
    if shape is None or shape.fullmatch(period) is None:
        return [Finding("invalid-period", file=file_name, column="period", value=period)]
    return []


def _frame(records: list[Any]) -> pd.DataFrame:
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
        if POSTAL_CODE.fullmatch(postal_code) and place_of_postal_code(postal_code) is None:
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


def parse_vdab_vacancies(content: bytes, file_name: str) -> ParseResult:
    """Read, validate and aggregate one vacancies file; raises ValidationFailed if unreadable."""
    document = read_document(content, file_name)
    period = str(document["period"])
    frame = _frame(document["vacancies"])
    stats: dict[str, Any] = {
        "format": "json",
        "records": len(frame),
        "synthetic": document.get("synthetic") is True,
    }
    findings = _period_findings(document, file_name)
    if frame.empty:
        findings.append(Finding("no-data-rows", file=file_name))
    if findings:
        return ParseResult(period, None, findings, stats)
    findings = validate_frame(
        raw_vacancies_schema(),
        frame,
        file_name=file_name,
        sheet=None,
        headers={field: field for field in FIELDS},
    )
    findings += _content_findings(frame, document, file_name)
    if findings:
        return ParseResult(period, None, sorted(findings, key=_order), stats)
    observations = aggregate_vacancies(frame, period, str(document["period_type"]))
    stats["cells"] = len(observations)
    return ParseResult(period, observations, [], stats)


def _order(finding: Finding) -> tuple[int, str, str]:
    return (finding.row or 0, finding.column or "", finding.code)


def aggregate_vacancies(frame: pd.DataFrame, period: str, period_type: str) -> pd.DataFrame:
    """Count the vacancies of each arrondissement × Competent code (× NACE section)."""
    places = {code: place_of_postal_code(code) for code in frame["postal_code"].unique()}
    # Every postal code exists here: unknown ones rejected the file before aggregation.
    arrondissements = {code: place.arrondissement for code, place in places.items() if place}
    records = frame.assign(
        geo_code=frame["postal_code"].map({c: a.nis_code for c, a in arrondissements.items()}),
        geo_label=frame["postal_code"].map({c: a.label_nl for c, a in arrondissements.items()}),
        occupation_label=frame["beroep"].where(frame["beroep"] != "", frame["competent_code"]),
        nace_section=ALL_SECTORS,
    )
    if (frame["nace"] != "").any():
        sections = frame["nace"].map(lambda code: nace_section_of(code) or UNKNOWN_SECTOR)
        records = pd.concat([records, records.assign(nace_section=sections)], ignore_index=True)
    cells = records.groupby(["geo_code", "competent_code", "nace_section"], as_index=False).agg(
        geo_label=("geo_label", "first"),
        occupation_label=("occupation_label", "first"),
        value=("vacancy_id", "size"),
    )
    observations = pd.DataFrame(
        {
            "source_row": None,
            "dataset": DATASET,
            "period": period,
            "period_type": period_type,
            "geo_system": GEO_SYSTEM,
            "geo_vintage": NIS_VINTAGE,
            "geo_code": cells["geo_code"],
            "geo_label": cells["geo_label"],
            "geo_department": None,
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
            "obs_status": "A",
            "conf_status": "F",
        }
    )
    OBSERVATION_SCHEMA.validate(observations[list(OBSERVATION_COLUMNS)], lazy=True)
    return observations
