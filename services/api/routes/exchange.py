"""The exchange: partners upload their files and read their reports (API key, scoped by service)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any, Final, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from services.api.auth import IdentityDep
from services.api.deps import (
    LanguageDep,
    PageLimit,
    PageOffset,
    SessionDep,
    SettingsDep,
    SubmissionIdPath,
)
from services.api.errors import ApiError, error_responses
from services.api.redact import redacted_url
from services.api.reports import render_report_html, report_with_messages
from services.harmonizer.pull import PullFailed
from services.harmonizer.readers.sniff import sniff
from services.harmonizer.remote_file import (
    MAX_URL_LENGTH,
    FetchPolicy,
    FileTooLarge,
    RemoteFile,
    fetch_file,
)
from services.harmonizer.sources import SOURCES, Source
from services.harmonizer.store.access import Identity, list_audit, record_audit
from services.harmonizer.store.models import Submission
from services.harmonizer.store.queries import get_submission, submission_dict
from services.harmonizer.store.raw_files import raw_path
from services.harmonizer.submit import SubmitOutcome, submit_file
from services.settings import Settings

router = APIRouter(prefix="/v1/exchange", tags=["exchange"])
CHUNK = 1024 * 1024
MAX_JSON_BODY: Final = 16 * 1024
URL_DESCRIPTION: Final = (
    "Address of the file, fetched by the service instead of an upload: https only, public "
    "addresses only (see CROSSBMO_EXCHANGE_URL_ALLOWLIST), same size limit and validation"
)
# The JSON form of a submission by URL, beside the multipart form (file or url field).
URL_BODY: Final[dict[str, Any]] = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "url": {"type": "string", "maxLength": MAX_URL_LENGTH,
                                "description": URL_DESCRIPTION},
                    },
                    "required": ["url"],
                }
            }
        }
    }
}  # fmt: skip


@dataclass(frozen=True)
class ReceivedFile:
    file_name: str
    content: bytes
    url: str | None = None


def _source(source_id: str) -> Source:
    if source_id not in SOURCES:
        raise ApiError(404, "unknown-source", source=source_id)
    return SOURCES[source_id]


async def _read_bounded(upload: UploadFile, limit: int) -> bytes:
    """The upload's bytes, refusing (413) as soon as it passes the limit."""
    parts: list[bytes] = []
    size = 0
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "payload-too-large", limit=limit)
        parts.append(chunk)
    return b"".join(parts)


def _check_media_type(source: Source, content: bytes) -> None:
    if not content:
        return  # an empty file is rejected with its finding (`empty-file`), like any other
    received = sniff(content)
    if received not in source.formats:
        raise ApiError(415, "unsupported-media-type", source=source.id,
                       expected=", ".join(source.formats), received=received)  # fmt: skip


def _fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        max_bytes=settings.max_upload_bytes,
        allow_http=settings.exchange_url_allow_http,
        allowed_hosts=settings.exchange_url_allowed_hosts,
        timeout_seconds=settings.exchange_url_timeout_seconds,
    )


async def _json_url(request: Request) -> str:
    """The ``url`` of a JSON body ``{"url": "https://…"}``, read within a small bound."""
    document = None
    if request.headers.get("content-type", "").startswith("application/json"):
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_JSON_BODY:
                raise ApiError(413, "payload-too-large", limit=MAX_JSON_BODY)
        document = _json_document(body)
    url = document.get("url") if isinstance(document, dict) else None
    if not isinstance(url, str):
        detail = {"location": "body.url", "type": "missing", "detail": "a file or a url is needed"}
        raise ApiError(422, "invalid-parameter", [detail])
    return url


def _json_document(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None


async def _fetched(url: str, settings: Settings, language: str) -> RemoteFile:
    try:
        return await run_in_threadpool(fetch_file, url, _fetch_policy(settings))
    except FileTooLarge as error:
        raise ApiError(413, "payload-too-large", limit=settings.max_upload_bytes) from error
    except PullFailed as error:
        findings = {"findings": [finding.to_dict() for finding in error.findings]}
        details = report_with_messages(findings, language)["findings"]
        raise ApiError(422, "url-not-fetched", details=details) from error


async def _received(
    file: UploadFile | None, url: str, settings: Settings, language: str
) -> ReceivedFile:
    """The submitted bytes: the uploaded file, or the file fetched from the given address."""
    if file is not None:
        content = await _read_bounded(file, settings.max_upload_bytes)
        return ReceivedFile(file.filename or "upload", content)
    remote = await _fetched(url, settings, language)
    return ReceivedFile(remote.file_name, remote.content, url)


@router.post(
    "/{source_id}/submissions",
    status_code=201,
    responses=error_responses(401, 403, 404, 413, 415, 422, 429),
    openapi_extra=URL_BODY,
)
async def submit(
    source_id: str,
    request: Request,
    identity: IdentityDep,
    session: SessionDep,
    settings: SettingsDep,
    language: LanguageDep,
    file: Annotated[
        UploadFile | None, File(description="The file as exported by the service")
    ] = None,
    url: Annotated[str | None, Form(max_length=MAX_URL_LENGTH, description=URL_DESCRIPTION)] = None,
) -> Response:
    """Send one file, uploaded (multipart `file`) or by address (`url`, as a form field or a JSON
    body `{"url": "https://…"}`): validated and stored as a whole, or rejected with every
    finding. A file that cannot be fetched is `422 url-not-fetched` and stores nothing."""
    source = _source(source_id)
    if not identity.can_submit(source.service):
        _audit(session, identity, "submit", source_id, None, "forbidden")
        raise ApiError(403, "forbidden", service=source.service)
    try:
        if file is None and url is None:
            url = await _json_url(request)
        received = await _received(file, url or "", settings, language)
    except ApiError as error:
        _audit(session, identity, "submit", source_id, None, error.code, **_url_detail(url))
        raise
    _check_media_type(source, received.content)
    # Validation, storage and derivation take seconds for a national file: off the event loop, so
    # that other requests are served meanwhile.
    outcome = await run_in_threadpool(
        submit_file, request.app.state.engine, settings.raw_dir, source_id,
        received.file_name, received.content, max_bytes=settings.max_upload_bytes,
    )  # fmt: skip
    row = get_submission(session, outcome.submission_id)
    assert row is not None
    _audit(session, identity, "submit", source_id, row.sha256, _result(outcome),
           submission_id=outcome.submission_id, **_url_detail(received.url))  # fmt: skip
    body = {**submission_dict(row), "report": report_with_messages(row.report, language)}
    if outcome.status == "rejected":
        details = body["report"]["findings"]
        raise ApiError(422, "submission-rejected", details=details)
    return JSONResponse(_jsonable(body), status_code=200 if outcome.duplicate else 201)


def _url_detail(url: str | None) -> dict[str, str]:
    """The address for the audit log, its credentials masked."""
    return {"url": redacted_url(url[:MAX_URL_LENGTH])} if url else {}


def _result(outcome: SubmitOutcome) -> str:
    return "duplicate" if outcome.duplicate else outcome.status


def _jsonable(body: dict[str, Any]) -> dict[str, Any]:
    from fastapi.encoders import jsonable_encoder

    encoded: dict[str, Any] = jsonable_encoder(body)
    return encoded


def _audit(
    session: Session, identity: Identity, action: str, source_id: str | None,
    sha256: str | None, result: str, **detail: Any,
) -> None:  # fmt: skip
    record_audit(session, action, result, key_id=identity.key_id,
                 partner_id=identity.partner_id, source_id=source_id, sha256=sha256,
                 detail=detail)  # fmt: skip
    session.commit()


def _owned_submission(
    session: Session, identity: Identity, source: Source, submission_id: int
) -> Submission:
    row = get_submission(session, submission_id)
    if row is None or row.source_id != source.id:
        raise ApiError(404, "submission-not-found", id=submission_id)
    if not identity.owns(source.service):
        raise ApiError(403, "forbidden", service=source.service)
    return row


@router.get(
    "/{source_id}/submissions/{submission_id}",
    responses={**error_responses(401, 403, 404, 429), 200: {"content": {"text/html": {}}}},
)
def submission_report(
    source_id: str,
    submission_id: SubmissionIdPath,
    identity: IdentityDep,
    session: SessionDep,
    language: LanguageDep,
    format: Literal["json", "html"] = "json",
) -> Response:
    """Status and complete report of one of the service's submissions, JSON or HTML."""
    row = _owned_submission(session, identity, _source(source_id), submission_id)
    body = {**submission_dict(row), "report": report_with_messages(row.report, language)}
    if format == "html":
        return HTMLResponse(render_report_html(body, language))
    return JSONResponse(_jsonable(body))


@router.get(
    "/{source_id}/submissions/{submission_id}/file",
    responses={
        **error_responses(401, 403, 404, 429),
        200: {"content": {"application/octet-stream": {}}},
    },
)
def submission_file(
    source_id: str, submission_id: SubmissionIdPath, identity: IdentityDep, session: SessionDep,
    settings: SettingsDep,
) -> Response:  # fmt: skip
    """The raw file as received; only for the service that owns the source (or an admin)."""
    row = _owned_submission(session, identity, _source(source_id), submission_id)
    path = raw_path(settings.raw_dir, row.sha256)
    if not path.is_file():
        raise ApiError(404, "submission-not-found", id=submission_id)
    headers = {"Content-Disposition": f'attachment; filename="{row.sha256}"'}
    return Response(path.read_bytes(), media_type="application/octet-stream", headers=headers)


@router.get("/audit", responses=error_responses(401, 403, 422, 429))
def audit(
    identity: IdentityDep,
    session: SessionDep,
    limit: PageLimit = 100,
    offset: PageOffset = 0,
) -> dict[str, Any]:
    """The audit log, newest first; administrators only."""
    if "admin" not in identity.roles:
        raise ApiError(403, "forbidden", service=identity.service)
    entries, total = list_audit(session, limit, offset)
    items = [
        {"id": e.id, "at": e.at, "key_id": e.key_id, "partner_id": e.partner_id,
         "action": e.action, "source_id": e.source_id, "sha256": e.sha256, "result": e.result,
         "detail": e.detail}
        for e in entries
    ]  # fmt: skip
    return _jsonable({"items": items, "total": total, "limit": limit, "offset": offset})
