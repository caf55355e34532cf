"""Numbers, percentages, dates and quarters in the reader's locale: exact strings (Babel, CLDR)."""

from __future__ import annotations

from datetime import date

import pytest

from services.api.site.formatting import Formatter, quarter_start

NNBSP = "\u202f"  # CLDR's French group separator (narrow no-break space)
NBSP = "\u00a0"  # CLDR's French space before the percent sign


@pytest.mark.parametrize(
    ("language", "number", "percent"),
    [
        ("fr", f"2{NNBSP}710", f"74,5{NBSP}%"),
        ("nl", "2.710", "74,5%"),
        ("en", "2,710", "74.5%"),
    ],
)
def test_numbers_and_percentages(language: str, number: str, percent: str) -> None:
    fmt = Formatter(language)
    assert fmt.number(2710) == number
    assert fmt.percent(0.745) == percent


@pytest.mark.parametrize(
    ("language", "quarter", "day"),
    [
        ("fr", "T2 2025", "31 mars 2026"),
        ("nl", "K2 2025", "31 maart 2026"),
        ("en", "Q2 2025", "31 March 2026"),
    ],
)
def test_quarters_and_dates(language: str, quarter: str, day: str) -> None:
    fmt = Formatter(language)
    assert fmt.quarter("2025-Q2") == quarter
    assert fmt.date(date(2026, 3, 31)) == day
    assert fmt.date("2026-03-31T10:00:00+00:00") == day


def test_timestamps_are_shown_in_utc() -> None:
    assert Formatter("en").datetime("2026-05-04T10:30:00") == "4 May 2026, 10:30:00 UTC"
    assert Formatter("fr").datetime("2026-05-04T12:30:00+02:00") == "4 mai 2026, 10:30:00 UTC"


def test_large_numbers_and_decimals() -> None:
    assert Formatter("fr").number(1234567.891, digits=1) == f"1{NNBSP}234{NNBSP}567,9"
    assert Formatter("nl").number(1234567.891, digits=1) == "1.234.567,9"
    assert Formatter("en").number(1234567.891, digits=1) == "1,234,567.9"


def test_signed_changes_always_carry_their_sign() -> None:
    assert Formatter("en").signed_percent(0.032) == "+3.2%"
    assert Formatter("nl").signed_percent(-0.015) == "\u22121,5%"


def test_missing_values_print_nothing_never_zero() -> None:
    fmt = Formatter("fr")
    assert fmt.number(None) == "" and fmt.percent(None) == "" and fmt.date(None) == ""


def test_unknown_language_falls_back_to_french() -> None:
    assert Formatter("de").quarter("2026-Q1") == "T1 2026"


@pytest.mark.parametrize("period", ["2025-Q5", "2025Q1", "2025-Q1 ", "T1 2025"])
def test_quarter_start_refuses_other_periods(period: str) -> None:
    with pytest.raises(ValueError, match="not a quarter"):
        quarter_start(period)
