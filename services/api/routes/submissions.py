"""GET /v1/submissions and /v1/submissions/{id}: received files and their validation reports."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from services.api.deps import LanguageDep, SessionDep, SettingsDep
from services.api.errors import ApiError, page_size_error
from services.harmonizer.errors import Finding
from services.harmonizer.store.queries import get_submission, list_submissions, submission_dict

router = APIRouter(prefix="/v1", tags=["submissions"])
Status = Literal["accepted", "rejected", "superseded"]


@router.get("/submissions", responses={422: {"description": "Invalid parameter"}})
def submissions(
    session: SessionDep,
    settings: SettingsDep,
    source_id: Annotated[str | None, Query(max_length=64)] = None,
    period: Annotated[str | None, Query(max_length=16)] = None,
    status: Status | None = None,
    limit: Annotated[int, Query(ge=1)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> dict[str, Any]:
    """Every received file, newest last, with its status."""
    if limit > settings.max_page_size:
        raise page_size_error(limit, settings.max_page_size)
    candidates = {"source_id": source_id, "period": period, "status": status}
    filters = {name: value for name, value in candidates.items() if value is not None}
    page = list_submissions(session, filters, limit, offset)
    return {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/submissions/{submission_id}", responses={404: {"description": "Not found"}})
def submission(
    submission_id: int,
    session: SessionDep,
    language: LanguageDep,
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> dict[str, Any]:
    """One submission with its validation report, messages in the requested language."""
    row = get_submission(session, submission_id)
    if row is None:
        raise ApiError(404, "submission-not-found", id=submission_id)
    report = dict(row.report or {})
    report["findings"] = [_rendered(item, language) for item in report.get("findings", [])]
    return {**submission_dict(row), "report": report}


def _rendered(item: dict[str, Any], language: str) -> dict[str, Any]:
    finding = Finding.from_dict(item)
    return {**item, "message": finding.message(language), "location": finding.location(language)}
