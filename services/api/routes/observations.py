"""GET /v1/observations: the stored figures, filtered and paged, in JSON or CSV."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from services.api.deps import SessionDep, SettingsDep
from services.api.errors import page_size_error
from services.harmonizer.store.queries import (
    OBSERVATION_OUTPUT,
    ObservationQuery,
    Page,
    find_observations,
)

router = APIRouter(prefix="/v1", tags=["observations"])
Code = Annotated[str | None, Query(max_length=64)]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ObservationItem(BaseModel):
    dataset: str
    period: str
    geo_system: str
    geo_vintage: str
    geo_code: str
    geo_label: str
    geo_department: str | None
    occupation_system: str
    occupation_version: str
    occupation_code: str
    occupation_label: str
    indicator: str
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
    responses={200: {"content": {"text/csv": {}}}, 422: {"description": "Invalid parameter"}},
)
def observations(
    session: SessionDep,
    settings: SettingsDep,
    dataset: Code = None,
    period: Code = None,
    geo_system: Code = None,
    geo_vintage: Code = None,
    geo_code: Code = None,
    occupation_system: Code = None,
    occupation_version: Code = None,
    occupation_code: Code = None,
    indicator: Code = None,
    conf_status: Code = None,
    submission_id: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Literal["json", "csv"] = "json",
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> Any:
    """Observations of current submissions (or of one submission), filtered by any field."""
    if limit > settings.max_page_size:
        raise page_size_error(limit, settings.max_page_size)
    candidates = {
        "dataset": dataset, "period": period, "geo_system": geo_system,
        "geo_vintage": geo_vintage, "geo_code": geo_code, "occupation_system": occupation_system,
        "occupation_version": occupation_version, "occupation_code": occupation_code,
        "indicator": indicator, "conf_status": conf_status,
    }  # fmt: skip
    filters = {name: value for name, value in candidates.items() if value is not None}
    query = ObservationQuery(
        filters=filters, submission_id=submission_id, limit=limit, offset=offset
    )
    page = find_observations(session, query)
    if format == "csv":
        return _csv_response(page)
    return {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


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
