"""GET /v1/submissions and /v1/submissions/{id}: received files and their validation reports."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from services.api.auth import (
    OptionalIdentityDep,
    may_read_submission,
    rejected_visible_sources,
    visible_sources,
)
from services.api.deps import (
    FilterText,
    LanguageDep,
    PageLimit,
    PageOffset,
    SessionDep,
    SubmissionIdPath,
)
from services.api.errors import ApiError, error_responses
from services.api.reports import report_with_messages
from services.harmonizer.store.queries import get_submission, list_submissions, submission_dict

router = APIRouter(prefix="/v1", tags=["submissions"])
Status = Literal["accepted", "rejected", "superseded"]


@router.get("/submissions", responses=error_responses(401, 422, 429))
def submissions(
    session: SessionDep,
    identity: OptionalIdentityDep,
    source_id: FilterText = None,
    period: FilterText = None,
    status: Status | None = None,
    limit: PageLimit = 100,
    offset: PageOffset = 0,
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> dict[str, Any]:
    """Received files, oldest first, with their status: open-data sources for anyone, every
    source for a partner key with the `reader` role; rejected files only to their own service
    and the operator."""
    candidates = {"source_id": source_id, "period": period, "status": status}
    filters = {name: value for name, value in candidates.items() if value is not None}
    page = list_submissions(
        session, filters, limit, offset, visible_sources(identity), identity is not None,
        rejected_sources=rejected_visible_sources(identity),
    )  # fmt: skip
    return {"items": page.items, "total": page.total, "limit": page.limit, "offset": page.offset}


@router.get("/submissions/{submission_id}", responses=error_responses(401, 404, 422, 429))
def submission(
    submission_id: SubmissionIdPath,
    session: SessionDep,
    identity: OptionalIdentityDep,
    language: LanguageDep,
    lang: Annotated[Literal["fr", "nl", "en"] | None, Query()] = None,
) -> dict[str, Any]:
    """One submission with its validation report, messages in the requested language."""
    row = get_submission(session, submission_id)
    if row is None or not may_read_submission(identity, row.source_id, row.status, row.synthetic):
        raise ApiError(404, "submission-not-found", id=submission_id)
    return {**submission_dict(row), "report": report_with_messages(row.report, language)}
