"""Language negotiation: ?lang= beats the crossbmo_lang cookie, which beats Accept-Language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from fastapi import Request, Response

from services.i18n import LANGUAGES

DEFAULT_LANGUAGE: Final = "fr"
LANGUAGE_COOKIE: Final = "crossbmo_lang"
COOKIE_MAX_AGE: Final = 365 * 24 * 3600
# Each language named in itself, as a language switcher should show it.
ENDONYMS: Final = {"fr": "Français", "nl": "Nederlands", "en": "English"}


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


def _known(candidate: str | None) -> str | None:
    return candidate.lower() if candidate and candidate.lower() in LANGUAGES else None


def request_language(request: Request) -> str:
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if known := _known(candidate):
            return known
    return _accept_language(request.headers.get("accept-language", "")) or DEFAULT_LANGUAGE


def remember_language(request: Request, response: Response) -> None:
    """Keep a language chosen with ?lang= in the cookie, so the next pages follow it."""
    chosen = _known(request.query_params.get("lang"))
    if chosen and chosen != request.cookies.get(LANGUAGE_COOKIE):
        response.set_cookie(
            LANGUAGE_COOKIE, chosen, max_age=COOKIE_MAX_AGE, samesite="lax", httponly=True
        )


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher: the same page in another language."""

    language: str
    name: str
    url: str
    current: bool


def language_links(request: Request, current: str) -> list[LanguageLink]:
    """The current path and query with ``lang`` replaced, for each language."""
    query = [(key, value) for key, value in request.query_params.multi_items() if key != "lang"]
    return [
        LanguageLink(
            language,
            ENDONYMS[language],
            f"{request.url.path}?{urlencode([*query, ('lang', language)])}",
            language == current,
        )
        for language in LANGUAGES
    ]
