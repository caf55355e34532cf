"""GET /v1/schemas and /v1/schemas/{source}: the published Table Schema of each exchange file."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from schemas.contracts import localized, table_schemas
from services.api.deps import LanguageDep
from services.api.errors import ApiError

router = APIRouter(prefix="/v1", tags=["schemas"])
Lang = Annotated[Literal["fr", "nl", "en"] | None, Query()]


@router.get("/schemas")
def schema_list(language: LanguageDep, lang: Lang = None) -> dict[str, Any]:
    """Every source that has a published file description."""
    items = [
        {"source": source, "title": schema["title"][language], "url": f"/v1/schemas/{source}"}
        for source, schema in table_schemas().items()
    ]
    return {"items": items, "total": len(items)}


@router.get("/schemas/{source}", responses={404: {"description": "Unknown source"}})
def schema_of(source: str, language: LanguageDep, lang: Lang = None) -> dict[str, Any]:
    """The Frictionless Table Schema of one source; field descriptions in fr, nl and en."""
    schema = table_schemas().get(source)
    if schema is None:
        raise ApiError(404, "schema-not-found", source=source)
    return localized(schema, language)
