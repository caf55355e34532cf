"""GET /v1/shortages: occupations on the current shortage lists, with their reasons."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from schemas.canonical import SHORTAGE_SIGNAL_COLUMNS
from services.api.auth import OptionalIdentityDep
from services.api.deps import FilterText, PageLimit, PageOffset, SessionDep
from services.harmonizer.store.queries import find_shortage_signals

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
    page = find_shortage_signals(
        session, FIELDS, limit, offset,
        include_synthetic=identity is not None, source=source, year=year,
    )  # fmt: skip
    return {"items": page.items, "total": page.total, "limit": limit, "offset": offset}
