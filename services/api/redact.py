"""Secrets never reach a log: URL credentials and secret-looking query values are masked in the
audit log's URLs and in the server's access log."""

from __future__ import annotations

import logging
import re
from typing import Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MASK: Final = "***"
# Query parameters whose value is a credential (matched on the lower-cased name).
SECRET_NAMES: Final = re.compile(
    r"(api[_-]?key|key|token|access[_-]?token|secret|password|passwd|pwd|sig|signature"
    r"|x-amz-signature|x-amz-credential|auth|authorization|session)"
)


def _query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    masked = [
        (name, MASK if SECRET_NAMES.fullmatch(name.lower()) else value) for name, value in pairs
    ]
    return urlencode(masked, safe="*")


def redacted_url(url: str) -> str:
    """``url`` with its user:password and secret query values masked; a path (`/x?api_key=…`)
    keeps its shape."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return MASK
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{MASK}@{netloc.rsplit('@', 1)[1]}"
    query = _query(parts.query) if parts.query else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class AccessLogRedactor(logging.Filter):
    """Masks the request target of uvicorn's access log lines (their third argument)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redacted_url(args[2]), *args[3:])
        return True


def install_access_log_redaction() -> None:
    logging.getLogger("uvicorn.access").addFilter(AccessLogRedactor())
