"""Language negotiation: ?lang= beats the crossbmo_lang cookie, which beats Accept-Language."""

from __future__ import annotations

from fastapi import Request

from services.i18n import LANGUAGES

DEFAULT_LANGUAGE = "fr"


def _accept_language(header: str) -> str | None:
    """The best of fr/nl/en in an Accept-Language header, by q-value then order."""
    ranked: list[tuple[float, int, str]] = []
    for order, part in enumerate(header.split(",")):
        tag, _, q = part.strip().partition(";q=")
        primary = tag.strip().lower().split("-")[0]
        try:
            weight = float(q) if q else 1.0
        except ValueError:
            continue
        if primary in LANGUAGES and weight > 0:
            ranked.append((-weight, order, primary))
    return min(ranked)[2] if ranked else None


def request_language(request: Request) -> str:
    for candidate in (request.query_params.get("lang"), request.cookies.get("crossbmo_lang")):
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return _accept_language(request.headers.get("accept-language", "")) or DEFAULT_LANGUAGE
