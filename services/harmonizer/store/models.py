"""Tables of the store (SQLAlchemy 2): submissions, observations (long format), shortage lists,
job offers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.expression import false

NAMING_CONVENTION: Final = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
STATUSES: Final = ("accepted", "rejected", "superseded")
# BIGINT on PostgreSQL, INTEGER on SQLite (where only INTEGER PRIMARY KEY autoincrements).
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Submission(Base):
    """One received file: who sent it, its hash, what became of it, and the validation report."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(64))
    dataset: Mapped[str] = mapped_column(String(64))
    period: Mapped[str | None] = mapped_column(String(16))
    original_filename: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"))
    observation_count: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    # A fixture in a real format with invented content (marked in its name or header): kept
    # for partners and demos, never shown to the public as real figures.
    synthetic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (Index("ix_submissions_source_period", "source_id", "dataset", "period"),)


class Observation(Base):
    """One value of one indicator for one place, occupation and period."""

    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    source_row: Mapped[int | None] = mapped_column(Integer)
    dataset: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(16))
    # Counting rules (schemas/canonical.py); the defaults are those of the BMO rows stored
    # before they were explicit (migration 0002).
    period_type: Mapped[str] = mapped_column(String(24), server_default="year")
    geo_system: Mapped[str] = mapped_column(String(32))
    geo_vintage: Mapped[str] = mapped_column(String(16))
    geo_code: Mapped[str] = mapped_column(String(16))
    geo_label: Mapped[str] = mapped_column(Text)
    geo_department: Mapped[str | None] = mapped_column(String(8))
    occupation_system: Mapped[str] = mapped_column(String(32))
    occupation_version: Mapped[str] = mapped_column(String(16))
    # 128: VDAB Arvastat identifies its beroepen by their label only (up to 71 characters).
    occupation_code: Mapped[str] = mapped_column(String(128))
    occupation_label: Mapped[str] = mapped_column(Text)
    # NACE Rev. 2 section, `_T` all sectors or `_U` unknown (schemas/canonical.py)
    nace_section: Mapped[str] = mapped_column(String(8), server_default="_T")
    indicator: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str] = mapped_column(String(16), server_default="projects")
    coverage: Mapped[str] = mapped_column(String(32), server_default="all")
    value: Mapped[float | None] = mapped_column(Float(precision=53))
    obs_status: Mapped[str] = mapped_column(String(1))
    conf_status: Mapped[str] = mapped_column(String(1))

    __table_args__ = (
        # Kept to one secondary index besides submission_id: each costs ingest time (see
        # docs/benchmarks.md); queries by place narrow by dataset, period and place first.
        Index("ix_observations_lookup", "dataset", "period", "geo_code", "indicator"),
    )


class ShortageSignal(Base):
    """One occupation on a shortage list (VDAB knelpuntberoepen, Forem critiques/pénuries)."""

    __tablename__ = "shortage_signals"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    source_row: Mapped[int | None] = mapped_column(Integer)
    dataset: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(16))
    occupation_system: Mapped[str] = mapped_column(String(32))
    occupation_version: Mapped[str] = mapped_column(String(16))
    occupation_code: Mapped[str] = mapped_column(String(128))
    occupation_label: Mapped[str] = mapped_column(Text)
    occupation_group: Mapped[str | None] = mapped_column(Text)
    competent_code: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    # NULL = the list does not say (e.g. a transcription without reasons), never "no".
    reason_quantitative: Mapped[bool | None] = mapped_column(Boolean)
    reason_qualitative: Mapped[bool | None] = mapped_column(Boolean)
    reason_working_conditions: Mapped[bool | None] = mapped_column(Boolean)


# --- Job offers (canonical, schema.org JobPosting aligned) --------------------------------------
# Full-text search objects live beside `job_offers`, created by migration 0006 only: on SQLite the
# FTS5 table `job_offers_fts` (kept in step by triggers), on PostgreSQL the GIN index
# `ix_job_offers_title_search` on the generated column `title_search`, the title's tsvector (French
# or Dutch by the offer's language, accents ignored); migration 0009 adds, on PostgreSQL, the
# generated column `title_search_cells` (those lexemes keyed by the offer's 0.25° place cell) and
# its GIN index `ix_job_offers_title_search_cells`. The ORM does not model them:
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
    # ISCED 2011 levels of education the offer asks for, as Le Forem lists them ("3,4").
    education_isced: Mapped[str | None] = mapped_column(String(32))
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
