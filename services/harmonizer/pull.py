"""Pull a source over HTTP: polite GETs (rate limit, retries with backoff, conditional requests,
a local cache) and Opendatasoft paging into one document that is then ingested as one file.

Everything that waits or talks to the network is injected (client transport, sleep, clock), so the
tests run offline against recorded responses (httpx.MockTransport) and never sleep.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import httpx

from services.harmonizer.errors import Finding
from services.harmonizer.sources import PullEndpoint

RETRYABLE_STATUSES: Final = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER_SECONDS: Final = 300.0
USER_AGENT: Final = "crossbmo/0.1 (cross-border hiring-needs exchange)"


class PullFailed(Exception):
    """A pull that could not fetch every page; carries coded, located findings."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(findings[0].code)
        self.findings = findings


@dataclass
class HttpCache:
    """Last good answer per URL, with its validators (ETag, Last-Modified), under ``folder``."""

    folder: Path

    def _path(self, url: str) -> Path:
        return self.folder / hashlib.sha256(url.encode()).hexdigest()

    def validators(self, url: str) -> dict[str, str]:
        meta = self._path(url).with_suffix(".json")
        if not meta.is_file():
            return {}
        stored: dict[str, str] = json.loads(meta.read_text(encoding="utf-8"))
        headers = {"If-None-Match": stored.get("etag"), "If-Modified-Since": stored.get("modified")}
        return {name: value for name, value in headers.items() if value}

    def body(self, url: str) -> bytes | None:
        path = self._path(url).with_suffix(".body")
        return path.read_bytes() if path.is_file() else None

    def store(self, url: str, response: httpx.Response) -> None:
        etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
        if not (etag or modified):
            return  # nothing to revalidate with: caching the body would not save a request
        self.folder.mkdir(parents=True, exist_ok=True)
        base = self._path(url)
        base.with_suffix(".body").write_bytes(response.content)
        meta = {"url": url, "etag": etag, "modified": modified}
        base.with_suffix(".json").write_text(json.dumps(meta), encoding="utf-8")


@dataclass
class Puller:
    """GET with the source's published manners; one instance per pull."""

    client: httpx.Client
    cache: HttpCache
    endpoint: PullEndpoint
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    requests: int = 0
    revalidated: int = 0
    _last: dict[str, float] = field(default_factory=dict)

    def _wait_turn(self, url: str) -> None:
        """At most one request per `min_interval_seconds` to a host (its rate limit)."""
        host = urlsplit(url).netloc
        if host in self._last:
            remaining = self._last[host] + self.endpoint.min_interval_seconds - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self._last[host] = self.clock()

    def get(self, url: str) -> bytes:
        """The body of ``url`` (from the cache on 304); raises PullFailed after the retries."""
        attempts = self.endpoint.retries + 1
        for attempt in range(1, attempts + 1):
            outcome = self._attempt(url)
            if isinstance(outcome, bytes):
                return outcome
            if attempt == attempts or outcome.delay is None:
                raise PullFailed([outcome.finding(url, attempt)])
            self.sleep(outcome.delay if outcome.delay >= 0 else self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int) -> float:
        return float(self.endpoint.backoff_seconds * 2 ** (attempt - 1))

    def _attempt(self, url: str) -> bytes | _Failure:
        self._wait_turn(url)
        self.requests += 1
        headers = {"User-Agent": USER_AGENT, **self.cache.validators(url)}
        try:
            response = self.client.get(url, headers=headers, timeout=self.endpoint.timeout_seconds)
        except httpx.TimeoutException:
            seconds = f"{self.endpoint.timeout_seconds:g}"
            return _Failure("http-timeout", -1, {"seconds": seconds})
        except httpx.TransportError as error:
            return _Failure("http-unreachable", -1, {"detail": type(error).__name__})
        return self._answer(url, response)

    def _answer(self, url: str, response: httpx.Response) -> bytes | _Failure:
        cached = self.cache.body(url) if response.status_code == 304 else None
        if cached is not None:
            self.revalidated += 1
            return cached
        if response.status_code == 200:
            self.cache.store(url, response)
            return response.content
        status = {"status": str(response.status_code)}
        if response.status_code in RETRYABLE_STATUSES:
            return _Failure("http-error", retry_after(response, self.clock), status)
        return _Failure("http-error", None, status)  # 4xx: asking again will not help


@dataclass(frozen=True)
class _Failure:
    code: str
    delay: float | None  # None: do not retry; < 0: exponential backoff; else Retry-After
    params: dict[str, str]

    def finding(self, url: str, attempts: int) -> Finding:
        return Finding(self.code, file=url, params={**self.params, "attempts": str(attempts)})


def retry_after(response: httpx.Response, _clock: Callable[[], float]) -> float:
    """Seconds asked by Retry-After (delta or HTTP date), capped; -1 = use the backoff."""
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_SECONDS)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return -1.0
    seconds = (when - datetime.now(UTC)).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER_SECONDS)


def page_url(endpoint: PullEndpoint, offset: int) -> str:
    params = {"limit": endpoint.page_size, "offset": offset}
    if endpoint.order_by:
        params |= {"order_by": endpoint.order_by}  # type: ignore[dict-item]
    return str(httpx.URL(endpoint.url, params=params))


def _json(body: bytes, url: str) -> Any:
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PullFailed([Finding("not-json", file=url, params={"detail": str(error)})]) from error


def _page(puller: Puller, offset: int) -> tuple[int, list[Any]]:
    url = page_url(puller.endpoint, offset)
    document = _json(puller.get(url), url)
    if not (
        isinstance(document, dict)
        and isinstance(document.get("total_count"), int)
        and isinstance(document.get("results"), list)
    ):
        detail = "no total_count and results list (records API v2.1)"
        params = {"contract": puller.endpoint.contract, "detail": detail}
        raise PullFailed([Finding("contract-mismatch", file=url, params=params)])
    return document["total_count"], document["results"]


def _export(puller: Puller) -> list[Any]:
    url = puller.endpoint.export_url
    if puller.endpoint.order_by:
        url = str(httpx.URL(url, params={"order_by": puller.endpoint.order_by}))
    document = _json(puller.get(url), url)
    if not isinstance(document, list):
        params = {"contract": puller.endpoint.contract, "detail": "the export is not a list"}
        raise PullFailed([Finding("contract-mismatch", file=url, params=params)])
    return document


def pull_records(puller: Puller, max_pages: int | None = None) -> tuple[bytes, dict[str, Any]]:
    """Every record as one JSON export document (stable bytes), and what the pull did."""
    endpoint = puller.endpoint
    total, records = _page(puller, 0)
    if max_pages is None and total > endpoint.max_records_window:
        records, shape = _export(puller), "export"  # paging cannot go past the window
    else:
        wanted = total if max_pages is None else min(total, max_pages * endpoint.page_size)
        offset = len(records)
        while offset < wanted and records:
            records += _page(puller, offset)[1]
            offset += endpoint.page_size
        records, shape = records[:wanted], "pages"
    if max_pages is None and len(records) != total:
        finding = Finding("pull-incomplete", file=endpoint.url, value=str(len(records)),
                          params={"reference": str(total)})  # fmt: skip
        raise PullFailed([finding])
    content = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()
    stats = {"shape": shape, "total_count": total, "records": len(records),
             "requests": puller.requests, "revalidated": puller.revalidated}  # fmt: skip
    return content, stats


def pull_source(
    endpoint: PullEndpoint,
    cache_dir: Path,
    max_pages: int | None = None,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[bytes, dict[str, Any]]:
    """Pull every record of ``endpoint``; raises PullFailed, leaving nothing half-fetched."""
    with httpx.Client(transport=transport, follow_redirects=True) as client:
        puller = Puller(client, HttpCache(cache_dir), endpoint, sleep=sleep)
        return pull_records(puller, max_pages)
