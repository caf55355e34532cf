"""GET /v1/observations: the stored figures, filtered and paged, in JSON or CSV."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.orm import Session

from services.api.auth import OptionalIdentityDep, visible_sources
from services.api.deps import (
    FilterText,
    PageLimit,
    PageOffset,
    SessionDep,
    SubmissionIdQuery,
)
from services.api.errors import ApiError, error_responses
from services.harmonizer.mappings.codelists import isco_labels
from services.harmonizer.store.queries import (
    ISCO_SYSTEM,
    OBSERVATION_OUTPUT,
    ObservationQuery,
    Page,
    find_isco_aggregates,
    find_observations,
)

router = APIRouter(prefix="/v1", tags=["observations"])
Code = FilterText
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ObservationItem(BaseModel):
    dataset: str
    period: str
    period_type: str
    geo_system: str
    geo_vintage: str
    geo_code: str
    geo_label: str
    geo_department: str | None
    occupation_system: str
    occupation_version: str
    occupation_code: str
    occupation_label: str
    nace_section: str
    indicator: str
    unit: str
    coverage: str
    value: int | float | None
    obs_status: str
    conf_status: str
    submission_id: int
    source_row: int | None


class ObservationPage(BaseModel):
    items: list[ObservationItem]
    total: int
    limit: int
    offset: int


@router.get(
    "/observations",
    response_model=ObservationPage,
    responses={200: {"content": {"text/csv": {}}}, **error_responses(401, 422, 429)},
)
def observations(
    session: SessionDep,
    identity: OptionalIdentityDep,
    dataset: Code = None,
    period: Code = None,
    period_type: Code = None,
    geo_system: Code = None,
    geo_vintage: Code = None,
    geo_code: Code = None,
    occupation_system: Code = None,
    occupation_version: Code = None,
    occupation_code: Code = None,
    nace_section: Code = None,
    indicator: Code = None,
    unit: Code = None,
    coverage: Code = None,
    conf_status: Code = None,
    submission_id: SubmissionIdQuery = None,
    occupation_level: Annotated[int | None, Query(ge=1, le=4)] = None,
    limit: PageLimit = 100,
    offset: PageOffset = 0,
    format: Literal["json", "csv"] = "json",
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> Any:
    """Observations of current submissions (or of one submission), filtered by any field.

    Anonymous callers read the open-data sources; a partner key with the `reader` role reads the
    pooled figures of every source (`X-API-Key`)."""
    candidates = {
        "dataset": dataset, "period": period, "geo_system": geo_system,
        "geo_vintage": geo_vintage, "geo_code": geo_code, "occupation_system": occupation_system,
        "occupation_version": occupation_version, "occupation_code": occupation_code,
        "nace_section": nace_section, "indicator": indicator, "conf_status": conf_status,
        "period_type": period_type, "unit": unit, "coverage": coverage,
    }  # fmt: skip
    filters = {name: value for name, value in candidates.items() if value is not None}
    query = ObservationQuery(
        filters=filters, submission_id=submission_id, limit=limit, offset=offset,
        sources=visible_sources(identity), include_synthetic=identity is not None,
    )  # fmt: skip
    page = _find(session, query, occupation_level)
    if format == "csv":
        return _csv_response(page)
    return {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


def _find(session: Session, query: ObservationQuery, occupation_level: int | None) -> Page:
    """Stored observations, or ISCO-08 ones summed to a higher level (``occupation_level``)."""
    if occupation_level is None:
        return find_observations(session, query)
    if query.filters.get("occupation_system", ISCO_SYSTEM) != ISCO_SYSTEM:
        detail = {
            "location": "query.occupation_level",
            "type": "isco08_only",
            "detail": "occupation_level applies to occupation_system=isco08 only",
            "input": occupation_level,
        }
        raise ApiError(422, "invalid-parameter", [detail])
    return find_isco_aggregates(session, query, occupation_level, isco_labels())


def neutralize(cell: Any) -> str:
    """Cell text that a spreadsheet will not run as a formula (CSV injection)."""
    if cell is None:
        return ""
    text = str(cell)
    if text.startswith(FORMULA_PREFIXES) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _csv_response(page: Page) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OBSERVATION_OUTPUT)
    for item in page.items:
        writer.writerow([neutralize(item[name]) for name in OBSERVATION_OUTPUT])
    headers = {
        "X-Total-Count": str(page.total),
        "Content-Disposition": 'attachment; filename="observations.csv"',
    }
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)
