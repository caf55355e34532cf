"""No secret in a log (#18): URL credentials and secret query values are masked in the audit
log's URLs and in uvicorn's access log lines."""

from __future__ import annotations

import logging

import pytest

from services.api.redact import AccessLogRedactor, redacted_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://user:pa55@example.org/f.csv", "https://***@example.org/f.csv"),
        (
            "https://example.org/f.csv?token=abc&year=2026",
            "https://example.org/f.csv?token=***&year=2026",
        ),
        ("/v1/bulletins?api_key=cbmo_x_y&lang=nl", "/v1/bulletins?api_key=***&lang=nl"),
        ("https://example.org/f.csv", "https://example.org/f.csv"),
        (
            "https://s3.example/f?X-Amz-Signature=zz&X-Amz-Credential=cc",
            "https://s3.example/f?X-Amz-Signature=***&X-Amz-Credential=***",
        ),
    ],
)
def test_secrets_are_masked_and_the_rest_kept(url: str, expected: str) -> None:
    assert redacted_url(url) == expected


def test_an_access_log_line_is_masked() -> None:
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:1", "GET", "/v1/submissions?api_key=cbmo_a_b", "1.1", 200), None,
    )  # fmt: skip
    assert AccessLogRedactor().filter(record)
    assert "cbmo_a_b" not in record.getMessage() and "api_key=***" in record.getMessage()
