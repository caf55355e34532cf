"""Table of job offers (canonical, schema.org JobPosting aligned), on the store's declarative Base.

Full-text search objects live beside it, created by migration 0006 only: on SQLite the FTS5 table
`job_offers_fts` (kept in step by triggers), on PostgreSQL the GIN index
`ix_job_offers_title_search` on the generated column `title_search`, the title's tsvector (French
or Dutch by the offer's language, accents ignored); migration 0009 adds, on PostgreSQL, the
generated column `title_search_cells` (those lexemes keyed by the offer's 0.25° place cell) and
its GIN index `ix_job_offers_title_search_cells`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import false

from services.harmonizer.store.models import Base, BigId

# Database objects of the full-text search that the ORM does not model (see the module doc).
SEARCH_INDEX_PREFIXES: Final = ("job_offers_fts", "ix_job_offers_title_search", "title_search")


def is_search_index_object(name: str | None) -> bool:
    """For schema comparisons (Alembic `include_name`): objects the migration adds by hand."""
    return bool(name) and str(name).startswith(SEARCH_INDEX_PREFIXES)


class JobOffer(Base):
    """One offer of one service; republished copies point at the offer they repeat."""

    __tablename__ = "job_offers"
    __table_args__ = (
        UniqueConstraint("source_service", "source_offer_id"),
        Index("ix_job_offers_search", "duplicate_of_id", "valid_through"),
        Index("ix_job_offers_position", "latitude", "longitude"),
        # Migration 0008: a keyword search reads its matches (occupation, place, dates, id) from
        # this index alone.
        Index(
            "ix_job_offers_occupation_place",
            "isco08",
            "latitude",
            "longitude",
            "valid_from",
            "valid_through",
            postgresql_include=["id"],
            postgresql_where=text("duplicate_of_id IS NULL"),
            sqlite_where=text("duplicate_of_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source_service: Mapped[str] = mapped_column(String(16))
    source_offer_id: Mapped[str] = mapped_column(String(64))
    republished_from: Mapped[str | None] = mapped_column(String(128))
    external_reference: Mapped[str | None] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    employer: Mapped[str | None] = mapped_column(String(255))
    text_language: Mapped[str] = mapped_column(String(2))
    country: Mapped[str] = mapped_column(String(2))
    commune_code: Mapped[str | None] = mapped_column(String(8))
    commune_name: Mapped[str | None] = mapped_column(String(128))
    postal_code: Mapped[str | None] = mapped_column(String(8))
    nuts3: Mapped[str | None] = mapped_column(String(8), index=True)
    zone: Mapped[str | None] = mapped_column(String(16))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    occupation_system: Mapped[str | None] = mapped_column(String(16))
    occupation_code: Mapped[str | None] = mapped_column(String(64))
    isco08: Mapped[str | None] = mapped_column(String(4), index=True)
    esco_code: Mapped[str | None] = mapped_column(String(64))
    nace: Mapped[str | None] = mapped_column(String(8))
    contract_type: Mapped[str | None] = mapped_column(String(24))
    working_time: Mapped[str | None] = mapped_column(String(16))
    languages: Mapped[str] = mapped_column(String(64), default="")
    valid_from: Mapped[date] = mapped_column(Date, index=True)
    valid_through: Mapped[date | None] = mapped_column(Date)
    original_url: Mapped[str | None] = mapped_column(Text)
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Normalised title | employer | commune | ISCO-08: the same offer published by two services.
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("job_offers.id", ondelete="SET NULL")
    )
    file_sha256: Mapped[str] = mapped_column(String(64))
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
