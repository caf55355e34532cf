"""Pooled downloads for partners: the harmonized figures of every source, filtered, as CSV or
SDMX-CSV 2.0 (with its SDMX-ML structure), streamed; a key with the `reader` role is needed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any, Final, Literal

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
from services.publish.csv_files import canonical_csv, locale_csv
from services.publish.model import Table
from services.publish.pooled import pooled_provenance, pooled_table
from services.publish.sdmx_csv import sdmx_csv
from services.publish.sdmx_structure import structure_xml

router = APIRouter(prefix="/v1/exchange", tags=["exchange"])
PAGE_ROWS: Final = 5000
MAX_SUBMISSIONS: Final = 1000
CSV_TYPE: Final = "text/csv; charset=utf-8"
ERRORS: Final = error_responses(401, 403, 422, 429)


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


def _download(chunks: Iterator[str], media_type: str, filename: str) -> StreamingResponse:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in chunks), media_type=media_type, headers=headers
    )


@router.get("/pooled.csv", responses={200: {"content": {"text/csv": {}}}, **ERRORS},
            response_class=StreamingResponse)  # fmt: skip
def pooled_csv(
    request: Request,
    identity: IdentityDep,
    session: SessionDep,
    filters: FiltersDep,
    language: LanguageDep,
    layout: Annotated[
        Literal["canonical", "locale"],
        Query(description="canonical: `,` and `.` decimal; locale: `;` and decimal comma in fr "
              "and nl, translated headers (language from `lang`)"),
    ] = "canonical",
) -> Response:  # fmt: skip
    """Harmonized figures of every source, filtered, as CSV (streamed); `reader` keys only.

    The file opens with `#` lines: the query, the extraction time, the submissions (id, source,
    SHA-256) it draws from, and the attribution."""
    _reader(identity)
    table = _table(request, session, filters)
    if layout == "locale":
        return _download(locale_csv(table, language), CSV_TYPE, f"pooled-{language}.csv")
    return _download(canonical_csv(table), CSV_TYPE, "pooled.csv")


@router.get("/pooled.sdmx.csv", responses={200: {"content": {"text/csv": {}}}, **ERRORS},
            response_class=StreamingResponse)  # fmt: skip
def pooled_sdmx_csv(
    request: Request, identity: IdentityDep, session: SessionDep, filters: FiltersDep
) -> Response:
    """The same figures in SDMX-CSV 2.0 (structure: `/v1/exchange/pooled.structure.xml`)."""
    _reader(identity)
    table = _table(request, session, filters)
    return _download(sdmx_csv(table), CSV_TYPE, "pooled.sdmx.csv")


@router.get("/pooled.structure.xml",
            responses={200: {"content": {"application/xml": {}}}, **ERRORS})  # fmt: skip
def pooled_structure(identity: IdentityDep) -> Response:
    """The SDMX-ML 2.1 structure (data structure definition, code lists in fr/nl/en) of
    `pooled.sdmx.csv`."""
    _reader(identity)
    empty = pooled_table([], pooled_provenance({}, datetime.now(UTC), []), {})
    body = structure_xml(empty, datetime.now(UTC))
    return Response(body, media_type="application/xml")
