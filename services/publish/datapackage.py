"""A Frictionless (tabular) data package describing the canonical CSV download: its dialect,
its Table Schema (types, titles, code constraints), provenance and attribution."""

from __future__ import annotations

import re
from typing import Any, Final

from services.i18n import LANGUAGES, gettext
from services.publish.model import STATUS_CODES, Column, Table

TYPES: Final = ("string", "integer", "number", "date", "datetime")


def _field(table: Table, column: Column, language: str) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "title": gettext(column.title, language),
        "description": " / ".join(gettext(column.title, lang) for lang in LANGUAGES),
    }
    constraints: dict[str, Any] = {}
    if column.role in ("dimension", "time") and column.required:
        constraints["required"] = True
    codes = STATUS_CODES.get(column.codelist or "") or table.codes.get(column.codelist or "")
    if codes:
        constraints["enum"] = sorted(codes)
    if constraints:
        field["constraints"] = constraints
    return field


def package_name(table: Table) -> str:
    """Lower-case letters, digits and - . _ only (the Data Package name rule)."""
    parts = [table.id, table.provenance.get("release", ""), table.provenance.get("revision", "")]
    name = "crossbmo-" + "-".join(part for part in parts if part)
    return re.sub(r"[^a-z0-9._-]+", "-", name.lower())


def datapackage(table: Table, csv_path: str, language: str) -> dict[str, Any]:
    """The descriptor of the CSV at ``csv_path`` (a URL or a path beside the descriptor)."""
    keys = table.of_role("dimension", "time")
    schema: dict[str, Any] = {
        "fields": [_field(table, column, language) for column in table.columns],
        "missingValues": [""],
    }
    if all(column.required for column in keys):  # a primary key cannot hold empty cells
        schema["primaryKey"] = [column.name for column in keys]
    resource = {
        "name": table.id,
        "path": csv_path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True, "commentChar": "#"},
        "schema": schema,
    }
    return {
        "profile": "tabular-data-package",
        "name": package_name(table),
        "title": gettext(table.title, language),
        "description": "\n".join(table.attribution),
        "sources": [{"title": line} for line in table.attribution],
        "crossbmo": dict(table.provenance),
        "resources": [resource],
    }
