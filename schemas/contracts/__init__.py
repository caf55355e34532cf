"""Published descriptions of the exchange files: one Frictionless Table Schema per source."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

CONTRACTS_DIR: Final = Path(__file__).resolve().parent
LANGUAGES: Final = ("fr", "nl", "en")


@lru_cache(maxsize=1)
def table_schemas() -> dict[str, dict[str, Any]]:
    """Source id → its Table Schema (fields carry fr/nl/en `descriptions`)."""
    schemas = {}
    for path in sorted(CONTRACTS_DIR.glob("*.json")):
        schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        schemas[schema["name"]] = schema
    return schemas


def localized(schema: dict[str, Any], language: str) -> dict[str, Any]:
    """The schema with `description` (and the title) in ``language``; all three stay."""
    fields = [
        {**field, "description": field["descriptions"][language]} for field in schema["fields"]
    ]
    result = {**schema, "fields": fields, "title": schema["title"][language]}
    if isinstance(schema.get("description"), dict):
        result["description"] = schema["description"][language]
        result["descriptions"] = schema["description"]
    result["titles"] = schema["title"]
    return result
