"""Read-side queries of the store, as plain functions returning plain data (used by the API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from services.harmonizer.store.models import Observation, Submission

OBSERVATION_FILTERS: Final = (
    "dataset", "period", "geo_system", "geo_vintage", "geo_code", "occupation_system",
    "occupation_version", "occupation_code", "indicator", "conf_status",
)  # fmt: skip
OBSERVATION_OUTPUT: Final = (
    "dataset", "period", "geo_system", "geo_vintage", "geo_code", "geo_label", "geo_department",
    "occupation_system", "occupation_version", "occupation_code", "occupation_label",
    "indicator", "value", "obs_status", "conf_status", "submission_id", "source_row",
)  # fmt: skip


@dataclass(frozen=True)
class ObservationQuery:
    filters: dict[str, str] = field(default_factory=dict)
    submission_id: int | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


def _observation_select(query: ObservationQuery) -> Select[Any]:
    statement = select(Observation)
    for name, value in query.filters.items():
        statement = statement.where(getattr(Observation, name) == value)
    if query.submission_id is not None:
        return statement.where(Observation.submission_id == query.submission_id)
    # By default only the figures of current submissions: superseded ones stay for history.
    current = select(Submission.id).where(Submission.status == "accepted")
    return statement.where(Observation.submission_id.in_(current))


def find_observations(session: Session, query: ObservationQuery) -> Page:
    statement = _observation_select(query)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(
        statement.order_by(Observation.id).limit(query.limit).offset(query.offset)
    ).all()
    items = [_observation_dict(row) for row in rows]
    return Page(items=items, total=total, limit=query.limit, offset=query.offset)


def _observation_dict(row: Observation) -> dict[str, Any]:
    item = {name: getattr(row, name) for name in OBSERVATION_OUTPUT}
    value = item["value"]
    if isinstance(value, float) and value.is_integer():
        item["value"] = int(value)  # counts read back as the integers they are
    return item


def list_submissions(session: Session, filters: dict[str, str], limit: int, offset: int) -> Page:
    statement = select(Submission)
    for name, value in filters.items():
        statement = statement.where(getattr(Submission, name) == value)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(statement.order_by(Submission.id).limit(limit).offset(offset)).all()
    return Page([submission_dict(row) for row in rows], total, limit, offset)


def get_submission(session: Session, submission_id: int) -> Submission | None:
    return session.get(Submission, submission_id)


def submission_dict(row: Submission) -> dict[str, Any]:
    report = row.report or {}
    return {
        "id": row.id,
        "source_id": row.source_id,
        "dataset": row.dataset,
        "period": row.period,
        "original_filename": row.original_filename,
        "sha256": row.sha256,
        "size_bytes": row.size_bytes,
        "received_at": row.received_at,
        "finished_at": row.finished_at,
        "status": row.status,
        "superseded_by_id": row.superseded_by_id,
        "observation_count": row.observation_count,
        "finding_count": report.get("finding_count", 0),
    }
