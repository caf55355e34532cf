"""The registry of download formats: name (also the file extension), media type and a renderer
with one signature, so that every download route, its OpenAPI and its tests share one list."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Final, Literal

from services.publish.csv_files import canonical_csv, locale_csv
from services.publish.datapackage import datapackage
from services.publish.jsonstat import jsonstat
from services.publish.model import Table
from services.publish.sdmx_csv import sdmx_csv
from services.publish.sdmx_structure import structure_xml

Layout = Literal["canonical", "locale"]


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may need beside the table; each format reads only what it uses."""

    language: str = "en"  # labels: locale CSV, JSON-stat, data package
    layout: Layout = "canonical"  # CSV only
    csv_url: str = ""  # data package: the address of the table's canonical CSV
    prepared: datetime = field(default_factory=_now)  # SDMX structure: time of the message


# The text of the file, in chunks (UTF-8 once encoded); a table's rows are read at most once.
Render = Callable[[Table, RenderOptions], Iterator[str]]


@dataclass(frozen=True)
class DownloadFormat:
    """One format: served as ``….{name}`` with ``media_type``, rendered by ``render``."""

    name: str
    media_type: str
    render: Render
    streams: bool  # rendered row by row, so a database stream never sits in memory whole

    @property
    def content_type(self) -> str:
        """The media type without its parameters (``text/csv``)."""
        return self.media_type.split(";", 1)[0]


def _csv(table: Table, options: RenderOptions) -> Iterator[str]:
    if options.layout == "locale":
        return locale_csv(table, options.language)
    return canonical_csv(table)


def _sdmx_csv(table: Table, _options: RenderOptions) -> Iterator[str]:
    return sdmx_csv(table)


def _jsonstat(table: Table, options: RenderOptions) -> Iterator[str]:
    yield json.dumps(jsonstat(table, options.language), ensure_ascii=False)


def _datapackage(table: Table, options: RenderOptions) -> Iterator[str]:
    yield json.dumps(datapackage(table, options.csv_url, options.language), ensure_ascii=False)


def _structure(table: Table, options: RenderOptions) -> Iterator[str]:
    yield structure_xml(table, options.prepared).decode("utf-8")


CSV_TYPE: Final = "text/csv; charset=utf-8"
# In this order in the API's format lists (path enum, error messages).
FORMATS: Final[dict[str, DownloadFormat]] = {
    item.name: item
    for item in (
        DownloadFormat("csv", CSV_TYPE, _csv, streams=True),
        DownloadFormat("sdmx.csv", CSV_TYPE, _sdmx_csv, streams=True),
        DownloadFormat("jsonstat.json", "application/json", _jsonstat, streams=False),
        DownloadFormat("datapackage.json", "application/json", _datapackage, streams=False),
        DownloadFormat("structure.xml", "application/xml", _structure, streams=False),
    )
}
