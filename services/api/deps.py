"""Request-scoped dependencies: database session, settings, language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session

from services.api.language import request_language
from services.settings import Settings


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine) as session:
        yield session


def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_language(request: Request) -> str:
    return request_language(request)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
LanguageDep = Annotated[str, Depends(get_language)]


MAX_PAGE_SIZE = 1000
MAX_OFFSET = 1_000_000_000  # far past any table here; keeps OFFSET inside a database integer
MAX_ID = 2**63 - 1  # a database BIGINT: larger ids cannot exist, and would overflow drivers
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL characters
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size")]
PageOffset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip")]
SubmissionIdPath = Annotated[int, Path(ge=1, le=MAX_ID, description="Submission id")]
SubmissionIdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID, description="Submission id")]
FilterText = Annotated[str | None, Query(max_length=64, pattern=NO_NUL)]
