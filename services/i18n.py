"""Gettext catalogues of i18n/ (fr, nl, en), read with Babel, and language negotiation helpers."""

from __future__ import annotations

import gettext as stdlib_gettext
import io
from functools import lru_cache
from typing import Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from services import paths

LANGUAGES: Final = ("fr", "nl", "en")
I18N_DIR: Final = paths.I18N_DIR
DOMAIN: Final = "messages"


def N_(message: str) -> str:
    """Mark a msgid for extraction (``pybabel extract -k N_``) without translating it now."""
    return message


@lru_cache(maxsize=len(LANGUAGES))
def _translations(language: str) -> stdlib_gettext.GNUTranslations:
    """The .po catalogue compiled in memory (fuzzy entries left out), so that the .po files are
    the only artefact and plural rules come from their ``Plural-Forms`` header."""
    path = I18N_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return stdlib_gettext.GNUTranslations(compiled)


def normalize_language(language: str | None, default: str = "fr") -> str:
    """Map 'nl-BE', 'FR', None… to one of fr/nl/en."""
    if not language:
        return default
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in LANGUAGES else default


def gettext(message: str, language: str) -> str:
    """Translate one msgid; an untranslated msgid falls back to itself (English)."""
    return _translations(normalize_language(language)).gettext(message)


def ngettext(singular: str, plural: str, count: int, language: str) -> str:
    """Translate a message whose form depends on ``count`` (the language's plural rule)."""
    return _translations(normalize_language(language)).ngettext(singular, plural, count)


def translate(message: str, language: str, **params: object) -> str:
    """Translate a msgid and fill its ``{placeholders}``."""
    return gettext(message, language).format(**params)


def translate_plural(
    singular: str, plural: str, count: int, language: str, **params: object
) -> str:
    """Translate a plural message and fill its ``{placeholders}`` (``{count}`` included)."""
    return ngettext(singular, plural, count, language).format(count=count, **params)
