"""Queries of the job_offers table for loading and deduplication (services/offers/store.py holds
the rules; services/offers/search_sql.py the search statements)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from sqlalchemy import Engine, Row, insert, select, text, update
from sqlalchemy.orm import Session

from services.harmonizer.store.models import JobOffer

# What deduplication compares of every offer (services/offers/store.py `_Candidate`).
CANDIDATE_COLUMNS: Final = (
    JobOffer.id,
    JobOffer.source_service,
    JobOffer.source_offer_id,
    JobOffer.republished_from,
    JobOffer.external_reference,
    JobOffer.employer,
    JobOffer.valid_from,
    JobOffer.fingerprint,
)


def known_offer_ids(session: Session, service: str) -> dict[str, int]:
    """The service's offer ids already stored → their row ids."""
    statement = select(JobOffer.source_offer_id, JobOffer.id).where(
        JobOffer.source_service == service
    )
    return {offer_id: id_ for offer_id, id_ in session.execute(statement)}


def insert_offers(session: Session, rows: list[dict[str, Any]]) -> None:
    session.execute(insert(JobOffer), rows)


def update_offers(session: Session, rows: list[dict[str, Any]]) -> None:
    """Bulk update by primary key: each row holds its `id` and the columns to set."""
    session.execute(update(JobOffer), rows)


def dedup_candidates(
    session: Session,
) -> Sequence[Row[int, str, str, str | None, str | None, str | None, date, str]]:
    """The CANDIDATE_COLUMNS of every offer."""
    return session.execute(select(*CANDIDATE_COLUMNS)).all()


def marked_duplicates(session: Session) -> dict[int, int | None]:
    """Offers marked as copies → the offer they repeat."""
    marked = select(JobOffer.id, JobOffer.duplicate_of_id).where(
        JobOffer.duplicate_of_id.is_not(None)
    )
    return {id_: kept for id_, kept in session.execute(marked)}


def vacuum_offers(engine: Engine) -> None:
    """PostgreSQL: fresh statistics (searches plan well), the visibility map set (the search's
    index-only scans skip the table) and the title index's pending list merged (GIN fast update:
    every search reads it). VACUUM visits only the pages changed since the last one."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE) job_offers"))
