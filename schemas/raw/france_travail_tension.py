"""Raw schema of the France Travail tension file: offers, job seekers and a tension class per
ROME v3 occupation × bassin BMO, for one year.

Published file (France-Travail/mobiville `cities-tension-utf8.csv`, UTF-8, `;`):
`annee;ROME;rome_label;cbassin;lib_bassin_bmo19;oee;defm_abc;ind_tension_d`. `oee` = offers
registered ("offres d'emploi enregistrées") over the year, `defm_abc` = registered job seekers of
categories A, B and C, `ind_tension_d` = tension class 1 (low) to 5 (very high); bassins of the
2019 zonage (`BE19`). Counts are whole numbers; an empty cell or `*` is a figure not published.
"""

from __future__ import annotations

import re
from typing import Final

import pandera.pandas as pa

from schemas.raw.checks import blank_or, filled
from schemas.raw.codes import COUNT, PLAUSIBLE_YEAR, ROME_CODE

COLUMNS: Final = (
    "annee", "rome", "rome_label", "cbassin", "lib_bassin_bmo19", "oee", "defm_abc",
    "ind_tension_d",
)  # fmt: skip
REQUIRED: Final = COLUMNS
COUNT_COLUMNS: Final = ("oee", "defm_abc")
CLASS_COLUMN: Final = "ind_tension_d"
NOT_PUBLISHED: Final = ("", "*")  # a cell without a figure: unknown, never 0
BASSIN_CODE: Final = re.compile(r"\d{3,4}")
TENSION_CLASS: Final = re.compile(r"[1-5]")


def _shape(pattern: re.Pattern[str], code: str) -> pa.Check:
    return blank_or(lambda value: pattern.fullmatch(value) is not None, code)


def _figure(pattern: re.Pattern[str], code: str) -> pa.Check:
    """A figure or the mark of one not published."""
    return blank_or(lambda value: value == "*" or pattern.fullmatch(value) is not None, code)


def raw_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "annee": pa.Column(str, checks=[filled(), _shape(PLAUSIBLE_YEAR, "invalid-period")]),
            "rome": pa.Column(str, checks=[filled(), _shape(ROME_CODE, "malformed-rome-code")]),
            "rome_label": pa.Column(str),
            "cbassin": pa.Column(
                str, checks=[filled(), _shape(BASSIN_CODE, "malformed-bassin-code")]
            ),
            "lib_bassin_bmo19": pa.Column(str),
            "oee": pa.Column(str, checks=[_figure(COUNT, "value-not-integer")]),
            "defm_abc": pa.Column(str, checks=[_figure(COUNT, "value-not-integer")]),
            "ind_tension_d": pa.Column(
                str, checks=[_figure(TENSION_CLASS, "invalid-tension-class")]
            ),
        },
        strict=False,
        name="france-travail-tension-raw",
    )
