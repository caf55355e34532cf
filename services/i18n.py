"""Gettext catalogues of i18n/ (fr, nl, en), read with Babel, and language negotiation helpers."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Final

from babel.messages.pofile import read_po

LANGUAGES: Final = ("fr", "nl", "en")
I18N_DIR: Final = Path(__file__).resolve().parent.parent / "i18n"
DOMAIN: Final = "messages"


def N_(message: str) -> str:
    """Mark a msgid for extraction (``pybabel extract -k N_``) without translating it now."""
    return message


@lru_cache(maxsize=len(LANGUAGES))
def _catalogue(language: str) -> dict[str, str]:
    path = I18N_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {
        str(message.id): str(message.string)
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def normalize_language(language: str | None, default: str = "fr") -> str:
    """Map 'nl-BE', 'FR', None… to one of fr/nl/en."""
    if not language:
        return default
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGUAGES else default


def gettext(message: str, language: str) -> str:
    """Translate one msgid; an untranslated msgid falls back to itself (English)."""
    return _catalogue(normalize_language(language)).get(message, message)


def translate(message: str, language: str, **params: object) -> str:
    """Translate a msgid and fill its ``{placeholders}``."""
    return gettext(message, language).format(**params)
