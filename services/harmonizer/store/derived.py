"""Queries of the derived figures: the observations a derivation reads, replaces and revisits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.harmonizer.store.models import Observation, Submission


def submission_observations(
    session: Session, submission_id: int, occupation_system: str, columns: Sequence[str]
) -> list[tuple[Any, ...]]:
    """The ``columns`` of a submission's observations in one occupation system."""
    rows = session.execute(
        select(*(getattr(Observation, name) for name in columns)).where(
            Observation.submission_id == submission_id,
            Observation.occupation_system == occupation_system,
        )
    ).all()
    return [tuple(row) for row in rows]


def delete_observations(session: Session, submission_id: int, occupation_system: str) -> None:
    """A submission's observations in one occupation system (its derived figures) go."""
    session.execute(
        delete(Observation).where(
            Observation.submission_id == submission_id,
            Observation.occupation_system == occupation_system,
        )
    )


def stored_submission_ids(session: Session, source_ids: Collection[str]) -> list[int]:
    """Accepted or superseded submissions of these sources, oldest first."""
    return list(
        session.scalars(
            select(Submission.id)
            .where(Submission.source_id.in_(source_ids))
            .where(Submission.status.in_(("accepted", "superseded")))
            .order_by(Submission.id)
        ).all()
    )
