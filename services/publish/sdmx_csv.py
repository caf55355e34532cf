"""SDMX-CSV 2.0 data: one row per observation, keyed by the data structure of sdmx_structure.py.

Columns: STRUCTURE, STRUCTURE_ID, ACTION, then the dimensions, TIME_PERIOD, OBS_VALUE, the
observation attributes and the data-set attributes (provenance and attribution, repeated on every
row as SDMX-CSV requires). A dimension without a value is `_Z` (not applicable).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any, Final

from services.publish.csv_files import BATCH_ROWS, cell_text
from services.publish.model import AGENCY, MISSING_CODE, Column, Table, format_number

ACTION_INFORMATION: Final = "I"
ATTRIBUTION_ID: Final = "ATTRIBUTION"


def dsd_id(table: Table) -> str:
    return f"DSD_{AGENCY}_{table.id.upper().replace('-', '_')}"


def structure_urn(table: Table) -> str:
    """The STRUCTURE_ID of every row: agency, data structure id and version."""
    return f"{AGENCY}:{dsd_id(table)}({table.version})"


def provenance_id(name: str) -> str:
    return name.upper().replace("-", "_")


def dataset_attributes(table: Table) -> dict[str, str]:
    """Attributes attached to the whole data set: provenance, then the attribution text."""
    attributes = {provenance_id(name): value for name, value in table.provenance.items()}
    attributes[ATTRIBUTION_ID] = " | ".join(table.attribution)
    return attributes


def observation_columns(table: Table) -> tuple[Column, ...]:
    """Components in SDMX order: dimensions, time, measure, attributes (labels as attributes)."""
    return (
        *table.of_role("dimension"),
        *table.of_role("time"),
        table.measure,
        *table.of_role("attribute", "label"),
    )


def sdmx_value(column: Column, value: Any) -> str:
    if column.role == "measure":
        return format_number(value)
    if column.role in ("dimension", "time") and value in (None, ""):
        return MISSING_CODE
    return cell_text(value)


def sdmx_csv(table: Table) -> Iterator[str]:
    """The SDMX-CSV 2.0 text of ``table``, streamed in batches of rows."""
    columns = observation_columns(table)
    constant = dataset_attributes(table)
    prefix = ["datastructure", structure_urn(table), ACTION_INFORMATION]
    suffix = [cell_text(value) for value in constant.values()]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION",
                     *(column.sdmx_id for column in columns), *constant])  # fmt: skip
    for count, row in enumerate(table.rows, start=1):
        writer.writerow([*prefix, *_values(columns, row), *suffix])
        if count % BATCH_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _values(columns: tuple[Column, ...], row: Mapping[str, Any]) -> list[str]:
    return [sdmx_value(column, row.get(column.name)) for column in columns]
