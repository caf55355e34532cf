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

Times are the best of ``--repeat`` runs. Target: the build ≤ 5 s. Exit status 0 always.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from benchmarks.harmonize_bmo import best_of
from benchmarks.ingest_bmo import WARMUP_SAMPLE, machine_info, national_files

REPEAT: Final = 3
TARGET_SECONDS: Final = 5.0
QUARTER: Final = "2025-Q2"
BARE_SQL: Final = (
    "SELECT o.geo_code, o.occupation_code, o.indicator, SUM(o.value), COUNT(*) "
    "FROM observations o JOIN submissions s ON s.id = o.submission_id "
    "WHERE s.status = 'accepted' AND o.period = '2025' AND o.occupation_system <> 'isco08' "
    "GROUP BY o.geo_code, o.occupation_code, o.indicator"
)


def _workbook(paths: Sequence[str]) -> tuple[Path, bool]:
    found, _ = national_files(paths)
    national = [path for path in found if "2025" in path.name]
    return (national[0], True) if national else (WARMUP_SAMPLE, False)


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from services.bulletin.build import compute
    from services.bulletin.periods import Quarter
    from services.harmonizer.store.db import make_engine, upgrade
    from services.harmonizer.store.ingest import ingest_file

    parser = argparse.ArgumentParser(prog="python -m benchmarks.build_bulletin")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a BMO 2025 workbook or folder")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs per measurement (min)")
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
        quarter = Quarter.parse(QUARTER)
        with Session(engine) as session:
            sql_s, groups = best_of(args.repeat, lambda: session.execute(text(BARE_SQL)).all())
            build_s, computed = best_of(args.repeat, lambda: compute(session, quarter))
        engine.dispose()
    zones = computed.cells["zone"].nunique()
    print(
        f"  file            : {path.name} ({computed.inputs.observations.shape[0]:,} observations)"
    )
    print(f"  bare SQL        : {sql_s:.3f} s ({len(groups):,} groups)")
    disclosure = computed.summary["disclosure"]
    print(f"  bulletin build  : {build_s:.3f} s ({len(computed.cells):,} cells, {zones} zones, "
          f"{disclosure['primary_suppressed']:,} primary and "
          f"{disclosure['secondary_suppressed']:,} secondary suppressions)")  # fmt: skip
    print(f"  ratio           : {build_s / sql_s:.1f}× the bare aggregation")
    verdict = "within" if build_s <= TARGET_SECONDS else "OVER"
    print(f"  target          : ≤ {TARGET_SECONDS:.0f} s → {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
