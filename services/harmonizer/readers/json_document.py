"""Open a JSON document (UTF-8, BOM or not): the parsed value, or a located `not-json` finding."""

from __future__ import annotations

import json
from typing import Any

from services.harmonizer.errors import Finding, ValidationFailed


def read_json(content: bytes, file_name: str) -> Any:
    """The document; raises ValidationFailed for an empty file or one that is not JSON."""
    if not content:
        raise ValidationFailed([Finding("empty-file", file=file_name)])
    if b"\x00" in content or b"\\u0000" in content:
        # PostgreSQL text cannot hold NUL: refused on every backend alike.
        raise ValidationFailed([Finding("nul-character", file=file_name)])
    try:
        return json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        finding = Finding("not-json", file=file_name, params={"detail": str(error)})
        raise ValidationFailed([finding]) from error
    except RecursionError as error:
        raise ValidationFailed([Finding("json-too-deep", file=file_name)]) from error


def contract_mismatch(file_name: str, contract: str, detail: str) -> ValidationFailed:
    """The document is JSON but not in the shape of the ``contract`` it is sent as."""
    params = {"contract": contract, "detail": detail}
    return ValidationFailed([Finding("contract-mismatch", file=file_name, params=params)])
