"""API-key authentication of partners (X-API-Key header) and per-key rate limiting."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from services.api.deps import SessionDep, SettingsDep
from services.api.errors import ApiError
from services.harmonizer.sources import SOURCES, open_sources
from services.harmonizer.store.access import Identity, authenticate

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Partner API key")
WINDOW_SECONDS = 60.0


class RateLimiter:
    """A sliding one-minute window per key, in memory (one process; enough for one server)."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key_id: str, per_minute: int) -> float | None:
        """None if the request may go on, else the seconds to wait."""
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key_id, deque())
            while hits and now - hits[0] >= WINDOW_SECONDS:
                hits.popleft()
            if len(hits) >= per_minute:
                return WINDOW_SECONDS - (now - hits[0])
            hits.append(now)
            return None


def require_identity(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    presented: Annotated[str | None, Depends(api_key_header)],
) -> Identity:
    """The partner behind the key; 401 without a valid key, 429 over the rate limit."""
    identity = authenticate(session, presented) if presented else None
    if identity is None:
        raise ApiError(401, "unauthorized")
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.allow(identity.key_id, settings.exchange_requests_per_minute)
    if wait is not None:
        raise ApiError(429, "rate-limited", headers={"Retry-After": str(int(wait) + 1)})
    request.state.identity = identity
    return identity


def optional_identity(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    presented: Annotated[str | None, Depends(api_key_header)],
) -> Identity | None:
    """The partner behind a key if one is sent (401 if it is not valid), else None (anonymous)."""
    if presented is None:
        return None
    return require_identity(request, session, settings, presented)


def visible_sources(identity: Identity | None) -> tuple[str, ...] | None:
    """What a caller may read: everything for readers, else open data (+ its own service's)."""
    if identity is not None and identity.can_read_pooled():
        return None
    own = {s.id for s in SOURCES.values() if identity is not None and s.service == identity.service}
    return tuple(sorted(set(open_sources()) | own))


def rejected_visible_sources(identity: Identity | None) -> tuple[str, ...] | None:
    """Whose rejected submissions a caller may read: a rejected file's report holds the
    offending values of one partner, so only its own service and the operator (admin) see it;
    never the public nor another partner's reader (None: every source)."""
    if identity is None:
        return ()
    if "admin" in identity.roles:
        return None
    return tuple(sorted(s.id for s in SOURCES.values() if s.service == identity.service))


def may_read_submission(
    identity: Identity | None, source_id: str, status: str, synthetic: bool
) -> bool:
    """The one rule for reading a submission or its report outside the exchange routes: its
    source is visible to the caller, a rejected one only to its own service or the operator,
    and the public never sees synthetic files."""
    visible = visible_sources(identity)
    if visible is not None and source_id not in visible:
        return False
    if identity is None and synthetic:
        return False
    rejected = rejected_visible_sources(identity)
    return status != "rejected" or rejected is None or source_id in rejected


IdentityDep = Annotated[Identity, Depends(require_identity)]
OptionalIdentityDep = Annotated[Identity | None, Depends(optional_identity)]
