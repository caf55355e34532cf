"""A bulletin release (the documents of services/bulletin/read.py, one per language) as a table
of cells: zone × occupation × sector × indicator × source × reference period, with its flags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from schemas.canonical import TOTAL
from services.bulletin.indicators import ALL_SECTORS
from services.i18n import LANGUAGES, N_, gettext
from services.publish.model import Column, Table, with_notice

ALL_OCCUPATIONS: Final = N_("All occupations")

BULLETIN_COLUMNS: Final = (
    Column("zone", "dimension", N_("Zone"), codelist="zone"),
    Column("zone_label", "label", N_("Zone name")),
    Column("occupation_code", "dimension", N_("Occupation (ISCO-08)"), codelist="occupation"),
    Column("occupation_level", "attribute", N_("Occupation level"), "integer"),
    Column("occupation_label", "label", N_("Occupation")),
    Column("nace_section", "dimension", N_("Sector (NACE)"), codelist="nace"),
    Column("indicator", "dimension", N_("Indicator"), codelist="indicator"),
    Column("coverage", "dimension", N_("Coverage")),
    Column("source_id", "dimension", N_("Source")),
    Column("reference_period", "time", N_("Reference period")),
    Column("period_type", "attribute", N_("Period type")),
    Column("unit", "attribute", N_("Unit")),
    Column("value", "measure", N_("Value"), "number"),
    Column("obs_status", "attribute", N_("Observation status"), codelist="OBS_STATUS"),
    Column("conf_status", "attribute", N_("Confidentiality status"), codelist="CONF_STATUS"),
    Column("previous_quarter", "attribute", N_("Previous quarter"), "number"),
    Column("previous_year", "attribute", N_("A year earlier"), "number"),
    Column("flags", "attribute", N_("Flags")),
)


def _labels(documents: Mapping[str, Mapping[str, Any]], items: str, key: str, label: str
            ) -> dict[str, dict[str, str]]:  # fmt: skip
    """code → {language: label} gathered from the same list in each language's document."""
    codes: dict[str, dict[str, str]] = {}
    for language, document in documents.items():
        for item in document.get(items, []):
            codes.setdefault(str(item[key]), {})[language] = str(item.get(label) or item[key])
    return codes


def _totals(msgid: str) -> dict[str, str]:
    return {language: gettext(msgid, language) for language in LANGUAGES}


def bulletin_codes(documents: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    occupations = _labels(documents, "cells", "occupation_code", "occupation_label")
    occupations[TOTAL] = _totals(ALL_OCCUPATIONS)
    sectors = _labels(documents, "cells", "nace_section", "nace_label")
    sectors[TOTAL] = _totals(ALL_SECTORS)
    return {
        "zone": _labels(documents, "zones", "code", "name"),
        "indicator": _labels(documents, "indicators", "code", "label"),
        "occupation": occupations,
        "nace": sectors,
    }


def _submissions(inputs: Mapping[str, Any]) -> str:
    return " ".join(
        f"{item.get('id')}:{item.get('source_id')}:{item.get('sha256')}"
        for item in inputs.get("submissions", [])
    )


def bulletin_provenance(document: Mapping[str, Any]) -> dict[str, str]:
    """Release, revision, state and dates, and the inputs the release was built from."""
    inputs = document.get("inputs") or {}
    provenance = {
        "release": str(document["period"]),
        "revision": str(document["revision"]),
        "state": str(document.get("state", "")),
        "created_at": str(document.get("created_at") or ""),
        "published_at": str(document.get("published_at") or ""),
        "mapping_version": str(inputs.get("mapping_version") or ""),
        "code_version": str(inputs.get("code_version") or ""),
        "submissions": _submissions(inputs),
    }
    return {name: value for name, value in provenance.items() if value}


def _row(cell: Mapping[str, Any], zone_names: Mapping[str, str]) -> dict[str, Any]:
    flags = cell.get("flags") or []
    return {**cell, "zone_label": zone_names.get(str(cell.get("zone")), ""),
            "flags": " ".join(str(flag) for flag in flags)}  # fmt: skip


def bulletin_table(documents: Mapping[str, Mapping[str, Any]], language: str) -> Table:
    """The cells of the release in ``language`` (labels), code lists in every language given."""
    document = documents[language]
    zone_names = {str(zone["code"]): str(zone.get("name", "")) for zone in document["zones"]}
    return Table(
        id="bulletin",
        title=N_("Cross-border hiring needs bulletin"),
        columns=BULLETIN_COLUMNS,
        rows=[_row(cell, zone_names) for cell in document["cells"]],
        provenance=bulletin_provenance(document),
        attribution=with_notice(document.get("attribution", [])),
        codes=bulletin_codes(documents),
        version=f"{document['revision']}.0",
    )
