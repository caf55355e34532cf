"""Pooled downloads for partners: the harmonized figures of every source, filtered, as CSV or
SDMX-CSV 2.0 (with its SDMX-ML structure), streamed; a key with the `reader` role is needed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any, Final

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.api.auth import IdentityDep
from services.api.deps import FilterText, LanguageDep, SessionDep
from services.api.errors import ApiError, error_responses
from services.harmonizer.store.access import Identity
from services.harmonizer.store.queries import (
    ObservationQuery,
    find_observations,
    list_submissions,
)
from services.publish.formats import FORMATS, DownloadFormat, Layout, RenderOptions
from services.publish.model import Table
from services.publish.pooled import pooled_provenance, pooled_table

router = APIRouter(prefix="/v1/exchange", tags=["exchange"])
PAGE_ROWS: Final = 5000
MAX_SUBMISSIONS: Final = 1000
ERRORS: Final = error_responses(401, 403, 422, 429)
CSV, SDMX_CSV, STRUCTURE = FORMATS["csv"], FORMATS["sdmx.csv"], FORMATS["structure.xml"]
# The formats offered here, one route each (the structure takes no filter, CSV a layout).
OFFERED: Final = (CSV, SDMX_CSV, STRUCTURE)


def pooled_filters(
    dataset: FilterText = None,
    period: FilterText = None,
    period_type: FilterText = None,
    geo_system: FilterText = None,
    geo_vintage: FilterText = None,
    geo_code: FilterText = None,
    occupation_system: FilterText = None,
    occupation_version: FilterText = None,
    occupation_code: FilterText = None,
    indicator: FilterText = None,
    unit: FilterText = None,
    coverage: FilterText = None,
    conf_status: FilterText = None,
) -> dict[str, str]:
    """The observation filters of the query (any field, exact match)."""
    given = dict(locals())
    return {name: value for name, value in given.items() if value is not None}


FiltersDep = Annotated[dict[str, str], Depends(pooled_filters)]


def _reader(identity: Identity) -> Identity:
    if not identity.can_read_pooled():
        raise ApiError(403, "forbidden", service=identity.service)
    return identity


def stream_observations(engine: Engine, query: ObservationQuery) -> Iterator[dict[str, Any]]:
    """Every matching observation, page by page, from one read transaction (one snapshot)."""
    with Session(engine) as session:
        if engine.dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        offset = 0
        while True:
            page = find_observations(session, replace(query, limit=PAGE_ROWS, offset=offset))
            yield from page.items
            offset += PAGE_ROWS
            if offset >= page.total or not page.items:
                return


def _table(request: Request, session: Session, filters: dict[str, str]) -> Table:
    submissions = list_submissions(session, {"status": "accepted"}, MAX_SUBMISSIONS, 0).items
    if "dataset" in filters:
        submissions = [item for item in submissions if item["dataset"] == filters["dataset"]]
    provenance = pooled_provenance(filters, datetime.now(UTC), submissions)
    query = ObservationQuery(filters=filters, sources=None, include_synthetic=True)
    rows = stream_observations(request.app.state.engine, query)
    return pooled_table(rows, provenance, {item["id"]: item["source_id"] for item in submissions})


def _responses(download: DownloadFormat) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {download.content_type: {}}}, **ERRORS}


def _download(
    download: DownloadFormat, table: Table, options: RenderOptions, filename: str | None = None
) -> Response:
    """The file, streamed when its format renders row by row (the rows are a database stream)."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'} if filename else None
    chunks = download.render(table, options)
    if download.streams:
        return StreamingResponse((chunk.encode("utf-8") for chunk in chunks),
                                 media_type=download.media_type, headers=headers)  # fmt: skip
    return Response("".join(chunks), media_type=download.media_type, headers=headers)


@router.get(f"/pooled.{CSV.name}", responses=_responses(CSV), response_class=StreamingResponse)
def pooled_csv(
    request: Request,
    identity: IdentityDep,
    session: SessionDep,
    filters: FiltersDep,
    language: LanguageDep,
    layout: Annotated[
        Layout,
        Query(description="canonical: `,` and `.` decimal; locale: `;` and decimal comma in fr "
              "and nl, translated headers (language from `lang`)"),
    ] = "canonical",
) -> Response:  # fmt: skip
    """Harmonized figures of every source, filtered, as CSV (streamed); `reader` keys only.

    The file opens with `#` lines: the query, the extraction time, the submissions (id, source,
    SHA-256) it draws from, and the attribution."""
    _reader(identity)
    table = _table(request, session, filters)
    name = f"pooled-{language}.{CSV.name}" if layout == "locale" else f"pooled.{CSV.name}"
    return _download(CSV, table, RenderOptions(language=language, layout=layout), name)


@router.get(f"/pooled.{SDMX_CSV.name}", responses=_responses(SDMX_CSV),
            response_class=StreamingResponse)  # fmt: skip
def pooled_sdmx_csv(
    request: Request, identity: IdentityDep, session: SessionDep, filters: FiltersDep
) -> Response:
    """The same figures in SDMX-CSV 2.0 (structure: `/v1/exchange/pooled.structure.xml`)."""
    _reader(identity)
    table = _table(request, session, filters)
    return _download(SDMX_CSV, table, RenderOptions(), f"pooled.{SDMX_CSV.name}")


@router.get(f"/pooled.{STRUCTURE.name}", responses=_responses(STRUCTURE))
def pooled_structure(identity: IdentityDep) -> Response:
    """The SDMX-ML 2.1 structure (data structure definition, code lists in fr/nl/en) of
    `pooled.sdmx.csv`."""
    _reader(identity)
    empty = pooled_table([], pooled_provenance({}, datetime.now(UTC), []), {})
    return _download(STRUCTURE, empty, RenderOptions())
