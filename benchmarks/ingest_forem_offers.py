"""Ingestion benchmark of `forem-offers`: 200 000 SYNTHETIC offer records against a bare parse.

``python -m benchmarks.ingest_forem_offers [--records N] [--repeat R]`` writes N records (default
200 000) in the real JSON export format (benchmarks/synthetic_forem.py, fixed seed; SYNTHETIC,
written to a temporary folder, never committed), then measures, each repetition in a fresh
spawned child process (see benchmarks/ingest_bmo.py, whose helpers it reuses):

- baseline: ``json.loads`` of the same bytes;
- measured: ``ingest_file(engine, raw_dir, "forem-offers", …)`` into a fresh, migrated SQLite
  database (after an untimed warm-up ingest of the bundled sample into another one).

Reports the best time, records/s and the child's peak RSS. Exit status 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Final

from benchmarks.ingest_bmo import (
    MB,
    Run,
    _current_rss,
    _peak_rss,
    in_child,
    machine_info,
    sqlite_database,
)
from benchmarks.synthetic_forem import SAMPLES, offers

SOURCE_ID: Final = "forem-offers"
WARMUP_SAMPLE: Final = SAMPLES / "forem_offres_export_SYNTHETIC.json"
RECORDS: Final = 200_000


def parse_once(path: str) -> Run:
    """Child: the bare JSON parse of the file's bytes."""
    content = Path(path).read_bytes()
    json.loads(WARMUP_SAMPLE.read_bytes())
    start_rss = _current_rss()
    started = time.perf_counter()
    records = json.loads(content)
    seconds = time.perf_counter() - started
    peak = _peak_rss()
    return Run(seconds, peak, start_rss, rows=len(records))


def ingest_once(path: str, url: str, warmup_url: str, work_dir: str) -> Run:
    """Child: warm up on the sample, then time the full ingest of ``path``."""
    from services.harmonizer.store.db import make_engine
    from services.harmonizer.submit import ingest_file

    warmup = make_engine(warmup_url)
    sample = WARMUP_SAMPLE.read_bytes()
    ingest_file(warmup, Path(work_dir) / "raw-warmup", SOURCE_ID, WARMUP_SAMPLE.name, sample)
    warmup.dispose()
    engine = make_engine(url)
    content = Path(path).read_bytes()
    start_rss = _current_rss()
    started = time.perf_counter()
    outcome = ingest_file(engine, Path(work_dir) / "raw", SOURCE_ID, Path(path).name, content)
    seconds = time.perf_counter() - started
    peak = _peak_rss()
    engine.dispose()
    return Run(seconds, peak, start_rss, None, outcome.observation_count, outcome.status)


def write_records(folder: Path, count: int) -> Path:
    path = folder / f"forem_offres_{count}_SYNTHETIC.json"
    path.write_text(json.dumps(list(offers(count)), ensure_ascii=False), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=RECORDS)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    print("\n".join(machine_info()), flush=True)
    with tempfile.TemporaryDirectory(prefix="crossbmo-bench-forem-") as tmp:
        folder = Path(tmp)
        path = write_records(folder, args.records)
        print(f"\n{path.name}: {path.stat().st_size / MB:.1f} MB (SYNTHETIC)", flush=True)
        parses, ingests = [], []
        for number in range(args.repeat):
            parses.append(in_child(parse_once, str(path)))
            with (
                sqlite_database(folder, f"warmup{number}") as warmup_url,
                sqlite_database(folder, f"measured{number}") as url,
            ):
                ingests.append(in_child(ingest_once, str(path), url, warmup_url, tmp))
    parse = min(parses, key=lambda run: run.seconds)
    ingest = min(ingests, key=lambda run: run.seconds)
    count = args.records
    print(f"\nbare json.loads : {parse.seconds:7.3f} s  {count / parse.seconds:12,.0f} records/s"
          f"  peak RSS {max(r.peak_rss for r in parses) / MB:7.1f} MB")  # fmt: skip
    print(f"ingest (SQLite) : {ingest.seconds:7.3f} s  {count / ingest.seconds:12,.0f} records/s"
          f"  peak RSS {max(r.peak_rss for r in ingests) / MB:7.1f} MB"
          f"  ({ingest.status}, {ingest.observations:,} observations)")  # fmt: skip
    print(f"ingest / parse  : {ingest.seconds / parse.seconds:.1f}×")


if __name__ == "__main__":
    main()
