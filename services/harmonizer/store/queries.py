"""Read-side queries of the store, as plain functions returning plain data (used by the API)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Final

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from services.harmonizer.store.models import Observation, ShortageSignal, Submission

OBSERVATION_OUTPUT: Final = (
    "dataset", "period", "period_type", "geo_system", "geo_vintage", "geo_code", "geo_label",
    "geo_department", "occupation_system", "occupation_version", "occupation_code",
    "occupation_label", "nace_section", "indicator", "unit", "coverage", "value", "obs_status",
    "conf_status",
    "submission_id", "source_row",
)  # fmt: skip


@dataclass(frozen=True)
class ObservationQuery:
    filters: dict[str, str] = field(default_factory=dict)
    submission_id: int | None = None
    limit: int = 100
    offset: int = 0
    sources: tuple[str, ...] | None = None  # the sources the caller may read; None: all
    include_synthetic: bool = True  # False for the public: fixtures are never shown as real


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
    visible = select(Submission.id)
    if query.sources is not None:
        visible = visible.where(Submission.source_id.in_(query.sources))
    if not query.include_synthetic:
        visible = visible.where(Submission.synthetic.is_(False))
    if query.submission_id is not None:
        statement = statement.where(Observation.submission_id == query.submission_id)
        return statement.where(Observation.submission_id.in_(visible))
    # By default only the figures of current submissions: superseded ones stay for history.
    current = visible.where(Submission.status == "accepted")
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


def list_submissions(
    session: Session,
    filters: dict[str, str],
    limit: int,
    offset: int,
    sources: tuple[str, ...] | None = None,
    include_synthetic: bool = True,
    rejected_sources: tuple[str, ...] | None = None,
) -> Page:
    """``sources``: those listed (None: all); ``rejected_sources``: those whose rejected files
    are listed too (None: all)."""
    statement = select(Submission)
    if sources is not None:
        statement = statement.where(Submission.source_id.in_(sources))
    if rejected_sources is not None:
        statement = statement.where(
            (Submission.status != "rejected") | Submission.source_id.in_(rejected_sources)
        )
    if not include_synthetic:
        statement = statement.where(Submission.synthetic.is_(False))
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
        "synthetic": row.synthetic,
        "finding_count": report.get("finding_count", 0),
    }


def find_shortage_signals(
    session: Session,
    fields: tuple[str, ...],
    limit: int,
    offset: int,
    *,
    include_synthetic: bool,
    source: str | None = None,
    year: str | None = None,
) -> Page:
    """Signals of accepted submissions (of one source, of one list year), as ``fields``."""
    current = select(Submission.id).where(Submission.status == "accepted")
    if not include_synthetic:
        current = current.where(Submission.synthetic.is_(False))
    if source is not None:
        current = current.where(Submission.source_id == source)
    statement = select(ShortageSignal).where(ShortageSignal.submission_id.in_(current))
    if year is not None:
        statement = statement.where(ShortageSignal.period == year)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(statement.order_by(ShortageSignal.id).limit(limit).offset(offset))
    items = [{name: getattr(row, name) for name in fields} for row in rows]
    return Page(items, total, limit, offset)


# --- ISCO-08 levels -------------------------------------------------------------------------
# An aggregate of ISCO-08 unit groups to a higher level follows the rule of the stored unit
# groups (services/harmonizer/mappings/apply.py): the sum of the published parts; flagged "D"
# (published parts only) when some part is secret or itself partial; null + "C" when every
# part is secret. Only figures of the same indicator, unit, place and submission are added.
ISCO_SYSTEM: Final = "isco08"
COUNTING_RULES: Final = ("period_type", "unit", "coverage")
NOT_GROUPED: Final = frozenset(
    {"occupation_code", "occupation_label", "value", "obs_status", "conf_status", "source_row"}
)


def find_isco_aggregates(
    session: Session, query: ObservationQuery, level: int, labels: dict[str, str]
) -> Page:
    """ISCO-08 observations summed to ``level`` (1 major … 4 unit group), paged."""
    filters = {k: v for k, v in query.filters.items() if k != "occupation_code"}
    filters["occupation_system"] = ISCO_SYSTEM
    base = _observation_select(replace(query, filters=filters))
    if "occupation_code" in query.filters:
        prefix = func.substr(Observation.occupation_code, 1, level)
        base = base.where(prefix == query.filters["occupation_code"])
    sub = base.subquery()
    names = [name for name in OBSERVATION_OUTPUT if name not in NOT_GROUPED]
    # Counting rules are grouped on even where the output does not show them.
    names += [name for name in COUNTING_RULES if name in sub.c and name not in names]
    columns = [sub.c[name] for name in names]
    code = func.substr(sub.c.occupation_code, 1, level).label("occupation_code")
    statement = (
        select(
            *columns,
            code,
            func.sum(sub.c.value).label("value"),
            func.count().label("parts"),
            func.sum(case((sub.c.conf_status == "C", 1), else_=0)).label("secret_parts"),
            func.sum(case((sub.c.obs_status == "D", 1), else_=0)).label("partial_parts"),
        )
        .group_by(*columns, code)
        .order_by(*columns, code)
    )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.execute(statement.limit(query.limit).offset(query.offset)).mappings().all()
    items = [_aggregate_dict(dict(row), labels) for row in rows]
    return Page(items=items, total=total, limit=query.limit, offset=query.offset)


def _aggregate_dict(row: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    parts, secret, partial = row.pop("parts"), row.pop("secret_parts"), row.pop("partial_parts")
    all_secret = secret == parts
    value = None if all_secret else float(row["value"] or 0.0)
    row.update(
        value=int(value) if value is not None and value.is_integer() else value,
        obs_status="O" if all_secret else ("D" if secret or partial else "A"),
        conf_status="C" if all_secret else "F",
        occupation_label=labels.get(row["occupation_code"], ""),
        source_row=None,
    )
    return {name: row.get(name) for name in OBSERVATION_OUTPUT}
