"""Bulletin benchmark: build one quarter for the whole Interreg area vs a bare SQL aggregation.

``python -m benchmarks.build_bulletin [PATH]`` (run by `make bench`). Ingests the national France
Travail BMO 2025 workbook (``$CROSSBMO_SHARED_DATA/france_travail/bmo/``, default
``../shared/data``; a PATH points elsewhere; the bundled Hauts-de-France sample when none is
found, and the output says so) into a fresh SQLite database, then measures in this process:

- baseline: the bare SQL aggregation of the same data — one ``GROUP BY`` of the quarter's
  observations per place, occupation and indicator (what a hand-written query would do);
- measured: ``services.bulletin.build.compute`` for 2025-Q2 — reading the inputs, ISCO-08
  mapping of every métier, sums over ISCO levels and every zone of the Eurométropole and the
  Interreg area, disclosure control with its linear audit, shares, signals and opportunities.

Then the same with NACE sections: ``--vacancies N`` (default 25 000, about a quarter of the
vacancies VDAB receives in West and East Flanders) SYNTHETIC ``vdab-vacancies`` records with
an employer activity code in every Flemish arrondissement of the Interreg area
(benchmarks/synthetic_vacancies.py) are added and the quarter is built again: zones × ISCO-08
unit groups × NACE sections. Synthetic files never reach a real bulletin; this throw-away
database marks the file as real so that the builder takes it.

Times are the best of ``--repeat`` runs. Target: the build ≤ 5 s. Exit status 0 always.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from sqlalchemy import Engine, text, update
from sqlalchemy.orm import Session

from benchmarks.harmonize_bmo import best_of
from benchmarks.ingest_bmo import WARMUP_SAMPLE, machine_info, national_files
from benchmarks.synthetic_vacancies import vacancies_document
from services.harmonizer.store.models import Submission

REPEAT: Final = 3
VACANCIES: Final = 25_000
TARGET_SECONDS: Final = 5.0
QUARTER: Final = "2025-Q2"
BARE_SQL: Final = (
    "SELECT o.geo_code, o.occupation_code, o.indicator, SUM(o.value), COUNT(*) "
    "FROM observations o JOIN submissions s ON s.id = o.submission_id "
    "WHERE s.status = 'accepted' AND o.period IN ('2025', '2025-Q2') "
    "AND o.occupation_system <> 'isco08' "
    "GROUP BY o.geo_code, o.occupation_code, o.nace_section, o.indicator"
)


def _workbook(paths: Sequence[str]) -> tuple[Path, bool]:
    found, _ = national_files(paths)
    national = [path for path in found if "2025" in path.name]
    return (national[0], True) if national else (WARMUP_SAMPLE, False)


def _measure(engine: Engine, repeat: int, name: str) -> None:
    from services.bulletin.build import compute
    from services.bulletin.periods import Quarter

    quarter = Quarter.parse(QUARTER)
    with Session(engine) as session:
        sql_s, groups = best_of(repeat, lambda: session.execute(text(BARE_SQL)).all())
        build_s, computed = best_of(repeat, lambda: compute(session, quarter))
    cells = computed.cells
    zones, sections = cells["zone"].nunique(), cells["nace_section"].nunique()
    observations = computed.inputs.observations.shape[0]
    print(f"  [{name}] inputs : {observations:,} observations")
    print(f"  [{name}] bare SQL : {sql_s:.3f} s ({len(groups):,} groups)")
    disclosure = computed.summary["disclosure"]
    print(f"  [{name}] build    : {build_s:.3f} s ({len(cells):,} cells, {zones} zones, "
          f"{sections} sector codes, {disclosure['primary_suppressed']:,} primary and "
          f"{disclosure['secondary_suppressed']:,} secondary suppressions)")  # fmt: skip
    print(f"  [{name}] ratio    : {build_s / sql_s:.1f}× the bare aggregation")
    verdict = "within" if build_s <= TARGET_SECONDS else "OVER"
    print(f"  [{name}] target   : ≤ {TARGET_SECONDS:.0f} s → {verdict}")


def main(argv: Sequence[str] | None = None) -> int:
    from services.harmonizer.store.db import make_engine, upgrade
    from services.harmonizer.submit import ingest_file

    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_bulletin")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a BMO 2025 workbook or folder")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs per measurement (min)")
    parser.add_argument("--vacancies", type=int, default=VACANCIES, help="SYNTHETIC records")
    args = parser.parse_args(argv)
    print(
        "crossbmo bulletin benchmark: build one quarter (Interreg area) vs a bare SQL aggregation"
    )
    for line in machine_info():
        print(f"  {line}")
    path, national = _workbook(args.paths)
    if not national:
        print("  national BMO 2025 file not found: the bundled Hauts-de-France sample is used")
    with tempfile.TemporaryDirectory() as work:
        url = f"sqlite:///{Path(work) / 'bench.sqlite3'}"
        upgrade(url)
        engine = make_engine(url)
        ingest_file(engine, Path(work) / "raw", "france-travail-bmo", path.name, path.read_bytes())
        print(f"  file            : {path.name}")
        _measure(engine, args.repeat, "BMO")
        content = vacancies_document(args.vacancies, QUARTER)
        ingest_file(engine, Path(work) / "raw", "vdab-vacancies", "bench_SYNTHETIC.json", content)
        with Session(engine) as session, session.begin():
            session.execute(update(Submission).values(synthetic=False))  # see the docstring
        print(f"  + {args.vacancies:,} SYNTHETIC VDAB vacancies with NACE activity codes")
        _measure(engine, args.repeat, "BMO + sectors")
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
