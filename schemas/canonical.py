"""Canonical observation schema: one value per row, long format, shared by every source."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

import numpy as np
import pandas as pd
import pandera.pandas as pa

# 2025, 2025-Q2, 2025-M04. A period names the *last* time unit it covers; `period_type` says how
# long the window is: "2026-M04" + rolling_12_months is May 2025 – April 2026 (Arvastat's
# "mei 2025 - april 2026"), "2026-M04" + month is April 2026 alone.
PERIOD: Final = re.compile(r"\d{4}(-(Q[1-4]|M(0[1-9]|1[0-2])))?")
PERIOD_TYPES: Final = ("year", "quarter", "month", "rolling_12_months")
# Which period shapes each period type allows.
PERIOD_SHAPES: Final = {
    "year": re.compile(r"\d{4}"),
    "quarter": re.compile(r"\d{4}-Q[1-4]"),
    "month": re.compile(r"\d{4}-M\d{2}"),
    "rolling_12_months": re.compile(r"\d{4}-M\d{2}"),
}
# SDMX CL_OBS_STATUS: A normal value, O missing value, D definition differs (an ISCO-08
# aggregate of published parts only, some part being secret: harmonizer/mappings/apply.py),
# P provisional (ONEM's average of the months published so far), B break in series, U low
# reliability, E estimated (Eurostat's flags b, u, e), M missing because it cannot exist. A
# missing value (O, M) has no value, never 0: e.g. a DARES indicator not measured (O, free).
OBS_STATUS: Final = ("A", "O", "D", "P", "B", "U", "E", "M")
CONF_STATUS: Final = ("F", "C")  # SDMX CL_CONF_STATUS: F free, C confidential (secret)
BMO_INDICATORS: Final = ("hiring_projects", "difficult_hiring_projects", "seasonal_hiring_projects")
# The six DARES complementary tension indicators (each a class 1–5), in DARES's order.
TENSION_FACTORS: Final = (
    "tension_hiring_intensity", "tension_training_link", "tension_lack_of_labour",
    "tension_non_durable_employment", "tension_working_conditions",
    "tension_geographic_mismatch",
)  # fmt: skip
# What is counted, per indicator. Figures of different units are never added up: BMO counts
# survey *projects*, VDAB counts *vacancies* received, France Travail/Forem *offers* published,
# and job seekers are *persons* (France Travail, Forem) or *aspirations* (VDAB Arvastat by
# occupation: one person counts once per occupation sought).
INDICATOR_UNITS: Final[dict[str, tuple[str, ...]]] = {
    **{indicator: ("projects",) for indicator in BMO_INDICATORS},
    "vacancies_received": ("vacancies",),
    "offers_published": ("offers",),
    # France Travail "offres d'emploi enregistrées" (OEE): offers registered (collected) by France
    # Travail over the period, a flow; not the offers online at a date (`offers_published`).
    "offers_registered": ("offers",),
    "job_seekers": ("persons", "aspirations"),
    # France Travail tension class of an occupation in a bassin (1 low … 5 very high): a class,
    # not a count — never summed or averaged across places or occupations (NON_ADDITIVE_UNITS).
    "tension_class": ("class",),
    # ONEM/RVA "chômeurs complets indemnisés demandeurs d'emploi" (CCI-DE, UVW-WZ): benefit
    # claimants, annual average of the monthly counts — not registered job seekers: its own
    # indicator, never summed with France Travail, Forem or VDAB job seekers.
    "benefit_claimants": ("persons",),
    # Eurostat LFS (ILO definition, the same on both sides of the border): a rate in %, and the
    # levels it is made of, in thousands of persons.
    "ilo_unemployment_rate": ("percent",),
    "ilo_unemployed": ("thousand_persons",),
    "employment": ("thousand_persons", "persons"),  # LFS (thousands); DARES average employment
    # Steunpunt Werk administrative unemployment rate, 15–64 (registered job seekers / labour
    # force, from the regional PES registers): a rate, never summed.
    "admin_unemployment_rate": ("percent",),
    # VDAB Arvastat construction vacancies open at the end of a month: a stock.
    "vacancies_open": ("vacancies",),
    # DARES / France Travail tension indicators (method of 2020): the standardised index (centred
    # and reduced over 2014–2018, may be negative), its category 1–5 (`tension_class`), and the
    # six complementary indicators, each a quintile class 1–5.
    "tension_index": ("index",),
    **{factor: ("class",) for factor in TENSION_FACTORS},
}
INDICATORS: Final = tuple(INDICATOR_UNITS)
UNITS: Final = (
    "projects", "vacancies", "offers", "persons", "aspirations", "class", "percent", "index",
    "thousand_persons",
)  # fmt: skip
# Units whose values are not quantities: no total, sum or ISCO-08 share may be made of them.
NON_ADDITIVE_UNITS: Final = ("class", "percent", "index")
# Units whose values may be negative (a standardised index); every other value is >= 0.
SIGNED_UNITS: Final = ("index",)
TENSION_CLASSES: Final = (1, 2, 3, 4, 5)
# The SDMX code of a total: all sectors, or all occupations together.
TOTAL: Final = "_T"
# The occupation "dimension" of a figure that covers every occupation.
ALL_OCCUPATIONS: Final = {"system": "all", "version": "all", "code": TOTAL}
# Which cases a count covers: everything the source counts, or VDAB's NECzU vacancies (normal
# economic circuits, received directly by VDAB, interim assignments excluded). Forem's open offers
# are split into two disjoint parts, its own offers and those republished from other boards and
# PES, so that both counts exist and their sum is every offer (never double-counted).
# France Travail counts registered job seekers of categories A, B and C (`categories_abc`: no
# activity, or reduced activity, in the month, all required to seek work).
COVERAGES: Final = ("all", "direct_excl_interim", "forem_own", "republished", "categories_abc")
# A Eurostat figure covers one population: its age band and sex (SDMX codes), e.g. `Y15-74.T`.
POPULATION_COVERAGE: Final = re.compile(r"(Y[0-9A-Z_-]+|TOTAL)\.[TMF]")
# The sector dimension (NACE Rev. 2 section): TOTAL (`_T`) all sectors (a source without a sector
# breakdown), a section letter A–U, or `_U` sector unknown (a record without an activity code,
# so that the sections of a source that breaks its figures down still add up to its total).
UNKNOWN_SECTOR: Final = "_U"
NACE_SECTIONS: Final = tuple("ABCDEFGHIJKLMNOPQRSTU")
SECTOR_CODES: Final = (TOTAL, *NACE_SECTIONS, UNKNOWN_SECTOR)
OBSERVATION_COLUMNS: Final = (
    "dataset",
    "period",
    "period_type",
    "geo_system",
    "geo_vintage",
    "geo_code",
    "geo_label",
    "geo_department",
    "occupation_system",
    "occupation_version",
    "occupation_code",
    "occupation_label",
    "nace_section",
    "indicator",
    "unit",
    "coverage",
    "value",
    "obs_status",
    "conf_status",
)


def _distinct(is_valid: Callable[[str], bool], code: str) -> pa.Check:
    """Judge each distinct value once: 150 000 observations repeat a few thousand texts."""

    def check(series: pd.Series) -> pd.Series:
        # Missing values are left to the column's `nullable` rule; judging the distinct values
        # here instead of asking pandera to drop NAs first (ignore_na) saves a full scan.
        invalid = [value for value in series.unique() if not pd.isna(value) and not is_valid(value)]
        return ~series.isin(invalid)

    return pa.Check(check, name=code, ignore_na=False)


def _is_period(value: str) -> bool:
    return PERIOD.fullmatch(value) is not None


def _text(*checks: pa.Check, nullable: bool = False) -> pa.Column:
    return pa.Column(str, checks=[_distinct(bool, "empty-text"), *checks], nullable=nullable)


def _secret_has_no_value(frame: pd.DataFrame) -> pd.Series:
    """A confidential cell is *unknown*: no value, never 0; so is one the source did not
    measure (obs_status O, missing, or M, cannot exist); any other cell has a value."""
    unknown = (frame["conf_status"] == "C") | frame["obs_status"].isin(("O", "M"))
    return unknown == frame["value"].isna()


def _pairs_valid(
    frame: pd.DataFrame, first: str, second: str, is_valid: Callable[[str, str], bool]
) -> pd.Series:
    """Judge each distinct (first, second) pair once and map the verdict back to the rows."""
    codes_a, uniques_a = pd.factorize(frame[first])
    codes_b, uniques_b = pd.factorize(frame[second])
    pair_codes = codes_a.astype("int64") * (len(uniques_b) + 1) + codes_b
    distinct = np.unique(pair_codes)
    invalid = [
        code
        for code in distinct
        if not is_valid(
            uniques_a[code // (len(uniques_b) + 1)], uniques_b[code % (len(uniques_b) + 1)]
        )
    ]
    return pd.Series(~np.isin(pair_codes, invalid), index=frame.index)


def _unit_fits_indicator(frame: pd.DataFrame) -> pd.Series:
    return _pairs_valid(
        frame,
        "indicator",
        "unit",
        lambda indicator, unit: unit in INDICATOR_UNITS.get(indicator, ()),
    )


def _class_is_tension_class(frame: pd.DataFrame) -> pd.Series:
    """A value in unit `class` is one of the classes 1–5 (or unknown), never a sum of them."""
    is_class = frame["unit"] == "class"
    return ~is_class | frame["value"].isna() | frame["value"].isin(TENSION_CLASSES)


def _is_coverage(value: str) -> bool:
    return value in COVERAGES or POPULATION_COVERAGE.fullmatch(value) is not None


def _not_negative(frame: pd.DataFrame) -> pd.Series:
    """Counts, classes and rates are >= 0; only a standardised index may be negative."""
    signed = frame["unit"].isin(SIGNED_UNITS)
    return signed | frame["value"].isna() | (frame["value"] >= 0)


def _period_fits_type(frame: pd.DataFrame) -> pd.Series:
    def fits(period: str, period_type: str) -> bool:
        shape = PERIOD_SHAPES.get(period_type)
        return shape is not None and shape.fullmatch(period) is not None

    return _pairs_valid(frame, "period", "period_type", fits)


OBSERVATION_SCHEMA: Final = pa.DataFrameSchema(
    {
        "dataset": _text(),
        "period": _text(_distinct(_is_period, "malformed-period")),
        "period_type": _text(pa.Check.isin(PERIOD_TYPES)),
        "geo_system": _text(),
        "geo_vintage": _text(),
        "geo_code": _text(),
        "geo_label": _text(),
        "geo_department": _text(nullable=True),
        "occupation_system": _text(),
        "occupation_version": _text(),
        "occupation_code": _text(),
        "occupation_label": _text(),
        "nace_section": _text(pa.Check.isin(SECTOR_CODES)),
        "indicator": _text(pa.Check.isin(INDICATORS)),
        "unit": _text(pa.Check.isin(UNITS)),
        "coverage": _text(_distinct(_is_coverage, "unknown-coverage")),
        "value": pa.Column(float, nullable=True),
        "obs_status": _text(pa.Check.isin(OBS_STATUS)),
        "conf_status": _text(pa.Check.isin(CONF_STATUS)),
    },
    checks=[
        pa.Check(_secret_has_no_value, name="secret-has-no-value"),
        pa.Check(_unit_fits_indicator, name="unit-fits-indicator"),
        pa.Check(_period_fits_type, name="period-fits-type"),
        pa.Check(_class_is_tension_class, name="class-is-tension-class"),
        pa.Check(_not_negative, name="negative-value"),
    ],
    strict=True,
    ordered=True,
    name="observation",
)

# Shortage lists are judgements about occupations, not counts: they get their own table.
SHORTAGE_STATUSES: Final = (
    "shortage",
    "critical",
    "penury",
    "tension-regional",
    "tension-national",
)  # VDAB knelpunt; Forem critique/pénurie; French métiers en tension (regional / national list)
SHORTAGE_REASONS: Final = (
    "reason_quantitative",  # VDAB "kwantitatief": too few job seekers
    "reason_qualitative",  # VDAB "kwalitatief": candidates lack competences or experience
    "reason_working_conditions",  # VDAB "specifieke arbeidsomstandigheden"
)
SHORTAGE_SIGNAL_COLUMNS: Final = (
    "dataset",
    "period",
    "occupation_system",
    "occupation_version",
    "occupation_code",
    "occupation_label",
    "occupation_group",
    "competent_code",
    "status",
    *SHORTAGE_REASONS,
)


def _reason() -> pa.Column:
    # True / False when the list says so; missing when the list does not give reasons (unknown,
    # never guessed as False).
    return pa.Column("boolean", nullable=True)


SHORTAGE_SIGNAL_SCHEMA: Final = pa.DataFrameSchema(
    {
        "dataset": _text(),
        "period": _text(
            _distinct(
                lambda value: PERIOD_SHAPES["year"].fullmatch(value) is not None, "malformed-period"
            )
        ),
        "occupation_system": _text(),
        "occupation_version": _text(),
        "occupation_code": _text(),
        "occupation_label": _text(),
        "occupation_group": _text(nullable=True),
        "competent_code": _text(nullable=True),
        "status": _text(pa.Check.isin(SHORTAGE_STATUSES)),
        **{reason: _reason() for reason in SHORTAGE_REASONS},
    },
    strict=True,
    ordered=True,
    name="shortage-signal",
)
