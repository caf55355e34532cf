"""GET /v1/bulletins: the quarterly releases, in JSON, labels in the requested language.

Public revisions are open to everyone; draft and preview revisions are under embargo and
visible to partner keys only, until `crossbmo bulletin publish`."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from schemas.canonical import TOTAL
from services.api.auth import OptionalIdentityDep
from services.api.deps import FilterText, SessionDep
from services.api.errors import ApiError, error_responses
from services.api.language import request_language
from services.bulletin.cache import RevisionCache, revision_key
from services.bulletin.read import list_releases, release_document, series

router = APIRouter(prefix="/v1", tags=["bulletins"])
PeriodPath = Annotated[str, Path(pattern=r"^\d{4}-Q[1-4]$", description="A quarter, e.g. 2025-Q2")]
Language = Annotated[Literal["fr", "nl", "en"] | None, Query()]
Level = Annotated[
    int | None, Query(ge=0, le=4, description="ISCO-08 level 1, 2 or 4; 0 = all occupations")
]
Sector = Annotated[
    str | None,
    Query(
        pattern=r"^(_T|_U|[A-U])$", description="NACE Rev. 2 section; _T all sectors, _U unknown"
    ),
]
RESPONSES = error_responses(401, 404, 422, 429)


def cell_filters(
    zone: FilterText = None,
    occupation_level: Level = None,
    indicator: FilterText = None,
    nace_section: Sector = None,
) -> dict[str, Any]:
    """The cells a document keeps (query parameters shared by the bulletin routes)."""
    return {
        "zone": zone, "occupation_level": occupation_level, "indicator": indicator,
        "nace_section": nace_section,
    }  # fmt: skip


CellFilters = Annotated[dict[str, Any], Depends(cell_filters)]
DOCUMENT_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The bulletin revision",
        "content": {"application/json": {"schema": {"type": "object"}}},
    },
    **RESPONSES,
}
_ENCODED: RevisionCache[bytes] = RevisionCache(16)


@router.get("/bulletins", responses=RESPONSES)
def bulletins(session: SessionDep, identity: OptionalIdentityDep) -> dict[str, Any]:
    """Every release and revision the caller may see, newest first."""
    return {"items": list_releases(session, include_unpublished=identity is not None)}


def _document(
    request: Request,
    session: SessionDep,
    identity: Any,
    period: str,
    revision: int | None,
    filters: dict[str, Any],
) -> Response:
    """The document as JSON; its encoding is kept per revision, language and filter (a whole
    release is several megabytes: encoding it on every request was most of the time)."""
    language = request_language(request)
    given = {name: value for name, value in filters.items() if value is not None}
    document = release_document(
        session, period, revision, language, include_unpublished=identity is not None, filters=given
    )
    if document is None:
        raise ApiError(404, "bulletin-not-found", period=period)
    key = revision_key(document, language, tuple(sorted(given.items())))
    body = _ENCODED.get(key, lambda: _encode(document))
    return Response(body, media_type="application/json")


def _encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


@router.get("/bulletins/series", responses=RESPONSES)
def bulletin_series(
    session: SessionDep,
    identity: OptionalIdentityDep,
    zone: Annotated[str, Query(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9-]+$")],
    indicator: Annotated[str, Query(min_length=1, max_length=64, pattern=r"^[a-z_]+$")],
    occupation_code: Annotated[
        str, Query(max_length=16, pattern=rf"^({TOTAL}|\d{{1,4}})$")
    ] = TOTAL,
    nace_section: Sector = None,
) -> dict[str, Any]:
    """One figure across quarters (the latest visible revision of each): a time series."""
    sector = nace_section or TOTAL
    points = series(
        session, zone, occupation_code, indicator,
        include_unpublished=identity is not None, nace_section=sector,
    )  # fmt: skip
    return {
        "zone": zone,
        "occupation_code": occupation_code,
        "nace_section": sector,
        "indicator": indicator,
        "points": points,
    }


@router.get("/bulletins/{period}", responses=DOCUMENT_RESPONSES)
def bulletin(
    request: Request,
    session: SessionDep,
    identity: OptionalIdentityDep,
    period: PeriodPath,
    filters: CellFilters,
    lang: Language = None,
) -> Response:
    """The latest revision the caller may see (the latest public one for the public)."""
    return _document(request, session, identity, period, None, filters)


@router.get("/bulletins/{period}/revisions/{revision}", responses=DOCUMENT_RESPONSES)
def bulletin_revision(
    request: Request,
    session: SessionDep,
    identity: OptionalIdentityDep,
    period: PeriodPath,
    revision: Annotated[int, Path(ge=1, le=1_000_000)],
    filters: CellFilters,
    lang: Language = None,
) -> Response:
    """One revision; earlier revisions stay readable after a correction."""
    return _document(request, session, identity, period, revision, filters)
