"""`crossbmo mappings build`: regenerate code lists and crosswalks from ../shared/data."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from services.harmonizer.mappings import codelists, fap_match, occupations, others
from services.harmonizer.mappings import readers as r
from services.harmonizer.mappings.common import (
    CODELISTS_DIR,
    CROSSWALK_COLUMNS,
    CROSSWALKS_DIR,
    MANIFEST,
    MAPPINGS_DIR,
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
    **others.WEIGHT_RULES,
}
SOURCE_FILES: Final = (
    r.ISCO, r.NACE2, r.NACE21, r.NAF2, r.NACEBEL, r.FAP2009_LABELS, r.FAP2009_ROME, r.FAP2021,
    r.ROME_ISCO, r.ROME3, r.ROME3_OGR, r.ROME4, r.TENSION, r.ESCO_EN, r.ESCO_NL, r.ESCO_FR,
    r.ESCO_FR_OLD,
    r.ROME_ESCO, r.COMPETENT_ESCO, r.ARVASTAT,
)  # fmt: skip


@dataclass(frozen=True)
class BuildResult:
    version: str
    changed: bool
    files: dict[str, str]  # relative path → sha256


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_tables(
    base: Path,
) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame], pd.DataFrame]:
    """Code lists, crosswalk tables and the FAP2021 review list, in memory."""
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
    tables = {
        "rome3_isco08": rome3,
        "rome4_isco08": occupations.rome4_isco(base, rome3),
        "fap2009_rome3": fap_rome_table,
        "fap2009_isco08": f09_isco,
        "fap2021_fap2009": f21_f09,
        "fap2021_isco08": occupations.fap2021_isco(f21_f09, f09_isco),
        **others.build(base, lists, rome3),
    }
    return lists, tables, review


def build(base: Path, out: Path = MAPPINGS_DIR) -> BuildResult:
    """Write everything under ``out``; the version moves on only when some content changed."""
    lists, tables, review = build_tables(base)
    for system, frame in lists.items():
        write_csv(frame, out / CODELISTS_DIR.name / f"{system}.csv")
    for name, frame in tables.items():
        write_csv(frame.loc[:, list(CROSSWALK_COLUMNS)], out / CROSSWALKS_DIR.name / f"{name}.csv")
    fap_match.write_review(review, out / "review" / fap_match.REVIEW_FILE.name)
    review_name = f"review/{fap_match.REVIEW_FILE.name}"
    generated = [*(f"codelists/{s}.csv" for s in lists), *(f"crosswalks/{t}.csv" for t in tables)]
    files = _hashes(out, [*generated, review_name])
    sources = {name: sha256_file(base / name) for name in SOURCE_FILES}
    # The reviewed decisions are sources too: a changed decision makes a new version.
    direct = occupations.DIRECT_ISCO_FILE
    sources[f"crossbmo:{direct.relative_to(ROOT)}"] = sha256_file(direct)
    return _write_manifest(out, files, sources, sorted(tables))


def _hashes(out: Path, names: list[str]) -> dict[str, str]:
    return {name: sha256_file(out / name) for name in sorted(names)}


def _write_manifest(
    out: Path, files: dict[str, str], sources: dict[str, str], tables: list[str]
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
        "files": files,
        "sources": sources,
        "history": history,
    }
    manifest_path.write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return BuildResult(version=version, changed=changed, files=files)
