"""Occupations of offers: source codes → ISCO-08 and ESCO through the committed crosswalks, and
keywords in fr, nl or en → occupations through ESCO preferred and alternative labels.

Keyword rule (documented in README): the keyword, lower-cased with accents and punctuation
dropped, is compared with every ESCO label of the three languages (a French "soudeur/soudeuse"
counts as both forms). A keyword equal to a preferred label names those occupations; else one
equal to an alternative label; else every label holding each word of the keyword as a whole
word. The ISCO-08 unit groups of the matched ESCO occupations are the occupations searched:
"soudeur", "lasser" and "welder" all reach ESCO *welder*, hence 7212.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

from services import paths
from services.harmonizer.mappings.forem_dimeco import system_of_code

MAPPINGS: Final = paths.MAPPINGS_DIR
ESCO_LABELS: Final = paths.ESCO_LABELS
NON_WORD: Final = re.compile(r"[^a-z0-9]+")


def normalize(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: "Soudeur/Soudeuse" → "soudeur soudeuse"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(NON_WORD.sub(" ", ascii_text.lower()).split())


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _heaviest(table: str) -> dict[str, str]:
    """Source code → its target of greatest weight (the lowest code on a tie)."""
    best: dict[str, tuple[float, str]] = {}
    for row in _rows(MAPPINGS / "crosswalks" / f"{table}.csv"):
        candidate = (-float(row["weight"]), row["target_code"])
        if row["source_code"] not in best or candidate < best[row["source_code"]]:
            best[row["source_code"]] = candidate
    return {code: target for code, (_weight, target) in best.items()}


@cache
def crosswalk(table: str) -> dict[str, str]:
    return _heaviest(table)


@cache
def codelist(system: str) -> dict[str, dict[str, str]]:
    return {row["code"]: row for row in _rows(MAPPINGS / "codelists" / f"{system}.csv")}


@lru_cache(maxsize=1)
def _ogr_by_label() -> dict[str, str]:
    return {normalize(row["label_fr"]): code for code, row in codelist("rome3-ogr").items()}


@dataclass(frozen=True)
class Occupation:
    system: str
    code: str
    isco08: str | None
    esco_code: str | None


def of_rome(rome_code: str, appellation: str = "") -> Occupation:
    """A ROME v3 fiche (and its appellation label when given, for the ESCO occupation)."""
    ogr = _ogr_by_label().get(normalize(appellation)) if appellation else None
    esco = crosswalk("rome3ogr_esco").get(ogr) if ogr else None
    isco = crosswalk("rome3_isco08").get(rome_code)
    if isco is None and esco is not None:
        isco = crosswalk("esco_isco08").get(esco)
    return Occupation("rome3", rome_code, isco, esco)


def of_dimeco(code: str, appellation: str = "") -> Occupation:
    """Le Forem's `metiercodedimeco`: a ROME v3 fiche, or a Competent code with its variant
    (H250201-1), kept as given and linked through its 7-character stem, else its ROME v3 fiche."""
    system, _version = system_of_code(code)
    if system == "rome3":
        return of_rome(code, appellation)
    rome = of_rome(code[:5], appellation)
    isco = crosswalk("competent_isco08").get(code[:7]) or rome.isco08
    esco = crosswalk("competent_esco").get(code[:7]) or rome.esco_code
    return Occupation(system, code, isco, esco)


def of_competent(code: str) -> Occupation:
    return Occupation(
        "competent",
        code,
        crosswalk("competent_isco08").get(code),
        crosswalk("competent_esco").get(code),
    )


def isco_label(code: str | None, language: str) -> str | None:
    row = codelist("isco08").get(code or "")
    return (row[f"label_{language}"] or row["label_en"]) if row else None


def esco_label(code: str | None, language: str) -> str | None:
    row = codelist("esco").get(code or "")
    return (row[f"label_{language}"] or row["label_en"]) if row else None


@dataclass(frozen=True)
class LabelIndex:
    preferred: dict[str, frozenset[str]]  # normalised preferred label → ESCO codes
    alternative: dict[str, frozenset[str]]  # normalised alternative label → ESCO codes
    labels: tuple[tuple[frozenset[str], str], ...]  # (words of a label, ESCO code)


def _forms(label: str) -> list[str]:
    """A label and, for "soudeur/soudeuse", each gendered form."""
    return [label, *label.split("/")] if "/" in label else [label]


@lru_cache(maxsize=1)
def label_index() -> LabelIndex:
    exact: dict[str, dict[str, set[str]]] = {
        "preferred": defaultdict(set),
        "alternative": defaultdict(set),
    }
    for row in _rows(ESCO_LABELS):
        for form in _forms(row["label"]):
            key = normalize(form)
            if key:
                exact[row["kind"]][key].add(row["code"])
    preferred, alternative = (
        {key: frozenset(codes) for key, codes in exact[kind].items()}
        for kind in ("preferred", "alternative")
    )
    labels = {
        (frozenset(key.split()), code)
        for table in (preferred, alternative)
        for key, codes in table.items()
        for code in codes
    }
    return LabelIndex(preferred, alternative, tuple(sorted(labels, key=lambda item: item[1])))


def esco_of_keywords(keywords: str) -> frozenset[str]:
    """The ESCO occupations a keyword names (exact label first, else every word in a label)."""
    key = normalize(keywords)
    if not key:
        return frozenset()
    index = label_index()
    for table in (index.preferred, index.alternative):
        if key in table:
            return table[key]
    words = set(key.split())
    return frozenset(code for label_words, code in index.labels if words <= label_words)


def isco_of_keywords(keywords: str) -> frozenset[str]:
    """The ISCO-08 unit groups of the ESCO occupations a keyword names."""
    return _isco_of_key(normalize(keywords))


@lru_cache(maxsize=4096)
def _isco_of_key(key: str) -> frozenset[str]:
    to_isco = crosswalk("esco_isco08")
    return frozenset(to_isco[code] for code in esco_of_keywords(key) if code in to_isco)
