"""One JSON error envelope with stable codes; messages translated, internals never leaked."""

from __future__ import annotations

import logging
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.api.language import request_language
from services.i18n import N_, translate

logger = logging.getLogger(__name__)

API_ERRORS: Final[dict[str, str]] = {
    "not-found": N_("Nothing was found at this address."),
    "submission-not-found": N_("There is no submission {id}."),
    "schema-not-found": N_("There is no published schema for the source {source}."),
    "invalid-parameter": N_("Some parameters are invalid; see the details."),
    "method-not-allowed": N_("This method is not allowed here."),
    "bad-request": N_("The request cannot be read (its headers or its multipart body)."),
    "internal-error": N_("An internal error occurred; it has been logged."),
    "database-unavailable": N_("The database cannot be reached."),
    "unauthorized": N_("A valid API key is required (header X-API-Key)."),
    "forbidden": N_("This key may not do this for the service {service}."),
    "unknown-source": N_("There is no source {source}."),
    "payload-too-large": N_("The file is larger than {limit} bytes."),
    "unsupported-media-type": N_(
        "The source {source} takes {expected}; the file received looks like {received}."
    ),
    "submission-rejected": N_("The file was rejected; every finding is listed in the details."),
    "url-not-fetched": N_(
        "The file could not be fetched from the address given; the reason is in the details."
    ),
    "rate-limited": N_("Too many requests; retry later."),
    "codelist-not-found": N_("There is no code list {system}."),
    "code-not-found": N_("The code list {system} has no code {requested}."),
    "offer-not-found": N_("There is no offer {id}."),
    "bulletin-not-found": N_("There is no published bulletin for {period}."),
    "unknown-place": N_("No commune or postal code “{place}” is known."),
    "ambiguous-place": N_("“{place}” names several communes ({candidates}); write BE: or FR:."),
}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]]


class ErrorEnvelope(BaseModel):
    """The one shape of every error response."""

    error: ErrorBody


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the given error statuses, all with the envelope."""
    return {status: {"model": ErrorEnvelope} for status in statuses}


HTTP_CODES: Final = {400: "bad-request", 404: "not-found", 405: "method-not-allowed"}


class ApiError(Exception):
    """An error a client may see: HTTP status, stable code and message parameters."""

    def __init__(
        self,
        status: int,
        code: str,
        details: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **params: object,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.details = details or []
        self.headers = headers or {}
        self.params = params


def envelope(
    request: Request,
    status: int,
    code: str,
    details: list[dict[str, Any]] | None = None,
    params: dict[str, object] | None = None,
) -> JSONResponse:
    language = request_language(request)
    body = {
        "error": {
            "status": status,
            "code": code,
            "message": translate(API_ERRORS[code], language, **(params or {})),
            "details": details or [],
        }
    }
    return JSONResponse(body, status_code=status, headers={"Content-Language": language})


def _validation_details(error: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"location": ".".join(str(part) for part in item.get("loc", ())), "type": item.get("type"),
         "detail": item.get("msg")}
        for item in error.errors()
    ]  # fmt: skip


def install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, ApiError)
        response = envelope(request, error.status, error.code, error.details, error.params)
        response.headers.update(error.headers)
        return response

    async def on_validation(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        return envelope(request, 422, "invalid-parameter", _validation_details(error))

    async def on_http(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        code = HTTP_CODES.get(error.status_code, "not-found")
        # A 400 says what the server could not read (the parser's own words, in English).
        details = [{"detail": str(error.detail)}] if error.status_code == 400 else None
        response = envelope(request, error.status_code, code, details)
        response.headers.update(error.headers or {})  # e.g. the `Allow` of a 405
        return response

    async def on_unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s", request.url.path, exc_info=error)
        return envelope(request, 500, "internal-error")

    app.add_exception_handler(ApiError, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_unexpected)
