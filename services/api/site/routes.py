"""The site's pages: home, bulletin (page and PDF), occupation, methodology, releases; and
install_site, which mounts them with the offer pages and the static files."""

from __future__ import annotations

from typing import Annotated, Any, Final
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.orm import Session

from services.api.deps import SessionDep
from services.api.language import request_language
from services.api.site import offers
from services.api.site.bulletin_view import MARKS, revision_changes
from services.api.site.formatting import PERIOD_PATTERN, Formatter
from services.api.site.pages import (
    STATES,
    bulletin_context,
    geo_vintages,
    occupation_context,
)
from services.api.site.pdf import html_to_pdf
from services.api.site.templating import STATIC, page_context, render, render_page
from services.bulletin import read
from services.bulletin.cache import RevisionCache, revision_key
from services.i18n import N_, translate

router = APIRouter(include_in_schema=False)
# (label, address, extra query): the PDF here, the data files of services/api/routes/
# bulletin_downloads.py beside it; each link carries the language and the revision shown.
DOWNLOADS: Final[tuple[tuple[str, str, dict[str, str]], ...]] = (
    (N_("PDF of this bulletin"), "/bulletins/{period}.pdf", {}),
    (N_("CSV for spreadsheets (separators of this language)"),
     "/v1/bulletins/{period}/download.csv", {"layout": "locale"}),
    (N_("CSV, canonical (comma, decimal point, codes)"),
     "/v1/bulletins/{period}/download.csv", {"layout": "canonical"}),
    (N_("SDMX-CSV 2.0"), "/v1/bulletins/{period}/download.sdmx.csv", {}),
    (N_("SDMX structure (SDMX-ML)"), "/v1/bulletins/{period}/download.structure.xml", {}),
    (N_("JSON-stat 2.0"), "/v1/bulletins/{period}/download.jsonstat.json", {}),
    (N_("Frictionless data package"), "/v1/bulletins/{period}/download.datapackage.json", {}),
)  # fmt: skip
ZoneQuery = Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9-]*$")]
RevisionQuery = Annotated[int | None, Query(ge=1, le=100_000)]


def install_site(app: FastAPI) -> None:
    """Mount the pages and their static files on the application."""
    app.include_router(offers.router)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def _not_found(request: Request, message: str) -> HTMLResponse:
    context = page_context(request, message=translate(message, request_language(request)))
    return render_page(request, "not_found.html", context, status_code=404)


_CONTEXTS: RevisionCache[dict[str, Any]] = RevisionCache(128)


def _bulletin_context(document: dict[str, Any], zone: str | None, fmt: Formatter) -> dict[str, Any]:
    """The tables, map and chart of a revision for a zone, kept per language (callers must not
    mutate it)."""
    key = revision_key(document, fmt.language, zone)
    return _CONTEXTS.get(key, lambda: bulletin_context(document, zone, fmt))


def _document(
    session: Session, period: str, revision: int | None, language: str
) -> dict[str, Any] | None:
    if not PERIOD_PATTERN.match(period):
        return None
    return read.release_document(session, period, revision, language, include_unpublished=False)


def _public(session: Session) -> list[dict[str, Any]]:
    """Public releases, newest quarter and revision first."""
    releases = read.list_releases(session, include_unpublished=False)
    public = [item for item in releases if item.get("state") == "public"]
    return sorted(public, key=lambda item: (item["period"], item["revision"]), reverse=True)


def _latest(session: Session, language: str) -> dict[str, Any] | None:
    releases = _public(session)
    if not releases:
        return None
    return _document(session, releases[0]["period"], None, language)


@router.get("/", name="home", response_class=HTMLResponse)
def home(request: Request, session: SessionDep) -> HTMLResponse:
    language = request_language(request)
    fmt = Formatter(language)
    document = _latest(session, language)
    extra: dict[str, Any] = {"document": document}
    if document is not None:
        extra |= _bulletin_context(document, None, fmt)
    return render_page(request, "home.html", page_context(request, marks=MARKS, **extra))


def _bulletin_page_context(
    request: Request,
    document: dict[str, Any],
    zone: str | None,
    revision: int | None,
    *,
    interactive: bool = True,
) -> dict[str, Any]:
    language = request_language(request)
    fmt = Formatter(language)
    pinned = {"revision": str(document["revision"]), "lang": language}
    if zone:
        pinned["zone"] = zone
    downloads = [
        {"label": label, "url": f"{url.format(period=document['period'])}?"
         + urlencode({**query, **pinned})}
        for label, url, query in DOWNLOADS
    ]  # fmt: skip
    return page_context(
        request,
        **_bulletin_context(document, zone, fmt),
        marks=MARKS,
        states=STATES,
        downloads=downloads,
        revision_requested=revision,
        interactive=interactive,
    )


@router.get("/bulletins/{period}.pdf", name="bulletin_pdf")
async def bulletin_pdf(
    request: Request,
    period: str,
    session: SessionDep,
    zone: ZoneQuery = None,
    revision: RevisionQuery = None,
) -> Response:
    """The bulletin as PDF, in the negotiated language: the same content as the page."""
    language = request_language(request)
    document = _document(session, period, revision, language)
    if document is None:
        return _not_found(request, N_("There is no published bulletin for this quarter."))
    context = _bulletin_page_context(request, document, zone, revision, interactive=False)
    pdf = await run_in_threadpool(html_to_pdf, render("bulletin_pdf.html", context))
    name = f"crossbmo-bulletin-{document['period']}-r{document['revision']}-{language}.pdf"
    headers = {"Content-Disposition": f'inline; filename="{name}"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


@router.get("/bulletins/{period}", name="bulletin", response_class=HTMLResponse)
def bulletin(
    request: Request,
    period: str,
    session: SessionDep,
    zone: ZoneQuery = None,
    revision: RevisionQuery = None,
) -> HTMLResponse:
    """One quarter's bulletin for one zone (the whole Eurométropole by default)."""
    document = _document(session, period, revision, request_language(request))
    if document is None:
        return _not_found(request, N_("There is no published bulletin for this quarter."))
    context = _bulletin_page_context(request, document, zone, revision)
    return render_page(request, "bulletin.html", context)


@router.get("/occupations/{code}", name="occupation", response_class=HTMLResponse)
def occupation(
    request: Request,
    code: Annotated[str, "ISCO-08 code"],
    session: SessionDep,
    period: Annotated[str | None, Query(max_length=10)] = None,
) -> HTMLResponse:
    """One occupation on both sides of the border, with its series across releases."""
    language = request_language(request)
    document = _document(session, period, None, language) if period else _latest(session, language)
    releases = sorted({item["period"] for item in _public(session)})
    series = [d for p in releases if (d := _document(session, p, None, language)) is not None]
    context = occupation_context(document, code, series, Formatter(language)) if document else None
    if context is None:
        return _not_found(request, N_("This occupation is not in the bulletin."))
    return render_page(request, "occupation.html", page_context(request, marks=MARKS, **context))


@router.get("/methodology", name="methodology", response_class=HTMLResponse)
def methodology(request: Request, session: SessionDep) -> HTMLResponse:
    document = _latest(session, request_language(request))
    vintages = geo_vintages(document.get("inputs") or {}) if document else []
    context = page_context(request, document=document, marks=MARKS, vintages=vintages)
    return render_page(request, "methodology.html", context)


@router.get("/releases", name="releases", response_class=HTMLResponse)
def releases(request: Request, session: SessionDep) -> HTMLResponse:
    """Every public revision, with the figures each one changed."""
    language = request_language(request)
    fmt = Formatter(language)
    items: list[dict[str, Any]] = []
    indicators: dict[str, str] = {}
    for item in _public(session):
        document = _document(session, item["period"], item["revision"], language)
        previous = (
            _document(session, item["period"], item["revision"] - 1, language)
            if item["revision"] > 1
            else None
        )
        changes = revision_changes(previous, document, fmt) if previous and document else None
        indicators |= {i["code"]: i["label"] for i in (document or {}).get("indicators", [])}
        items.append({**item, "quarter": fmt.quarter(item["period"]), "changes": changes})
    context = page_context(request, releases=items, indicators=indicators)
    return render_page(request, "releases.html", context)
