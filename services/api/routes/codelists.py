"""GET /v1/codelists: the code lists behind the crosswalks, labels in the asked language."""

from __future__ import annotations

from typing import Annotated, Any, Final

import pandas as pd
from fastapi import APIRouter, Path, Query

from services.api.deps import FilterText, LanguageDep, PageLimit, PageOffset, SettingsDep
from services.api.errors import ApiError, error_responses
from services.harmonizer.mappings.codelists import SYSTEMS, CodeSystem, load_codelist
from services.harmonizer.mappings.tables import mapping_version

router = APIRouter(prefix="/v1/codelists", tags=["codelists"])
# A label missing in the asked language falls back in this order (most lists are French-first).
FALLBACK: Final = {"fr": ("fr", "en", "nl"), "nl": ("nl", "en", "fr"), "en": ("en", "fr", "nl")}
SystemId = Annotated[str, Path(max_length=32)]


def _system(system: str) -> CodeSystem:
    if system not in SYSTEMS:
        raise ApiError(404, "codelist-not-found", system=system)
    return SYSTEMS[system]


def _describe(system: CodeSystem, language: str) -> dict[str, Any]:
    return {
        "system": system.id,
        "version": system.version,
        "name": system.names[language],
        "source": system.source,
        "attribution": system.attribution or None,
        "mapping_version": mapping_version(),
    }


def _item(row: dict[str, str], language: str) -> dict[str, Any]:
    labels = {lang: row[f"label_{lang}"] or None for lang in ("fr", "nl", "en")}
    chosen = next((lang for lang in FALLBACK[language] if labels[lang]), None)
    item: dict[str, Any] = {
        "code": row["code"],
        "level": row["level"],
        "parent_code": row["parent_code"] or None,
        "label": labels[chosen] if chosen else None,
        "label_language": chosen,
        "labels": labels,
    }
    if "uri" in row:
        item["uri"] = row["uri"]
    return item


@router.get("")
def list_codelists(language: LanguageDep) -> dict[str, Any]:
    """Every code system served, with its version, source and required attribution."""
    return {"items": [_describe(system, language) for system in SYSTEMS.values()]}


@router.get("/{system}", responses=error_responses(404, 422))
def codelist(
    system: SystemId,
    language: LanguageDep,
    settings: SettingsDep,
    level: Annotated[str | None, Query(max_length=2)] = None,
    parent_code: FilterText = None,
    limit: PageLimit = 100,
    offset: PageOffset = 0,
    lang: Annotated[str | None, Query(pattern="^(fr|nl|en)$")] = None,
) -> dict[str, Any]:
    """The codes of one system, filtered by level or parent, paged."""
    described = _describe(_system(system), language)
    codes = load_codelist(system)
    if level is not None:
        codes = codes[codes["level"] == level]
    if parent_code is not None:
        codes = codes[codes["parent_code"] == parent_code]
    page = codes.iloc[offset : offset + limit]
    items = [_item(row, language) for row in _records(page)]
    return {**described, "items": items, "total": len(codes), "limit": limit, "offset": offset}


@router.get("/{system}/{code}", responses=error_responses(404, 422))
def code(
    system: SystemId,
    code: Annotated[str, Path(max_length=128)],
    language: LanguageDep,
    lang: Annotated[str | None, Query(pattern="^(fr|nl|en)$")] = None,
) -> dict[str, Any]:
    """One code with its labels in fr, nl and en and its parent."""
    described = _describe(_system(system), language)
    codes = load_codelist(system)
    found = codes[codes["code"] == code]
    if found.empty:
        raise ApiError(404, "code-not-found", system=system, requested=code)
    return {**described, "item": _item(_records(found)[0], language)}


def _records(frame: pd.DataFrame) -> list[dict[str, str]]:
    return [{str(k): str(v) for k, v in row.items()} for row in frame.to_dict("records")]
