"""Partners, their API keys (stored as hashes only) and the audit log of the exchange."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import JSON, DateTime, ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from services.harmonizer.sources import SERVICES as SERVICES_BY_ID
from services.harmonizer.store.models import Base, BigId

SERVICES: Final = tuple(SERVICES_BY_ID)  # the parties of the exchange (sources.py)
ROLES: Final = ("submitter", "reader", "admin")
KEY_PREFIX: Final = "cbmo"


class Partner(Base):
    """An organisation taking part in the exchange: one employment service, or the operator."""

    __tablename__ = "partners"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    service: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ApiKey(Base):
    """A machine key: its public id and the SHA-256 of its secret; the secret is never stored."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    partner_id: Mapped[str] = mapped_column(ForeignKey("partners.id"), index=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    roles: Mapped[list[str]] = mapped_column(JSON)
    label: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """Who did what, when, on which file (hash), and with which result."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    key_id: Mapped[str | None] = mapped_column(String(16))
    partner_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[str | None] = mapped_column(String(64))
    sha256: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


@dataclass(frozen=True)
class Identity:
    """The caller behind a valid key."""

    key_id: str
    partner_id: str
    service: str
    roles: frozenset[str]

    def can_submit(self, service: str) -> bool:
        return "admin" in self.roles or ("submitter" in self.roles and self.service == service)

    def can_read_pooled(self) -> bool:
        return bool({"reader", "admin"} & self.roles)

    def owns(self, service: str) -> bool:
        return "admin" in self.roles or self.service == service


def _digest(secret: str) -> str:
    # Keys are 256-bit random secrets: a fast hash is enough (no dictionary attack applies),
    # and argon2 would cost ~100 ms per request on this hardware.
    return hashlib.sha256(secret.encode()).hexdigest()


def add_partner(session: Session, partner_id: str, service: str, name: str) -> Partner:
    if service not in SERVICES:
        raise ValueError(f"service must be one of {', '.join(SERVICES)}")
    partner = Partner(id=partner_id, service=service, name=name, created_at=datetime.now(UTC))
    session.add(partner)
    return partner


def create_key(session: Session, partner_id: str, roles: list[str], label: str = "") -> str:
    """A new key, returned once as ``cbmo_<id>_<secret>``; only its hash is kept."""
    unknown = sorted(set(roles) - set(ROLES))
    if unknown or not roles:
        raise ValueError(f"roles must be among {', '.join(ROLES)}")
    if session.get(Partner, partner_id) is None:
        raise LookupError(f"no partner {partner_id!r}")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    session.add(
        ApiKey(
            id=key_id,
            partner_id=partner_id,
            secret_sha256=_digest(secret),
            roles=sorted(set(roles)),
            label=label,
            created_at=datetime.now(UTC),
        )
    )
    return f"{KEY_PREFIX}_{key_id}_{secret}"


def revoke_key(session: Session, key_id: str) -> bool:
    key = session.get(ApiKey, key_id)
    if key is None or key.revoked_at is not None:
        return False
    key.revoked_at = datetime.now(UTC)
    return True


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)))


def authenticate(session: Session, presented: str) -> Identity | None:
    """The identity of a presented key, or None if it is malformed, unknown or revoked."""
    prefix, _, rest = presented.partition("_")
    key_id, _, secret = rest.partition("_")
    if prefix != KEY_PREFIX or not key_id or not secret:
        return None
    key = session.get(ApiKey, key_id)
    if key is None or key.revoked_at is not None:
        return None
    if not hmac.compare_digest(key.secret_sha256, _digest(secret)):
        return None
    partner = session.get(Partner, key.partner_id)
    if partner is None:
        return None
    return Identity(key.id, partner.id, partner.service, frozenset(key.roles))


def record_audit(session: Session, action: str, result: str, **fields: Any) -> None:
    """Append one audit entry (the caller commits it with, or apart from, the work)."""
    detail = fields.pop("detail", {})
    session.add(
        AuditEntry(at=datetime.now(UTC), action=action, result=result, detail=detail, **fields)
    )


def list_audit(session: Session, limit: int, offset: int) -> tuple[list[AuditEntry], int]:
    from sqlalchemy import func

    total = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    rows = session.scalars(
        select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset)
    ).all()
    return list(rows), total
