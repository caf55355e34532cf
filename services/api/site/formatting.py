"""Numbers, percentages, dates and quarter names in the reader's locale (Babel, CLDR)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Final

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

from services.i18n import normalize_language

# Belgian French and Dutch (the readers of the bulletin); British English for day-month dates.
LOCALES: Final = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}
PERIOD_PATTERN: Final = re.compile(r"^(\d{4})-Q([1-4])$")


def locale_of(language: str) -> str:
    return LOCALES[normalize_language(language)]


def quarter_start(period: str) -> date:
    """The first day of a quarter written ``2025-Q2``; ValueError for anything else."""
    match = PERIOD_PATTERN.match(period)
    if not match:
        raise ValueError(f"not a quarter: {period!r}")
    year, quarter = int(match[1]), int(match[2])
    return date(year, 3 * quarter - 2, 1)


@dataclass(frozen=True)
class Formatter:
    """Every locale-dependent rendering of one language, for templates and charts."""

    language: str

    @property
    def locale(self) -> str:
        return locale_of(self.language)

    def number(self, value: float | int | None, digits: int = 0) -> str:
        """``2 710`` (fr, narrow no-break space), ``2.710`` (nl), ``2,710`` (en)."""
        if value is None:
            return ""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, share: float | None, digits: int = 1) -> str:
        """A share (0.745) as ``74,5 %`` (fr), ``74,5%`` (nl), ``74.5%`` (en)."""
        if share is None:
            return ""
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        wanted = "#,##0" + ("." + "0" * digits if digits else "")
        return format_percent(share, format=pattern.replace("#,##0", wanted), locale=self.locale)

    def signed_percent(self, share: float | None, digits: int = 1) -> str:
        """A change as ``+3,2 %`` or with a minus sign (U+2212): the sign is always written."""
        if share is None:
            return ""
        text = self.percent(abs(share), digits)
        return ("+" if share >= 0 else "\u2212") + text

    def date(self, value: date | datetime | str | None) -> str:
        """``31 mars 2026`` / ``31 maart 2026`` / ``31 March 2026``; ISO strings accepted."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return format_date(value, format="long", locale=self.locale)

    def datetime(self, value: datetime | str | None) -> str:
        """Date and time in UTC, medium length; a naive time is taken as UTC (as stored)."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return format_datetime(value, format="medium", tzinfo=UTC, locale=self.locale) + " UTC"

    def quarter(self, period: str) -> str:
        """``T2 2025`` (fr), ``K2 2025`` (nl), ``Q2 2025`` (en) for ``2025-Q2``."""
        return format_date(quarter_start(period), format="QQQ yyyy", locale=self.locale)
