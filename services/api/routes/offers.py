"""GET /v1/offers and /v1/offers/{id}: cross-border job offers, searched in fr, nl or en."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query

from schemas.offers import CONTRACT_TYPES, WORKING_TIMES
from services.api.deps import MAX_ID, NO_NUL, LanguageDep, PageLimit, PageOffset, SessionDep
from services.api.errors import ApiError, error_responses
from services.harmonizer.store.models import JobOffer
from services.offers.places import Point, search_origin
from services.offers.present import offer_item
from services.offers.search import OfferQuery, Sort, search_offers

router = APIRouter(prefix="/v1/offers", tags=["offers"])
ContractType = Literal[CONTRACT_TYPES]  # type: ignore[valid-type]
WorkingTime = Literal[WORKING_TIMES]  # type: ignore[valid-type]
Keywords = Annotated[
    str | None,
    Query(
        max_length=100,
        pattern=NO_NUL,
        description="Occupation or title words in fr, nl or en (soudeur, lasser, welder)",
    ),
]
Near = Annotated[
    str | None,
    Query(
        max_length=64,
        pattern=NO_NUL,
        description="Commune name, Belgian postal code, or NIS / INSEE code (BE:… / FR:…)",
    ),
]


def resolve_origin(near: str | None) -> Point | None:
    """The point a distance search starts from; 422 when unknown or ambiguous."""
    if near is None or not near.strip():
        return None
    points = search_origin(near)
    if not points:
        raise ApiError(422, "unknown-place", place=near)
    if len(points) > 1:
        names = ", ".join(point.label for point in points)
        raise ApiError(422, "ambiguous-place", place=near, candidates=names)
    return points[0]


@router.get("", responses=error_responses(422))
def list_offers(
    session: SessionDep,
    language: LanguageDep,
    q: Keywords = None,
    occupation: Annotated[
        list[str] | None, Query(description="ISCO-08 unit groups", max_length=20)
    ] = None,
    near: Near = None,
    radius_km: Annotated[float, Query(gt=0, le=200)] = 30.0,
    country: Annotated[Literal["FR", "BE"] | None, Query()] = None,
    region: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{2}[-A-Za-z0-9]{0,6}$", description="NUTS or zone")
    ] = None,
    contract_type: Annotated[ContractType | None, Query()] = None,
    working_time: Annotated[WorkingTime | None, Query()] = None,
    language_required: Annotated[str | None, Query(pattern=r"^[a-z]{2}$")] = None,
    sort: Annotated[Sort, Query()] = "relevance",
    as_of: Annotated[
        date | None, Query(description="Offers valid on this day (default today)")
    ] = None,
    limit: PageLimit = 20,
    offset: PageOffset = 0,
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> dict[str, Any]:
    """Current offers (not expired, republished copies folded into their original). `total`
    counts at most 1 000 offers: `total_capped` true means more than 1 000 match."""
    for code in occupation or []:
        if not (len(code) == 4 and code.isdigit()):
            raise ApiError(
                422, "invalid-parameter", [{"location": "query.occupation", "detail": code}]
            )
    query = OfferQuery(
        keywords=q,
        isco08=tuple(occupation or ()),
        origin=resolve_origin(near),
        radius_km=radius_km,
        country=country,
        region=region,
        contract_type=contract_type,
        working_time=working_time,
        language=language_required,
        sort=sort,
        limit=limit,
        offset=offset,
        as_of=as_of,
    )
    result = search_offers(session, query)
    return {
        "items": [offer_item(offer, language, distance) for offer, distance in result.offers],
        "total": result.total,
        "total_capped": result.total_capped,
        "limit": limit,
        "offset": offset,
        "occupations_searched": list(result.isco08),
    }


@router.get("/{offer_id}", responses=error_responses(404, 422))
def get_offer(
    offer_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Offer id")],
    session: SessionDep,
    language: LanguageDep,
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> dict[str, Any]:
    """One offer (also a republished copy or an expired offer, with its dates)."""
    offer = session.get(JobOffer, offer_id)
    if offer is None:
        raise ApiError(404, "offer-not-found", id=offer_id)
    item = offer_item(offer, language)
    item["duplicate_of_id"] = offer.duplicate_of_id
    return item
