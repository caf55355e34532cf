"""Queries of the bulletin: its inputs (observations, submissions, shortage lists) and its
stored releases and cells. What they mean (which periods count, how cells are built, what a
release document shows) stays in services/bulletin/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Row, insert, select
from sqlalchemy.orm import Session

from services.harmonizer.store.models import Observation, ShortageSignal, Submission
from services.harmonizer.store.releases import BulletinCell, BulletinRelease

Rows: TypeAlias = Sequence[Row[*tuple[Any, ...]]]  # columns chosen by the caller


def _current_submissions() -> Any:
    """Accepted and real: synthetic fixtures never reach a bulletin."""
    return select(Submission.id).where(
        Submission.status == "accepted", Submission.synthetic.is_(False)
    )


# --- Inputs -----------------------------------------------------------------------------------


def current_observations(
    session: Session, columns: Sequence[str], *conditions: ColumnElement[bool]
) -> Rows:
    """``columns`` of Observation and the submission's source_id, for the observations of current
    submissions that meet ``conditions``."""
    statement = (
        select(*(getattr(Observation, name) for name in columns), Submission.source_id)
        .join(Submission, Submission.id == Observation.submission_id)
        .where(Observation.submission_id.in_(_current_submissions()))
        .where(*conditions)
    )
    return session.execute(statement).all()


def current_job_seekers(
    session: Session, columns: Sequence[str], unmappable: Sequence[str]
) -> Rows:
    """``columns`` and source_id of the job-seeker observations of current submissions whose
    occupation system is not one of ``unmappable``."""
    statement = (
        select(*(getattr(Observation, name) for name in columns), Submission.source_id)
        .join(Submission, Submission.id == Observation.submission_id)
        .where(Submission.status == "accepted", Submission.synthetic.is_(False))
        .where(Observation.indicator == "job_seekers")
        .where(Observation.occupation_system.not_in(unmappable))
    )
    return session.execute(statement).all()


def submissions_of(
    session: Session, ids: Sequence[int]
) -> Sequence[Row[int, str, str, str | None, str, str]]:
    """(id, source_id, dataset, period, sha256, original_filename) of submissions, by id."""
    return session.execute(
        select(Submission.id, Submission.source_id, Submission.dataset, Submission.period,
               Submission.sha256, Submission.original_filename)
        .where(Submission.id.in_(ids)).order_by(Submission.id)
    ).all()  # fmt: skip


def shortage_lists(session: Session) -> Sequence[Row[int, str, str]]:
    """(submission id, source_id, list period) of each current shortage list."""
    return session.execute(
        select(Submission.id, Submission.source_id, ShortageSignal.period)
        .join(ShortageSignal, ShortageSignal.submission_id == Submission.id)
        .where(Submission.status == "accepted", Submission.synthetic.is_(False))
        .distinct()
    ).all()


def signals_of(session: Session, submission_ids: Sequence[int]) -> Sequence[ShortageSignal]:
    """The signals of the given shortage lists, in stored order."""
    return session.scalars(
        select(ShortageSignal)
        .where(ShortageSignal.submission_id.in_(submission_ids))
        .order_by(ShortageSignal.id)
    ).all()


# --- Releases ---------------------------------------------------------------------------------


def releases(session: Session, *, include_unpublished: bool) -> Sequence[BulletinRelease]:
    """Every release, newest quarter and revision first (public ones only unless asked)."""
    statement = select(BulletinRelease).order_by(
        BulletinRelease.period.desc(), BulletinRelease.revision.desc()
    )
    if not include_unpublished:
        statement = statement.where(BulletinRelease.state == "public")
    return session.scalars(statement).all()


def find_release(
    session: Session, period: str, revision: int | None = None, *, include_unpublished: bool = True
) -> BulletinRelease | None:
    """The given revision of a quarter, else its latest (public ones only unless asked)."""
    statement = select(BulletinRelease).where(BulletinRelease.period == period)
    if not include_unpublished:
        statement = statement.where(BulletinRelease.state == "public")
    if revision is not None:
        statement = statement.where(BulletinRelease.revision == revision)
    return session.scalars(statement.order_by(BulletinRelease.revision.desc()).limit(1)).first()


def get_release(session: Session, release_id: int) -> BulletinRelease | None:
    return session.get(BulletinRelease, release_id)


def latest_revisions(session: Session, *, include_unpublished: bool) -> list[BulletinRelease]:
    """The latest visible revision of each quarter."""
    visible = select(BulletinRelease)
    if not include_unpublished:
        visible = visible.where(BulletinRelease.state == "public")
    latest: dict[str, BulletinRelease] = {}
    for release in session.scalars(visible.order_by(BulletinRelease.revision)):
        latest[release.period] = release  # the highest revision of each quarter wins
    return list(latest.values())


def store_release(
    session: Session, release: BulletinRelease, cells: list[dict[str, Any]]
) -> BulletinRelease:
    """Add a new release and its cells (the caller commits)."""
    session.add(release)
    session.flush()
    if cells:
        session.execute(insert(BulletinCell), [{**row, "release_id": release.id} for row in cells])
    return release


# --- Cells ------------------------------------------------------------------------------------


def release_cells(
    session: Session, release_id: int, filters: dict[str, Any] | None = None
) -> Sequence[BulletinCell]:
    """The cells of a release in stored order, those equal to ``filters`` only."""
    statement = select(BulletinCell).where(BulletinCell.release_id == release_id)
    for name, value in (filters or {}).items():
        statement = statement.where(getattr(BulletinCell, name) == value)
    return session.scalars(statement.order_by(BulletinCell.id)).all()


def cell_columns(session: Session, release_id: int, columns: Sequence[str]) -> Rows:
    """The given columns of every cell of a release, as plain rows."""
    return session.execute(
        select(*(getattr(BulletinCell, name) for name in columns))
        .where(BulletinCell.release_id == release_id)
    ).all()  # fmt: skip


def cells_across(
    session: Session, release_ids: Sequence[int], zone: str, occupation_code: str,
    indicator: str, nace_section: str,
) -> Sequence[BulletinCell]:  # fmt: skip
    """One cell (zone × occupation × indicator × sector) in each of the given releases."""
    return session.scalars(
        select(BulletinCell).where(
            BulletinCell.release_id.in_(release_ids), BulletinCell.zone == zone,
            BulletinCell.occupation_code == occupation_code, BulletinCell.indicator == indicator,
            BulletinCell.nace_section == nace_section,
        )
    ).all()  # fmt: skip
