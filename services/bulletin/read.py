"""Read side of the releases: the list, and one revision as a document with labels in the
reader's language (codes stay language-neutral). Draft and preview revisions are embargoed:
only partners see them (`include_unpublished`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from sqlalchemy.orm import Session

from schemas.canonical import TOTAL
from services.bulletin.cache import RevisionCache
from services.bulletin.indicators import INDICATOR_LABELS, indicator_definition, sector_label
from services.bulletin.periods import Quarter
from services.bulletin.zones import zone_tree
from services.harmonizer.mappings.codelists import ESCO_ATTRIBUTION, isco_labels
from services.harmonizer.store import bulletins
from services.harmonizer.store.bulletins import find_release
from services.harmonizer.store.releases import BulletinRelease
from services.i18n import N_, gettext

QUARTER_NAMES: Final = {
    "fr": "T{number} {year}",
    "nl": "K{number} {year}",
    "en": "Q{number} {year}",
}
CELL_FIELDS: Final = (
    "zone", "occupation_level", "occupation_code", "nace_section", "indicator", "unit",
    "coverage", "source_id", "reference_period", "period_type", "value", "obs_status",
    "conf_status", "previous_quarter", "previous_year",
)  # fmt: skip
ATTRIBUTION: Final = (
    N_(
        "Sources: France Travail (BMO survey, job seekers, tension), Le Forem, "
        "VDAB (Bron: VDAB Arvastat)."
    ),
    N_("Harmonized by crossbmo; figures below the disclosure threshold are suppressed."),
)
SERIES_FIELDS: Final = (
    "occupation_level", "unit", "coverage", "source_id", "reference_period", "period_type",
    "value", "obs_status", "conf_status",
)  # fmt: skip


def quarter_label(period: str, language: str) -> str:
    quarter = Quarter.parse(period)
    return QUARTER_NAMES.get(language, QUARTER_NAMES["fr"]).format(
        number=quarter.number, year=quarter.year
    )


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _release_head(release: BulletinRelease) -> dict[str, Any]:
    return {
        "period": release.period,
        "revision": release.revision,
        "state": release.state,
        "created_at": _stamp(release.created_at),
        "previewed_at": _stamp(release.previewed_at),
        "published_at": _stamp(release.published_at),
    }


def list_releases(session: Session, *, include_unpublished: bool) -> list[dict[str, Any]]:
    found = bulletins.releases(session, include_unpublished=include_unpublished)
    return [_release_head(release) for release in found]


def release_cells(
    session: Session, release_id: int, filters: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    return [
        {**{name: getattr(cell, name) for name in CELL_FIELDS}, "flags": cell.flags.split()}
        for cell in bulletins.release_cells(session, release_id, filters)
    ]


def release_document(
    session: Session,
    period: str,
    revision: int | None,
    language: str,
    *,
    include_unpublished: bool,
    filters: dict[str, Any] | None = None,
) -> dict[str, Any] | None:
    """One revision as a document; its body is cached (a stored revision never changes, only
    its state and timestamps, which are read each time). Callers must not mutate it."""
    release = find_release(session, period, revision, include_unpublished=include_unpublished)
    if release is None:
        return None
    # The key names the revision by content too: two databases may reuse one id.
    identity = (release.id, release.inputs_digest, release.created_at.isoformat())
    body = _cached_body(identity, language, tuple(sorted((filters or {}).items())), session)
    return {**_release_head(release), **body}


_BODIES: RevisionCache[dict[str, Any]] = RevisionCache(64)


def _cached_body(
    identity: tuple[int, str, str],
    language: str,
    filters: tuple[tuple[str, Any], ...],
    session: Session,
) -> dict[str, Any]:
    return _BODIES.get(
        (identity, language, filters), lambda: _body(session, identity[0], language, filters)
    )


def _body(
    session: Session, release_id: int, language: str, filters: tuple[tuple[str, Any], ...]
) -> dict[str, Any]:
    release = bulletins.get_release(session, release_id)
    assert release is not None
    labels = isco_labels(language)
    cells = release_cells(session, release.id, dict(filters))
    for cell in cells:
        code = cell["occupation_code"]
        cell["occupation_label"] = (
            gettext("All occupations", language) if code == TOTAL else labels.get(code, code)
        )
        cell["nace_label"] = sector_label(cell["nace_section"], language)
    summary = dict(release.summary)
    summary["opportunities"] = [
        {**item, "occupation_label": labels.get(item["occupation_code"], item["occupation_code"])}
        for item in summary.get("opportunities", [])
    ]
    return {
        "period_label": quarter_label(release.period, language),
        "language": language,
        "inputs": release.inputs,
        "zones": _zones(language),
        "indicators": [
            {
                "code": code,
                "label": gettext(label, language),
                "definition": indicator_definition(code, language),
            }
            for code, label in INDICATOR_LABELS.items()
        ],
        "cells": cells,
        **summary,
        "diff": release.diff,
        "attribution": [*(gettext(text, language) for text in ATTRIBUTION), ESCO_ATTRIBUTION],
    }


def _zones(language: str) -> list[dict[str, Any]]:
    return [
        {"code": zone.code, "parent": zone.parent, "side": zone.side, "name": zone.name(language)}
        for zone in zone_tree().zones.values()
    ]


def series(
    session: Session,
    zone: str,
    occupation_code: str,
    indicator: str,
    *,
    include_unpublished: bool,
    nace_section: str = TOTAL,
) -> list[dict[str, Any]]:
    """One cell across quarters: its value in the latest visible revision of each quarter."""
    latest = bulletins.latest_revisions(session, include_unpublished=include_unpublished)
    ids = {release.id: release for release in latest}
    cells = bulletins.cells_across(
        session, list(ids), zone, occupation_code, indicator, nace_section
    )
    points = [
        {"period": ids[cell.release_id].period, "revision": ids[cell.release_id].revision,
         **{name: getattr(cell, name) for name in SERIES_FIELDS}, "flags": cell.flags.split()}
        for cell in cells
    ]  # fmt: skip
    return sorted(
        points, key=lambda point: (point["period"], point["coverage"], point["source_id"])
    )


N_("All occupations")
