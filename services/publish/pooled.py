"""The pooled figures of every source (harmonized observations) as a download table, with the
query, the extraction time and the files (submission hashes) they come from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, Final
from urllib.parse import urlencode

from services.harmonizer.sources import SOURCES
from services.i18n import N_
from services.publish.model import Column, Table, with_notice

POOLED_COLUMNS: Final = (
    Column("dataset", "dimension", N_("Dataset")),
    Column("source_id", "attribute", N_("Source")),
    Column("geo_system", "dimension", N_("Geography system")),
    Column("geo_vintage", "dimension", N_("Geography vintage")),
    Column("geo_code", "dimension", N_("Place")),
    Column("geo_label", "label", N_("Place name")),
    Column("geo_department", "dimension", N_("Département"), required=False),
    Column("occupation_system", "dimension", N_("Occupation system")),
    Column("occupation_version", "dimension", N_("Occupation system version")),
    Column("occupation_code", "dimension", N_("Occupation code")),
    Column("occupation_label", "label", N_("Occupation")),
    Column("nace_section", "dimension", N_("Sector (NACE)")),
    Column("indicator", "dimension", N_("Indicator")),
    Column("coverage", "dimension", N_("Coverage")),
    Column("period", "time", N_("Period")),
    Column("period_type", "attribute", N_("Period type")),
    Column("unit", "attribute", N_("Unit")),
    Column("value", "measure", N_("Value"), "number"),
    Column("obs_status", "attribute", N_("Observation status"), codelist="OBS_STATUS"),
    Column("conf_status", "attribute", N_("Confidentiality status"), codelist="CONF_STATUS"),
    Column("submission_id", "attribute", N_("Submission"), "integer"),
    Column("source_row", "attribute", N_("Row in the file"), "integer"),
)


def attribution_of(source_id: str) -> str:
    """The credit line of a source: its own, else its service's (sources.py)."""
    source = SOURCES.get(source_id)
    return source.credit if source is not None else source_id


def pooled_provenance(
    filters: Mapping[str, str], extracted_at: datetime, submissions: Sequence[Mapping[str, Any]]
) -> dict[str, str]:
    """The query (URL-encoded, so that no character of it can act in a spreadsheet), the time of
    extraction and every current submission searched: id, source and SHA-256 of its file."""
    provenance = {
        "query": urlencode(sorted(filters.items())) or "-",
        "extracted_at": extracted_at.isoformat(timespec="seconds"),
        "submissions": " ".join(
            f"{item['id']}:{item['source_id']}:{item['sha256']}" for item in submissions
        ),
    }
    # Always present (maybe empty), so that every download has the same SDMX structure.
    synthetic = [str(item["id"]) for item in submissions if item.get("synthetic")]
    provenance["synthetic_submissions"] = " ".join(synthetic)
    return provenance


def pooled_table(
    rows: Iterable[Mapping[str, Any]],
    provenance: Mapping[str, str],
    source_of: Mapping[int, str],
) -> Table:
    """``rows`` (observations, possibly a stream) with the source of their submission."""
    return Table(
        id="pooled",
        title=N_("Pooled hiring-needs figures of France Travail, Le Forem and VDAB"),
        columns=POOLED_COLUMNS,
        rows=({**row, "source_id": source_of.get(row["submission_id"], "")} for row in rows),
        provenance=provenance,
        attribution=with_notice(
            dict.fromkeys(attribution_of(s) for s in sorted(set(source_of.values())))
        ),
    )
