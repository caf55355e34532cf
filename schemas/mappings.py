"""Pandera schemas of the code lists and crosswalk tables under mappings/rome_isco_nace/."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Final

import pandas as pd
import pandera.pandas as pa

FAP_CODE: Final = r"[A-Z]|[A-Z][0-9A-Z][A-Z]|[A-Z][0-9A-Z][A-Z]\d{2}"
NACE_CODE: Final = r"[A-V]|\d{2}|\d{2}\.\d|\d{2}\.\d{2}"
# What a well-formed code looks like in each system (every level of its hierarchy).
CODE_PATTERNS: Final[dict[str, re.Pattern[str]]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "isco08": r"\d{1,4}",
        "nace2": NACE_CODE,
        "nace21": NACE_CODE,
        "naf2": NACE_CODE + r"|\d{2}\.\d{2}[A-Z]",
        "nacebel2025": NACE_CODE + r"|\d{2}\.\d{3}",
        "nacebel2008": NACE_CODE + r"|\d{2}\.\d{3}",
        "esco": r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        "rome3": r"[A-N]\d{4}",
        "forem-dimeco": r"[A-N]\d{4}",
        "rome4": r"[A-N]\d{4}",
        "rome3-ogr": r"\d{1,6}",
        "fap2009": FAP_CODE,
        "fap2021": FAP_CODE + r"|[A-Z][0-9A-Z][A-Z]\d{2}[a-z]",
        "competent": r"OP-\d{1,4}",
        "arvastat-beroep": r"\S.*",
        # Places (mappings/rome_isco_nace/geography/).
        "fr-commune": r"\d[\dAB]\d{3}",
        "fr-bassin-bmo": r"\d{3,4}",
        "fr-department": r"\d[\dAB]|97\d",
        "be-municipality": r"\d{5}",
        "be-arrondissement": r"\d{2}000",
        "nuts": r"[A-Z]{2}[0-9A-Z]{0,3}",
    }.items()
}
RELATIONS: Final = ("exact", "broad", "narrow", "close")
WEIGHT_TOLERANCE: Final = 1e-9
ISCO_UNIT_GROUP: Final = re.compile(r"\d{4}")


def _distinct(is_valid: Callable[[str], bool], name: str) -> pa.Check:
    """Judge each distinct value once (tables repeat a few hundred codes many times)."""

    def check(series: pd.Series) -> pd.Series:
        return ~series.isin([value for value in series.unique() if not is_valid(value)])

    return pa.Check(check, name=name)


def _code_of(system: str) -> pa.Check:
    pattern = CODE_PATTERNS[system]
    return _distinct(lambda value: pattern.fullmatch(value) is not None, f"malformed-{system}-code")


def _weights_sum_to_one(frame: pd.DataFrame) -> pd.Series:
    totals = frame.groupby("source_code")["weight"].transform("sum")
    return (totals - 1.0).abs() <= WEIGHT_TOLERANCE


def _no_duplicate_link(frame: pd.DataFrame) -> pd.Series:
    return ~frame.duplicated(["source_code", "target_code"], keep=False)


def crosswalk_schema(
    source_system: str, target_system: str, target_codes: Collection[str]
) -> pa.DataFrameSchema:
    """One table: codes well formed, targets in their code list, weights in (0, 1] summing to 1."""
    known = frozenset(target_codes)
    target_checks = [_code_of(target_system), _distinct(known.__contains__, "unknown-target-code")]
    if target_system == "isco08":
        target_checks.append(_distinct(lambda v: ISCO_UNIT_GROUP.fullmatch(v) is not None,
                                       "not-an-isco-unit-group"))  # fmt: skip
    text = pa.Column(str, nullable=False)
    return pa.DataFrameSchema(
        {
            "source_system": pa.Column(str, pa.Check.eq(source_system)),
            "source_version": text,
            "source_code": pa.Column(str, _code_of(source_system)),
            "target_system": pa.Column(str, pa.Check.eq(target_system)),
            "target_version": text,
            "target_code": pa.Column(str, target_checks),
            "relation": pa.Column(str, pa.Check.isin(RELATIONS)),
            "weight": pa.Column(float, [pa.Check.gt(0.0), pa.Check.le(1.0)]),
            "method": pa.Column(str, pa.Check.str_length(min_value=1)),
            "provenance": pa.Column(str, pa.Check.str_length(min_value=1)),
        },
        checks=[
            pa.Check(_weights_sum_to_one, name="weights-do-not-sum-to-one"),
            pa.Check(_no_duplicate_link, name="duplicate-link"),
        ],
        strict=True,
        ordered=True,
        name=f"crosswalk-{source_system}-{target_system}",
    )


def _parent_known(frame: pd.DataFrame) -> pd.Series:
    codes = set(frame["code"])
    return (frame["parent_code"] == "") | frame["parent_code"].isin(codes)


def codelist_schema(system: str, parents_inside: bool = True) -> pa.DataFrameSchema:
    """A code list: unique well-formed codes, labels in at least one language, known parents."""
    checks = [pa.Check(_parent_known, name="unknown-parent-code")] if parents_inside else []
    checks.append(
        pa.Check(
            lambda f: (f[["label_fr", "label_nl", "label_en"]] != "").any(axis=1), name="no-label"
        )
    )
    return pa.DataFrameSchema(
        {
            "code": pa.Column(str, _code_of(system), unique=True),
            "level": pa.Column(str),
            "parent_code": pa.Column(str),
            "label_fr": pa.Column(str),
            "label_nl": pa.Column(str),
            "label_en": pa.Column(str),
        },
        checks=checks,
        strict=False,
        name=f"codelist-{system}",
    )
