"""Ingestion benchmark: full ingest of the national BMO workbooks against a bare pandas read.

`make bench` runs ``python -m benchmarks.ingest_bmo [PATH ...]``. For each national France Travail
BMO workbook (``$CROSSBMO_SHARED_DATA/france_travail/bmo/``, default ``../shared/data``; a PATH
argument, file or folder, points elsewhere) it measures, every repetition in a fresh child process
started with ``spawn``:

- baseline: ``pandas.read_excel(path, sheet_name=None, engine="calamine")`` (every sheet);
- measured: ``ingest_file(engine, raw_dir, "france-travail-bmo", file_name, content)`` into a
  fresh, migrated SQLite database in a temporary folder, and also PostgreSQL when
  CROSSBMO_BENCH_POSTGRES_URL is set (a fresh database created with psycopg for each run).
  Each child first ingests a bundled sample into another fresh database (warm-up), so imports
  and first-call costs are not timed; the migration is done by the parent, also untimed.

Times are the best (min) of the repetitions; peak RSS is the child's own ``ru_maxrss`` (largest
over the repetitions), so it is the peak of one process doing one read or one ingest (including
the interpreter, its libraries and the warm-up). Targets: full ingest ≤ 3× bare read and peak
RSS ≤ 500 MB (10^6 bytes). When the national files are absent the bundled samples in
data/samples/france_travail_bmo/ are benchmarked instead, and the output says so. The exit
status is 0 whatever the figures: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
SAMPLES: Final = ROOT / "data" / "samples" / "france_travail_bmo"
WARMUP_SAMPLE: Final = SAMPLES / "Base_open_data_BMO_2025_Hauts-de-France_REG32_DERIVED.xlsx"
NATIONAL_FILES: Final = ("Base_open_data_BMO_2025.xlsx", "Base_open_data_BMO_2023.xlsx")
SOURCE_ID: Final = "france-travail-bmo"
POSTGRES_ENV: Final = "CROSSBMO_BENCH_POSTGRES_URL"
REPEAT: Final = 3
MAX_RATIO: Final = 3.0
MB: Final = 1_000_000
MAX_PEAK_BYTES: Final = 500 * MB

FreshDatabase = Callable[[Path, str], AbstractContextManager[str]]  # (work dir, name) → URL


@dataclass(frozen=True)
class Run:
    """One repetition, measured inside its own child process."""

    seconds: float
    peak_rss: int  # bytes: the child's ru_maxrss
    start_rss: int  # bytes: RSS just before the timed call
    rows: int | None = None  # data rows of the sheet (ingest only)
    observations: int | None = None  # observations stored (ingest only)
    status: str | None = None  # submission status (ingest only)


@dataclass(frozen=True)
class Result:
    """A file's baseline and its ingest on one backend."""

    file: Path
    backend: str
    read: list[Run]
    ingest: list[Run]

    @property
    def read_seconds(self) -> float:
        return min(run.seconds for run in self.read)

    @property
    def ingest_seconds(self) -> float:
        return min(run.seconds for run in self.ingest)

    @property
    def ratio(self) -> float:
        return self.ingest_seconds / self.read_seconds

    @property
    def rows(self) -> int:
        return self.ingest[0].rows or 0

    @property
    def observations(self) -> int:
        return self.ingest[0].observations or 0

    @property
    def status(self) -> str:
        return ",".join(sorted({run.status or "?" for run in self.ingest}))

    @property
    def read_peak(self) -> int:
        return max(run.peak_rss for run in self.read)

    @property
    def ingest_peak(self) -> int:
        return max(run.peak_rss for run in self.ingest)


# --- in the child processes ---------------------------------------------------------------


def _peak_rss() -> int:
    """This process's peak resident set size in bytes (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024


def _current_rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def read_once(path: str) -> Run:
    """Child: the bare pandas/calamine read of every sheet (after a warm-up read of a sample)."""
    import pandas as pd

    pd.read_excel(WARMUP_SAMPLE, sheet_name=None, engine="calamine")
    start_rss = _current_rss()
    started = time.perf_counter()
    sheets = pd.read_excel(path, sheet_name=None, engine="calamine")
    seconds = time.perf_counter() - started
    peak = _peak_rss()
    del sheets
    return Run(seconds=seconds, peak_rss=peak, start_rss=start_rss)


def ingest_once(path: str, url: str, warmup_url: str, work_dir: str) -> Run:
    """Child: warm up on a sample, then time the full ingest of ``path`` into ``url``."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from services.harmonizer.store.db import make_engine
    from services.harmonizer.store.models import Observation, Submission
    from services.harmonizer.submit import ingest_file

    warmup_engine = make_engine(warmup_url)
    sample = WARMUP_SAMPLE.read_bytes()
    ingest_file(warmup_engine, Path(work_dir) / "raw-warmup", SOURCE_ID, WARMUP_SAMPLE.name, sample)
    warmup_engine.dispose()

    engine = make_engine(url)
    content = Path(path).read_bytes()
    start_rss = _current_rss()
    started = time.perf_counter()
    outcome = ingest_file(engine, Path(work_dir) / "raw", SOURCE_ID, Path(path).name, content)
    seconds = time.perf_counter() - started
    peak = _peak_rss()

    with Session(engine) as session:
        submission = session.get_one(Submission, outcome.submission_id)
        stored = session.scalar(
            select(func.count())
            .select_from(Observation)
            .where(Observation.submission_id == outcome.submission_id)
        )
        rows = submission.report.get("stats", {}).get("rows")
    engine.dispose()
    return Run(seconds, peak, start_rss, rows, stored, outcome.status)


# --- in the parent --------------------------------------------------------------------------


def in_child(function: Callable[..., Run], *args: Any) -> Run:
    """Run ``function`` in a new spawned process, so its peak RSS is its own."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(function, *args).result()


@contextmanager
def sqlite_database(work_dir: Path, name: str) -> Iterator[str]:
    """A fresh, migrated SQLite file in ``work_dir``."""
    from services.harmonizer.store.db import upgrade

    url = f"sqlite:///{work_dir / name}.sqlite3"
    upgrade(url)
    yield url


def postgres_database(server_url: str) -> FreshDatabase:
    """Fresh, migrated databases on the server of ``server_url``, dropped after use."""

    @contextmanager
    def fresh(_work_dir: Path, name: str) -> Iterator[str]:
        from services.harmonizer.store.db import temporary_postgres_database, upgrade

        with temporary_postgres_database(server_url, f"crossbmo_bench_{name}") as url:
            upgrade(url)
            yield url

    return fresh


def measure_read(path: Path, repeat: int) -> list[Run]:
    runs = []
    for number in range(1, repeat + 1):
        run = in_child(read_once, str(path))
        runs.append(run)
        print(f"  bare read         run {number}/{repeat}: {_describe(run)}", flush=True)
    return runs


def measure_ingest(path: Path, backend: str, fresh: FreshDatabase, repeat: int) -> list[Run]:
    runs = []
    for number in range(1, repeat + 1):
        with (
            tempfile.TemporaryDirectory(prefix="crossbmo-bench-") as tmp,
            fresh(Path(tmp), "warmup") as warmup_url,
            fresh(Path(tmp), "measured") as url,
        ):
            run = in_child(ingest_once, str(path), url, warmup_url, tmp)
        runs.append(run)
        label = f"ingest {backend}"
        print(f"  {label:<17} run {number}/{repeat}: {_describe(run)}", flush=True)
    return runs


def _describe(run: Run) -> str:
    text = (
        f"{run.seconds:7.3f} s, peak RSS {run.peak_rss / MB:6.1f} MB"
        f" (before the timed call {run.start_rss / MB:6.1f} MB)"
    )
    if run.status is not None:
        text += f", {run.status}, {run.rows} rows → {run.observations} observations"
    return text


def benchmark(
    files: Sequence[Path], backends: dict[str, FreshDatabase], repeat: int
) -> list[Result]:
    results = []
    for path in files:
        print(f"\n{path}  ({path.stat().st_size / MB:.1f} MB)", flush=True)
        try:
            read = measure_read(path, repeat)
        except Exception as error:
            print(f"  ERROR in the bare read: {error!r}", flush=True)
            continue
        for backend, fresh in backends.items():
            try:
                ingest = measure_ingest(path, backend, fresh, repeat)
            except Exception as error:
                print(f"  ERROR in the {backend} ingest: {error!r}", flush=True)
                continue
            results.append(Result(path, backend, read, ingest))
    return results


# --- report ---------------------------------------------------------------------------------


def machine_info() -> list[str]:
    import psutil

    versions = ", ".join(
        f"{package} {metadata.version(package)}"
        for package in ("pandas", "python-calamine", "SQLAlchemy", "psycopg")
    )
    return [
        f"date      : {datetime.now(UTC):%Y-%m-%d %H:%M:%S %Z}",
        f"platform  : {platform.platform()}",
        f"cpu count : {os.cpu_count()} ({platform.processor() or platform.machine()})",
        f"memory    : {psutil.virtual_memory().total / 2**30:.1f} GiB",
        f"python    : {platform.python_version()} ({sys.executable})",
        f"libraries : {versions}, SQLite {sqlite3.sqlite_version}",
    ]


def table(results: Sequence[Result]) -> list[str]:
    header = (
        "file", "backend", "rows", "observations", "read s", "ingest s", "ingest/read",
        "rows/s", "obs/s", "read peak MB", "ingest peak MB", "status",
    )  # fmt: skip
    lines: list[tuple[str, ...]] = [header]
    for result in results:
        lines.append(
            (
                result.file.name,
                result.backend,
                f"{result.rows:,}",
                f"{result.observations:,}",
                f"{result.read_seconds:.3f}",
                f"{result.ingest_seconds:.3f}",
                f"{result.ratio:.2f}×",
                f"{result.rows / result.ingest_seconds:,.0f}",
                f"{result.observations / result.ingest_seconds:,.0f}",
                f"{result.read_peak / MB:.1f}",
                f"{result.ingest_peak / MB:.1f}",
                result.status,
            )
        )
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    return [
        "  ".join(
            cell.ljust(width) if column in (0, 1, 11) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    ]


def targets(results: Sequence[Result]) -> list[str]:
    lines = []
    for result in results:
        name = f"{result.file.name} [{result.backend}]"
        fast = result.ratio <= MAX_RATIO
        small = result.ingest_peak <= MAX_PEAK_BYTES
        speed = f"full ingest ≤ {MAX_RATIO:g}× bare read"
        memory = f"peak RSS ≤ {MAX_PEAK_BYTES // MB} MB"
        width = max(len(speed), len(memory))
        lines.append(
            f"{_verdict(fast)}  {speed:<{width}}  {name}: {result.ratio:.2f}×"
            f" ({result.ingest_seconds:.3f} s vs {result.read_seconds:.3f} s)"
        )
        lines.append(
            f"{_verdict(small)}  {memory:<{width}}  {name}: {result.ingest_peak / MB:.1f} MB"
        )
    return lines


def _verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


# --- command line ---------------------------------------------------------------------------


def national_files(paths: Sequence[str]) -> tuple[list[Path], list[Path]]:
    """The workbooks to benchmark, and the places searched (for the message when none is)."""
    shared = Path(os.environ.get("CROSSBMO_SHARED_DATA", ROOT.parent / "shared" / "data"))
    places = [Path(path) for path in paths] or [shared / "france_travail" / "bmo"]
    found: list[Path] = []
    for place in places:
        if place.is_dir():
            found += [place / name for name in NATIONAL_FILES if (place / name).is_file()]
        elif place.is_file():
            found.append(place)
    return found, places


def backends() -> dict[str, FreshDatabase]:
    chosen: dict[str, FreshDatabase] = {"sqlite": sqlite_database}
    server_url = os.environ.get(POSTGRES_ENV, "")
    if server_url:
        chosen["postgresql"] = postgres_database(server_url)
    return chosen


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.ingest_bmo",
        description="Benchmark the BMO ingest against a bare pandas/calamine read.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="workbook files, or folders holding "
        + " / ".join(NATIONAL_FILES)
        + " (default: $CROSSBMO_SHARED_DATA/france_travail/bmo, ../shared/data by default)",
    )
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs per measurement (min)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    print("crossbmo ingestion benchmark: full BMO ingest vs bare pandas read (calamine)")
    print("\n".join(machine_info()))
    files, places = national_files(args.paths)
    if not files:
        print(
            "\nNOTICE: the national France Travail BMO workbooks were not found in "
            + ", ".join(str(place) for place in places)
            + f" (expected {' and '.join(NATIONAL_FILES)}).\n"
            "Set CROSSBMO_SHARED_DATA or pass a PATH to benchmark them. Benchmarking the bundled "
            f"samples in {SAMPLES.relative_to(ROOT)}/ instead: these are NOT the national figures."
        )
        files = sorted(SAMPLES.glob("*.xlsx"))
    chosen = backends()
    if "postgresql" not in chosen:
        print(f"PostgreSQL: skipped ({POSTGRES_ENV} is unset)")
    print(f"repetitions: {args.repeat} per measurement, best (min) time kept", flush=True)
    results = benchmark(files, chosen, args.repeat)
    print("\nResults (times: best of runs; peak RSS: largest child ru_maxrss of the runs)")
    print("\n".join(table(results)))
    print("\nTargets")
    print("\n".join(targets(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
