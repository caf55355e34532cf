"""GET /healthz: the service is up and its database answers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from services.api.deps import SessionDep
from services.api.errors import ApiError

router = APIRouter(tags=["health"])


@router.get("/healthz", responses={503: {"description": "Database unavailable"}})
def healthz(session: SessionDep) -> dict[str, Any]:
    try:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError as error:
        raise ApiError(503, "database-unavailable") from error
    return {
        "status": "ok",
        "database": session.bind.dialect.name if session.bind else None,
        "schema_revision": revision,
    }
