"""GET /v1/shortages: occupations on the current shortage lists, with their reasons."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from schemas.canonical import SHORTAGE_SIGNAL_COLUMNS
from services.api.auth import OptionalIdentityDep
from services.api.deps import FilterText, PageLimit, PageOffset, SessionDep
from services.harmonizer.store.models import ShortageSignal, Submission

router = APIRouter(prefix="/v1", tags=["shortages"])
FIELDS = SHORTAGE_SIGNAL_COLUMNS


@router.get("/shortages", responses={422: {"description": "Invalid parameter"}})
def shortages(
    session: SessionDep,
    identity: OptionalIdentityDep,
    source: FilterText = None,
    year: Annotated[str | None, Query(pattern=r"^\d{4}$")] = None,
    limit: PageLimit = 100,
    offset: PageOffset = 0,
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> dict[str, Any]:
    """Signals of accepted submissions; a reason is null when the list does not give it.

    Synthetic fixtures are listed for partner keys only, never to the public."""
    current = select(Submission.id).where(Submission.status == "accepted")
    if identity is None:
        current = current.where(Submission.synthetic.is_(False))
    if source is not None:
        current = current.where(Submission.source_id == source)
    statement = select(ShortageSignal).where(ShortageSignal.submission_id.in_(current))
    if year is not None:
        statement = statement.where(ShortageSignal.period == year)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(statement.order_by(ShortageSignal.id).limit(limit).offset(offset))
    items = [{name: getattr(row, name) for name in FIELDS} for row in rows]
    return {"items": items, "total": total, "limit": limit, "offset": offset}
