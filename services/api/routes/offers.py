"""GET /v1/offers and /v1/offers/{id}: cross-border job offers, searched in fr, nl or en."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlalchemy.orm import Session

from schemas.offers import CONTRACT_TYPES, WORKING_TIMES
from services.api.deps import MAX_ID, NO_NUL, LanguageDep, PageLimit, PageOffset, SessionDep
from services.api.errors import API_ERRORS, ApiError, error_responses
from services.api.language import request_language
from services.api.site.templating import page_context, render_page
from services.api.templating import page_context, render_page
from services.harmonizer.store.models import JobOffer
from services.i18n import N_, translate
from services.offers.occupations import isco_label
from services.offers.places import Point, search_origin
from services.offers.present import SERVICE_NAMES, job_posting, offer_item
from services.offers.search import OfferQuery, SearchResult, Sort, search_offers
from services.offers.vocabulary import contract_label, working_time_label

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


# --- Pages (server-rendered, in the negotiated language) -------------------------------------

pages = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
SORT_LABELS: dict[str, str] = {
    "relevance": N_("Relevance"),
    "date": N_("Newest first"),
    "distance": N_("Distance"),
}


def json_ld(posting: dict[str, Any]) -> Markup:
    """JSON for a <script> element: `<`, `>` and `&` escaped so no text can close it."""
    text = json.dumps(posting, ensure_ascii=False, sort_keys=True)
    for character, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(character, escape)
    return Markup(text)  # escaped above: safe inside a script element


def _form(request: Request) -> dict[str, str]:
    names = ("q", "near", "radius_km", "contract_type", "working_time", "sort")
    form = {name: request.query_params.get(name, "")[:100] for name in names}
    return form | {"radius_km": form["radius_km"] or "30", "sort": form["sort"] or "relevance"}


def _page_query(form: dict[str, str], page: int) -> OfferQuery:
    """The search of the form; raises ApiError for a place or a value it cannot take."""
    try:
        radius = min(max(float(form["radius_km"]), 1.0), 200.0)
    except ValueError as error:
        raise ApiError(422, "invalid-parameter") from error
    contract = form["contract_type"] if form["contract_type"] in CONTRACT_TYPES else None
    working = form["working_time"] if form["working_time"] in WORKING_TIMES else None
    sort = form["sort"] if form["sort"] in SORT_LABELS else "relevance"
    return OfferQuery(
        keywords=form["q"] or None,
        origin=resolve_origin(form["near"] or None),
        radius_km=radius,
        contract_type=contract,
        working_time=working,
        sort=sort,  # type: ignore[arg-type]
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
    )


def _page_url(request: Request, page: int) -> str:
    return str(request.url.include_query_params(page=page).replace(scheme="", netloc=""))[2:]


def _more_pages(result: SearchResult, page: int) -> bool:
    if result.total_capped:  # more than TOTAL_CAP offers: a full page may have a next one
        return len(result.offers) == PAGE_SIZE
    return page * PAGE_SIZE < result.total


def _results(request: Request, session: Session, form: dict[str, str], page: int) -> dict[str, Any]:
    language = request_language(request)
    result = search_offers(session, _page_query(form, page))
    return {
        "searched": True,
        "total": result.total,
        "total_capped": result.total_capped,
        "offers": [offer_item(offer, language, distance) for offer, distance in result.offers],
        "occupations": [
            {"code": code, "label": isco_label(code, language)} for code in result.isco08
        ],
        "previous_url": _page_url(request, page - 1) if page > 1 else None,
        "next_url": _page_url(request, page + 1) if _more_pages(result, page) else None,
    }


@pages.get("/offers", name="offers", response_class=HTMLResponse)
def search_page(
    request: Request,
    session: SessionDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    """The search form and, once something is asked, the offers found."""
    language = request_language(request)
    form = _form(request)
    extra: dict[str, Any] = {"searched": False}
    status = 200
    if any(form[name] for name in ("q", "near", "contract_type", "working_time")):
        try:
            extra = _results(request, session, form, page)
        except ApiError as error:
            extra = {"error": translate(API_ERRORS[error.code], language, **error.params)}
            status = error.status
    context = page_context(
        request,
        form=form,
        contract_types=[(code, contract_label(code, language)) for code in CONTRACT_TYPES],
        working_times=[(code, working_time_label(code, language)) for code in WORKING_TIMES],
        sorts=[(code, translate(label, language)) for code, label in SORT_LABELS.items()],
        services=SERVICE_NAMES,
        **extra,
    )
    return render_page(request, "offers/search.html", context, status_code=status)


@pages.get("/offers/{offer_id}", name="offer", response_class=HTMLResponse)
def offer_page(
    request: Request,
    offer_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    session: SessionDep,
) -> HTMLResponse:
    """One offer: details in the reader's language, its text as published, JSON-LD JobPosting."""
    language = request_language(request)
    offer = session.get(JobOffer, offer_id)
    if offer is None:
        message = translate(API_ERRORS["offer-not-found"], language, id=offer_id)
        return render_page(
            request, "not_found.html", page_context(request, message=message), status_code=404
        )
    context = page_context(
        request,
        offer=offer_item(offer, language),
        json_ld=json_ld(job_posting(offer, language)),
        services=SERVICE_NAMES,
    )
    return render_page(request, "offers/offer.html", context)
