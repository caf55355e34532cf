"""`crossbmo mappings build`: regenerate code lists and crosswalks from ../shared/data."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from services.harmonizer.mappings import (
    codelists,
    fap_match,
    forem_dimeco,
    occupations,
    others,
    places,
)
from services.harmonizer.mappings import readers as r
from services.harmonizer.mappings.common import (
    CODELISTS_DIR,
    CROSSWALK_COLUMNS,
    CROSSWALKS_DIR,
    GEOGRAPHY_DIR,
    MANIFEST,
    MAPPINGS_DIR,
    REVIEW_DIR,
    ROOT,
    write_csv,
)

VERSION_PREFIX: Final = "rin-v"  # rome_isco_nace; fits occupation_version (16 characters)
WEIGHT_RULES: Final = {
    "rome3_isco08": "one ISCO-08 unit group per ROME code in the published table: weight 1",
    "rome4_isco08": "ROME 4.0 fiche → ISCO group of its ROME v3 code (same or parent): weight 1",
    "fap2009_rome3": (
        "proportional to registered job seekers (A, B, C; sum over the bassins of the latest "
        "year of the France Travail tension file) per ROME code, times the share of the ROME's "
        "qualification codes that the Dares passage assigns to the family; equal split if the "
        "family has none"
    ),
    "fap2009_isco08": (
        "the fap2009_rome3 job-seeker basis summed per ISCO group of each ROME code; reviewed "
        "direct links (no ROME code in the passage) split equally"
    ),
    "fap2021_fap2009": (
        "proportional to the job-seeker basis of each FAP2009 family (sum over its ROME codes); "
        "equal split when none"
    ),
    "fap2021_isco08": "fap2021_fap2009 × fap2009_isco08 weights, summed per ISCO group",
    forem_dimeco.TABLE: forem_dimeco.WEIGHT_RULE,
    **others.WEIGHT_RULES,
    **places.WEIGHT_RULES,
}
SOURCE_FILES: Final = (
    r.ISCO, r.NACE2, r.NACE21, r.NAF2, r.NACEBEL, r.FAP2009_LABELS, r.FAP2009_ROME, r.FAP2021,
    r.ROME_ISCO, r.ROME3, r.ROME3_OGR, r.ROME4, r.TENSION, r.ESCO_EN, r.ESCO_NL, r.ESCO_FR,
    r.ESCO_FR_OLD,
    r.ROME_ESCO, r.COMPETENT_ESCO, r.ARVASTAT, r.KNELPUNTBEROEPEN,
)  # fmt: skip


@dataclass(frozen=True)
class BuildResult:
    version: str
    changed: bool
    files: dict[str, str]  # relative path → sha256


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass(frozen=True)
class Built:
    """Everything a build writes, in memory."""

    lists: dict[str, pd.DataFrame]  # code lists
    tables: dict[str, pd.DataFrame]  # occupation and sector crosswalks
    geography: dict[str, pd.DataFrame]  # place crosswalks
    reviews: dict[str, pd.DataFrame]  # file name under review/ → list for a reviewer
    nuts: pd.DataFrame  # NUTS 2021 codes the geography tables reach


def build_tables(base: Path) -> Built:
    """Code lists, crosswalk tables, geography tables and review lists, in memory."""
    lists = {system: builder(base) for system, builder in codelists.BUILDERS.items()}
    fap09 = lists["fap2009"]
    fap09_families = fap09[fap09["level"] == "3"]
    fap21_families = lists["fap2021"][lists["fap2021"]["level"] == "3"]
    review = fap_match.reconcile(fap_match.auto_links(fap21_families, fap09_families))
    rome3 = occupations.rome3_isco(base)
    fap_rome = occupations.fap2009_rome(base, fap09_families["code"])
    fap_rome_table = occupations.links(
        fap_rome.drop(columns=["rows", "share", "job_seekers", "basis"]),
        ("fap2009", "fap2009"), ("rome3", "v3"),
    )  # fmt: skip
    f09_isco = occupations.fap2009_isco(fap_rome, rome3, occupations.load_direct())
    f21_f09 = occupations.fap2021_fap2009(review, fap_rome)
    rome4 = occupations.rome4_isco(base, rome3)
    tables = {
        "rome3_isco08": rome3,
        "rome4_isco08": rome4,
        forem_dimeco.TABLE: forem_dimeco.dimeco_isco(rome3),
        "fap2009_rome3": fap_rome_table,
        "fap2009_isco08": f09_isco,
        "fap2021_fap2009": f21_f09,
        "fap2021_isco08": occupations.fap2021_isco(f21_f09, f09_isco),
        **others.build(base, lists, rome3),
    }
    reviews = {
        fap_match.REVIEW_FILE.name: review,
        forem_dimeco.REVIEW_NAME: forem_dimeco.unresolved(lists["rome4"], rome3, rome4),
    }
    geography, nuts = places.build(base)
    return Built(lists, tables, geography, reviews, nuts)


def build(base: Path, out: Path = MAPPINGS_DIR) -> BuildResult:
    """Write everything under ``out``; the version moves on only when some content changed."""
    built = build_tables(base)
    generated = [
        *_write_all(built.lists, out / CODELISTS_DIR.name),
        *_write_all(built.reviews, out / REVIEW_DIR.name),
        *_write_all({"nuts2021.csv": built.nuts}, out / GEOGRAPHY_DIR.name),
    ]
    crosswalks = {
        name: frame.loc[:, list(CROSSWALK_COLUMNS)] for name, frame in built.tables.items()
    }
    generated += _write_all(crosswalks, out / CROSSWALKS_DIR.name)
    places_tables = {n: f.loc[:, list(CROSSWALK_COLUMNS)] for n, f in built.geography.items()}
    generated += _write_all(places_tables, out / GEOGRAPHY_DIR.name)
    files = _hashes(out, generated)
    sources = {name: sha256_file(base / name) for name in (*SOURCE_FILES, *places.NUTS_SOURCES)}
    # The reviewed decisions and the repository's geography tables are sources too: a changed
    # decision or place table makes a new version.
    for path in (occupations.DIRECT_ISCO_FILE, *(places.GEO_DIR / n for n in places.GEO_FILES)):
        sources[f"crossbmo:{path.relative_to(ROOT)}"] = sha256_file(path)
    return _write_manifest(out, files, sources, sorted(built.tables), sorted(built.geography))


def _write_all(frames: dict[str, pd.DataFrame], folder: Path) -> list[str]:
    """Write each frame as ``folder/<name>`` (``.csv`` added when missing); relative names."""
    names = []
    for name, frame in frames.items():
        file_name = name if name.endswith(".csv") else f"{name}.csv"
        write_csv(frame, folder / file_name)
        names.append(f"{folder.name}/{file_name}")
    return names


def _hashes(out: Path, names: list[str]) -> dict[str, str]:
    return {name: sha256_file(out / name) for name in sorted(names)}


def _write_manifest(
    out: Path,
    files: dict[str, str],
    sources: dict[str, str],
    tables: list[str],
    geography: list[str] | None = None,
) -> BuildResult:
    manifest_path = out / MANIFEST.name
    earlier: dict[str, Any] = (
        json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    )
    digest = hashlib.sha256(json.dumps([files, sources], sort_keys=True).encode()).hexdigest()
    changed = earlier.get("content_digest") != digest
    history: list[dict[str, Any]] = list(earlier.get("history", []))
    version = str(earlier.get("version", f"{VERSION_PREFIX}0"))
    if changed:
        version = f"{VERSION_PREFIX}{int(version.removeprefix(VERSION_PREFIX)) + 1}"
        history.append({"version": version, "content_digest": digest, "sources": sources})
    manifest = {
        "version": version,
        "content_digest": digest,
        "tables": {
            name: {"file": f"crosswalks/{name}.csv", "weight_rule": WEIGHT_RULES[name]}
            for name in tables
        },
        "geography": {
            name: {"file": f"{GEOGRAPHY_DIR.name}/{name}.csv", "weight_rule": WEIGHT_RULES[name]}
            for name in geography or []
        },
        "files": files,
        "sources": sources,
        "history": history,
    }
    manifest_path.write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return BuildResult(version=version, changed=changed, files=files)
