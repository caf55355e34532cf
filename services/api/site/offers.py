"""The job-offer pages: the search form with its results, and one offer with its JSON-LD
JobPosting, server-rendered in the negotiated language (the JSON is services/api/routes/offers.py).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlalchemy.orm import Session

from schemas.offers import CONTRACT_TYPES, WORKING_TIMES
from services.api.deps import MAX_ID, SessionDep
from services.api.errors import API_ERRORS, ApiError
from services.api.language import request_language
from services.api.routes.offers import resolve_origin
from services.api.site.templating import page_context, render_page
from services.harmonizer.store.models import JobOffer
from services.i18n import N_, translate
from services.offers.occupations import isco_label
from services.offers.present import SERVICE_NAMES, job_posting, offer_item
from services.offers.search import OfferQuery, SearchResult, search_offers
from services.offers.vocabulary import contract_label, working_time_label

router = APIRouter(include_in_schema=False)
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


@router.get("/offers", name="offers", response_class=HTMLResponse)
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


@router.get("/offers/{offer_id}", name="offer", response_class=HTMLResponse)
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
