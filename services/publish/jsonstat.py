"""JSON-stat 2.0: the table as one dataset cube (dimensions with category labels, a value and a
status per cell), dense when the cube is mostly filled, sparse (objects keyed by position)
otherwise, as the format allows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from services.i18n import gettext
from services.publish.model import Column, Table

DENSE_FILL: Final = 0.5  # below this share of filled cells, values and statuses are sparse


def _categories(table: Table, rows: list[Mapping[str, Any]], column: Column) -> dict[str, int]:
    index: dict[str, int] = {}
    for row in rows:
        index.setdefault(str(row.get(column.name) or ""), len(index))
    return index


def _category_labels(
    table: Table, rows: list[Mapping[str, Any]], column: Column, language: str
) -> dict[str, str]:
    codes = table.codes.get(column.codelist or "", {})
    label_column = column.name.removesuffix("_code") + "_label"
    seen = {str(row.get(column.name) or ""): row.get(label_column) for row in rows}
    labels = {}
    for code, from_row in seen.items():
        label = codes.get(code, {}).get(language) or from_row or code
        labels[code] = str(label)
    return labels


def _dimension(table: Table, rows: list[Mapping[str, Any]], column: Column, language: str
               ) -> dict[str, Any]:  # fmt: skip
    category: dict[str, Any] = {
        "index": _categories(table, rows, column),
        "label": _category_labels(table, rows, column, language),
    }
    if column.codelist == "indicator":
        units = {str(row.get(column.name)): str(row.get("unit") or "") for row in rows}
        category["unit"] = {code: {"label": unit} for code, unit in units.items()}
    return {"label": gettext(column.title, language), "category": category}


def _position(row: Mapping[str, Any], dimensions: list[Column], indexes: list[dict[str, int]],
              sizes: list[int]) -> int:  # fmt: skip
    position = 0
    for column, index, size in zip(dimensions, indexes, sizes, strict=True):
        position = position * size + index[str(row.get(column.name) or "")]
    return position


def _cells(table: Table, rows: list[Mapping[str, Any]], dimensions: list[Column],
           sizes: list[int], dimension: dict[str, Any]) -> dict[str, dict[int, Any]]:  # fmt: skip
    indexes = [dimension[column.name]["category"]["index"] for column in dimensions]
    cells: dict[str, dict[int, Any]] = {"value": {}, "status": {}, "conf_status": {}}
    for row in rows:
        position = _position(row, dimensions, indexes, sizes)
        cells["value"][position] = row.get(table.measure.name)
        cells["status"][position] = row.get("obs_status")
        cells["conf_status"][position] = row.get("conf_status")
    return cells


def _shaped(cells: Mapping[int, Any], total: int, dense: bool) -> list[Any] | dict[str, Any]:
    if dense:
        return [cells.get(position) for position in range(total)]
    return {str(position): value for position, value in sorted(cells.items())}


def jsonstat(table: Table, language: str) -> dict[str, Any]:
    """The JSON-stat 2.0 dataset of ``table`` with labels in ``language``."""
    rows = list(table.rows)
    dimensions = list(table.of_role("dimension", "time"))
    dimension = {column.name: _dimension(table, rows, column, language) for column in dimensions}
    sizes = [len(dimension[column.name]["category"]["index"]) for column in dimensions]
    total = 1
    for size in sizes:
        total *= size
    cells = _cells(table, rows, dimensions, sizes, dimension)
    dense = bool(rows) and len(rows) >= DENSE_FILL * total
    return {
        "version": "2.0",
        "class": "dataset",
        "label": gettext(table.title, language),
        "source": " | ".join(table.attribution),
        "updated": table.provenance.get("published_at") or table.provenance.get("created_at")
        or table.provenance.get("extracted_at"),
        "note": list(table.attribution),
        "id": [column.name for column in dimensions],
        "size": sizes,
        "role": _roles(dimensions),
        "dimension": dimension,
        "value": _shaped(cells["value"], total, dense),
        "status": _shaped(cells["status"], total, dense),
        "extension": {**table.provenance,
                      "conf_status": _shaped(cells["conf_status"], total, dense)},
    }  # fmt: skip


def _roles(dimensions: list[Column]) -> dict[str, list[str]]:
    roles: dict[str, list[str]] = {
        "time": [column.name for column in dimensions if column.role == "time"],
        "geo": [column.name for column in dimensions if column.codelist == "zone"],
        "metric": [column.name for column in dimensions if column.codelist == "indicator"],
    }
    return {role: names for role, names in roles.items() if names}
