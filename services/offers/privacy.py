"""No personal data in stored offers: contact fields are never read, and e-mail addresses and
phone numbers written inside a text are replaced by a mark."""

from __future__ import annotations

import re
from typing import Final

REMOVED: Final = "[…]"
EMAIL: Final = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# A run of digits with the separators phone numbers are written with; 9 digits or more (Belgian
# numbers have 9, French 10), so that dates (8 digits) and amounts stay.
PHONE_CANDIDATE: Final = re.compile(r"(?:\+|\b00)?\d[\d .\-/()]{7,}\d")
MIN_PHONE_DIGITS: Final = 9


def _phone(match: re.Match[str]) -> str:
    digits = sum(character.isdigit() for character in match.group())
    return REMOVED if digits >= MIN_PHONE_DIGITS else match.group()


def scrub(text: str | None) -> str | None:
    """The text without e-mail addresses and phone numbers; None stays None."""
    if text is None:
        return None
    return PHONE_CANDIDATE.sub(_phone, EMAIL.sub(REMOVED, text))
