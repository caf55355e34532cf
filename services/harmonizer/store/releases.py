"""Tables of the bulletin releases: one row per quarter × revision, and its published cells.

A release is immutable once stored: a new build with other inputs is a new revision, and the
states only move forward (draft → preview → public), each with its timestamp.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.harmonizer.store.models import Base, BigId


class BulletinRelease(Base):
    __tablename__ = "bulletin_releases"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    period: Mapped[str] = mapped_column(String(16))
    revision: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    previewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Submission ids and hashes, mapping version, geography vintages, code version: the
    # digest of their canonical JSON tells whether a rebuild has anything new.
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    inputs_digest: Mapped[str] = mapped_column(String(64))
    # What changed from the previous revision (cells added, removed, changed; inputs).
    diff: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Shortage signals side by side, cross-border opportunities, disclosure figures.
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_bulletin_releases_period", "period", "revision", unique=True),)


class BulletinCell(Base):
    """One published value: zone × occupation × sector × indicator of one release."""

    __tablename__ = "bulletin_cells"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    release_id: Mapped[int] = mapped_column(ForeignKey("bulletin_releases.id"), index=True)
    zone: Mapped[str] = mapped_column(String(32))
    occupation_level: Mapped[int] = mapped_column(Integer)
    occupation_code: Mapped[str] = mapped_column(String(16))
    nace_section: Mapped[str] = mapped_column(String(8))
    indicator: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str] = mapped_column(String(16))
    coverage: Mapped[str] = mapped_column(String(32))
    source_id: Mapped[str] = mapped_column(String(64))
    reference_period: Mapped[str] = mapped_column(String(16))
    period_type: Mapped[str] = mapped_column(String(24))
    value: Mapped[float | None] = mapped_column(Float(precision=53))
    obs_status: Mapped[str] = mapped_column(String(1))
    conf_status: Mapped[str] = mapped_column(String(1))
    previous_quarter: Mapped[float | None] = mapped_column(Float(precision=53))
    previous_year: Mapped[float | None] = mapped_column(Float(precision=53))
    flags: Mapped[str] = mapped_column(Text, default="")
