"""Fetch a partner file from an address the partner gives, safe against server-side request
forgery: https only (http when allowed), public addresses only (unless the host is allow-listed),
checked again on every redirect and at connection time (no DNS rebinding), bounded in size and
time. Every refusal or failure is a coded finding; nothing is kept of a failed fetch.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Final
from urllib.parse import unquote, urlsplit

import httpcore
import httpx
from httpcore._backends.base import SOCKET_OPTION

from services.harmonizer.errors import Finding
from services.harmonizer.pull import USER_AGENT, PullFailed

CHUNK: Final = 64 * 1024
MAX_URL_LENGTH: Final = 2048


class FileTooLarge(PullFailed):
    """The answer passed the size limit; the download was abandoned."""


@dataclass(frozen=True)
class FetchPolicy:
    """What may be fetched: schemes, hosts, size and time."""

    max_bytes: int
    allow_http: bool = False
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    timeout_seconds: float = 30.0
    max_redirects: int = 5

    def schemes(self) -> tuple[str, ...]:
        return ("https", "http") if self.allow_http else ("https",)

    def host_allowed(self, host: str) -> bool:
        return host.lower().strip("[]") in self.allowed_hosts


@dataclass(frozen=True)
class RemoteFile:
    content: bytes
    file_name: str
    final_url: str


def _refused(code: str, url: str, **params: str) -> PullFailed:
    return PullFailed([Finding(code, file=url, value=url, params=params)])


def check_url(url: str, policy: FetchPolicy) -> None:
    """Refuse (PullFailed) an address that is not absolute, or not of an allowed scheme."""
    parts = urlsplit(url) if len(url) <= MAX_URL_LENGTH else None
    if parts is None or not parts.scheme or not parts.hostname or "\\" in url:
        raise _refused("url-malformed", url[:MAX_URL_LENGTH])
    if parts.scheme.lower() not in policy.schemes():
        raise _refused("url-scheme-refused", url, scheme=parts.scheme,
                       allowed=", ".join(policy.schemes()))  # fmt: skip


def is_public(address: str) -> bool:
    """A global unicast address: not private, loopback, link-local, shared, reserved…"""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves the host itself, refuses non-public addresses, and connects to the very address
    it checked, so that a second DNS answer cannot point the connection elsewhere."""

    def __init__(self, policy: FetchPolicy, url: str) -> None:
        self.policy = policy
        self.url = url

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise httpcore.ConnectError(f"{host}: {error}") from error
        addresses = [str(info[4][0]) for info in infos]
        if not self.policy.host_allowed(host):
            refused = [address for address in addresses if not is_public(address)]
            if refused:
                raise _refused("url-address-refused", self.url, host=host, address=refused[0])
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, policy: FetchPolicy, url: str) -> None:
        super().__init__(trust_env=False)  # no proxy from the environment: it would skip checks
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_GuardedBackend(policy, url),
        )


def file_name_of(url: str) -> str:
    """The last path segment of the address, or the host, as the received file's name."""
    parts = urlsplit(url)
    name = PurePosixPath(unquote(parts.path)).name
    return (name or parts.hostname or "download")[:255]


@dataclass
class _Download:
    policy: FetchPolicy
    url: str
    clock: Callable[[], float] = time.monotonic
    deadline: float = 0.0

    def run(self, transport: httpx.BaseTransport | None) -> RemoteFile:
        self.deadline = self.clock() + self.policy.timeout_seconds
        timeout = httpx.Timeout(self.policy.timeout_seconds)
        hooks = {"request": [self._check_hop]}
        with httpx.Client(
            transport=transport or _GuardedTransport(self.policy, self.url), timeout=timeout,
            follow_redirects=True, max_redirects=self.policy.max_redirects, trust_env=False,
            event_hooks=hooks, headers={"User-Agent": USER_AGENT},
        ) as client:  # fmt: skip
            return self._get(client)

    def _check_hop(self, request: httpx.Request) -> None:
        check_url(str(request.url), self.policy)  # every redirect too (https → http is refused)

    def _get(self, client: httpx.Client) -> RemoteFile:
        try:
            with client.stream("GET", self.url) as response:
                if response.status_code != 200:
                    raise _refused("http-error", self.url, status=str(response.status_code),
                                   attempts="1")  # fmt: skip
                self._check_announced_size(response)
                content = self._bounded_body(response.iter_bytes(CHUNK))
                final = str(response.url)
        except httpx.TimeoutException as error:
            raise self._timeout() from error
        except httpx.TooManyRedirects as error:
            raise _refused("http-error", self.url, status="3xx", attempts="1") from error
        except (httpx.TransportError, httpx.InvalidURL) as error:
            raise _refused("http-unreachable", self.url, detail=type(error).__name__) from error
        return RemoteFile(content, file_name_of(final), final)

    def _timeout(self) -> PullFailed:
        return _refused("http-timeout", self.url, seconds=f"{self.policy.timeout_seconds:g}",
                        attempts="1")  # fmt: skip

    def _too_large(self, size: int) -> FileTooLarge:
        params = {"size": str(size), "limit": str(self.policy.max_bytes)}
        finding = Finding("file-too-large", file=self.url, params=params)
        return FileTooLarge([finding])

    def _check_announced_size(self, response: httpx.Response) -> None:
        announced = response.headers.get("Content-Length", "")
        if announced.isdigit() and int(announced) > self.policy.max_bytes:
            raise self._too_large(int(announced))

    def _bounded_body(self, chunks: typing.Iterator[bytes]) -> bytes:
        """The (decoded) body, abandoned past the size limit or the overall deadline."""
        parts: list[bytes] = []
        size = 0
        for chunk in chunks:
            size += len(chunk)
            if size > self.policy.max_bytes:
                raise self._too_large(size)
            if self.clock() > self.deadline:
                raise self._timeout()  # a server trickling bytes must not hold a worker forever
            parts.append(chunk)
        return b"".join(parts)


def fetch_file(
    url: str, policy: FetchPolicy, transport: httpx.BaseTransport | None = None
) -> RemoteFile:
    """The file at ``url``; raises PullFailed (FileTooLarge past the limit) with one finding."""
    check_url(url, policy)
    return _Download(policy, url).run(transport)
