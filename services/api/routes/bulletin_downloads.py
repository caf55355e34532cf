"""Bulletin downloads: one release revision as CSV (canonical or locale), SDMX-CSV 2.0 with its
SDMX-ML structure, JSON-stat 2.0 or a Frictionless data package. Draft and preview releases are
under embargo: partner keys only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from services.api.auth import OptionalIdentityDep
from services.api.deps import LanguageDep, SessionDep
from services.api.errors import ApiError, error_responses
from services.bulletin.read import release_document
from services.i18n import LANGUAGES
from services.publish.bulletin import bulletin_table
from services.publish.formats import FORMATS, Layout, RenderOptions

router = APIRouter(prefix="/v1/bulletins", tags=["bulletins"])
# The path's enum (and its 422 message) lists the registered formats, in their order.
FORMAT_NAMES: Final = tuple(FORMATS)
FormatName = Literal[FORMAT_NAMES]  # type: ignore[valid-type]
PeriodPath = Annotated[
    str, Path(pattern=r"^[0-9]{4}-Q[1-4]$", description="Quarter of the release, e.g. 2025-Q2")
]
RevisionQuery = Annotated[
    int | None, Query(ge=1, le=1_000_000, description="Revision; default: the latest visible")
]
DOWNLOAD_RESPONSES: Final[dict[int | str, dict[str, Any]]] = {
    200: {"content": {media: {} for media in sorted({f.media_type for f in FORMATS.values()})},
          "description": "The release in the asked format"},
    **error_responses(401, 404, 422, 429),
}  # fmt: skip


def _documents(
    session: Session, period: str, revision: int | None, include_unpublished: bool
) -> dict[str, dict[str, Any]]:
    """The release document in each language (labels of the code lists in fr, nl and en)."""
    documents: dict[str, dict[str, Any]] = {}
    for language in LANGUAGES:
        document = release_document(session, period, revision, language,
                                    include_unpublished=include_unpublished)  # fmt: skip
        if document is None:
            raise ApiError(404, "bulletin-not-found", period=period)
        documents[language] = document
    return documents


def _csv_url(request: Request, document: Mapping[str, Any]) -> str:
    """The canonical CSV of this very revision, which the data package describes."""
    url = request.url_for("bulletin_download", period=document["period"], fmt="csv")
    return f"{url}?revision={document['revision']}"


def _headers(document: Mapping[str, Any], fmt: str, language: str) -> dict[str, str]:
    name = f"bulletin-{document['period']}-r{document['revision']}-{language}.{fmt}"
    embargoed = document.get("state") != "public"
    return {
        "Content-Disposition": f'attachment; filename="{name}"',
        # Embargoed figures must never sit in a shared cache.
        "Cache-Control": "private, no-store" if embargoed else "public, max-age=300",
    }


@router.get("/{period}/download.{fmt}", name="bulletin_download", responses=DOWNLOAD_RESPONSES)
def bulletin_download(
    period: PeriodPath,
    fmt: FormatName,
    request: Request,
    session: SessionDep,
    identity: OptionalIdentityDep,
    language: LanguageDep,
    revision: RevisionQuery = None,
    layout: Annotated[
        Layout | None,
        Query(description="CSV only: canonical (`,`, `.` decimal) or locale (`;` and decimal "
              "comma in fr and nl); default: locale when `lang` is given, else canonical"),
    ] = None,
) -> Response:  # fmt: skip
    """One revision of a bulletin release in a standard format, with its release, revision and
    attribution. Draft and preview releases need a partner key (embargo); else 404."""
    include_unpublished = identity is not None
    documents = _documents(session, period, revision, include_unpublished)
    table = bulletin_table(documents, language)
    chosen = layout or ("locale" if "lang" in request.query_params else "canonical")
    download = FORMATS[fmt]
    options = RenderOptions(language=language, layout=chosen,
                            csv_url=_csv_url(request, documents[language]))  # fmt: skip
    body = "".join(download.render(table, options))
    headers = _headers(documents[language], fmt, language)
    return Response(body, media_type=download.media_type, headers=headers)
