"""Tables of the store (SQLAlchemy 2): submissions and their observations, long format."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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

    __table_args__ = (Index("ix_submissions_source_period", "source_id", "dataset", "period"),)


class Observation(Base):
    """One value of one indicator for one place, occupation and period."""

    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    source_row: Mapped[int | None] = mapped_column(Integer)
    dataset: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(16))
    geo_system: Mapped[str] = mapped_column(String(32))
    geo_vintage: Mapped[str] = mapped_column(String(16))
    geo_code: Mapped[str] = mapped_column(String(16))
    geo_label: Mapped[str] = mapped_column(Text)
    geo_department: Mapped[str | None] = mapped_column(String(8))
    occupation_system: Mapped[str] = mapped_column(String(32))
    occupation_version: Mapped[str] = mapped_column(String(16))
    occupation_code: Mapped[str] = mapped_column(String(32))
    occupation_label: Mapped[str] = mapped_column(Text)
    indicator: Mapped[str] = mapped_column(String(64))
    value: Mapped[float | None] = mapped_column(Float(precision=53))
    obs_status: Mapped[str] = mapped_column(String(1))
    conf_status: Mapped[str] = mapped_column(String(1))

    __table_args__ = (
        # Kept to one secondary index besides submission_id: each costs ingest time (see
        # docs/benchmarks.md); queries by place narrow by dataset, period and place first.
        Index("ix_observations_lookup", "dataset", "period", "geo_code", "indicator"),
    )
