"""Harmonization benchmark: BMO métier → ISCO-08 observations of the national file vs a bare read.

``python -m benchmarks.harmonize_bmo [PATH ...]`` (run by `make bench` beside
``benchmarks.ingest_bmo``). For each national France Travail BMO workbook
(``$CROSSBMO_SHARED_DATA/france_travail/bmo/``, default ``../shared/data``; a PATH, file or folder,
points elsewhere; the bundled samples when none is found, and the output says so) it measures in
this process, after one untimed warm-up of each step on a bundled sample:

- baseline: ``pandas.read_excel(path, sheet_name=None, engine="calamine")``;
- measured: ``services.harmonizer.mappings.apply.isco_observations(observations)``, the
  post-harmonization step that turns the canonical BMO observations of the file (prepared
  untimed by ``read_bmo`` + the adapter's ``observations``) into ISCO-08 observations: crosswalk
  join, split
  by weight, secret rule, aggregation per bassin × unit group, canonical schema validation;
- context: the adapter's ``parse`` (read, raw validation, harmonization and the ISCO step
  together).

Times are the best of ``--repeat`` runs. Target: ISCO harmonization ≤ 2 s. Exit status 0 always.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from benchmarks.ingest_bmo import SAMPLES, WARMUP_SAMPLE, machine_info, national_files

REPEAT: Final = 5
TARGET_SECONDS: Final = 2.0


def best_of(repeat: int, call: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - started)
    return best, result


def measure(path: Path, repeat: int) -> dict[str, Any]:
    import pandas as pd

    from services.harmonizer.adapters import adapter_for
    from services.harmonizer.adapters.france_travail_bmo_sheet import read_bmo

    bmo = adapter_for("france-travail-bmo")
    from services.harmonizer.mappings.apply import isco_observations

    content = path.read_bytes()
    read_s, _ = best_of(repeat, lambda: pd.read_excel(path, sheet_name=None, engine="calamine"))
    observations = bmo.observations(read_bmo(content, path.name))
    isco_s, isco = best_of(repeat, lambda: isco_observations(observations))
    parse_s, _ = best_of(max(1, repeat // 2), lambda: bmo.parse(content, path.name))
    return {
        "file": path.name, "observations": len(observations), "isco": len(isco),
        "read": read_s, "isco_s": isco_s, "parse": parse_s,
    }  # fmt: skip


def _row(m: dict[str, Any]) -> tuple[str, ...]:
    ratio = m["isco_s"] / m["read"]
    return (
        m["file"], f"{m['observations']:,}", f"{m['isco']:,}", f"{m['read']:.3f}",
        f"{m['isco_s']:.3f}", f"{ratio:.2f}×", f"{m['parse']:.3f}",
    )  # fmt: skip


def warm_up() -> None:
    from services.harmonizer.adapters import adapter_for

    adapter_for("france-travail-bmo").parse(WARMUP_SAMPLE.read_bytes(), WARMUP_SAMPLE.name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.harmonize_bmo")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="workbooks or folders")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="runs per measurement (min)")
    args = parser.parse_args(argv)
    print("crossbmo harmonization benchmark: BMO métier → ISCO-08 vs bare pandas read (calamine)")
    print("\n".join(machine_info()))
    from services.harmonizer.mappings.tables import mapping_version

    print(f"mapping   : {mapping_version()}")
    files, places = national_files(args.paths)
    if not files:
        print(
            "\nNOTICE: no national BMO workbook in "
            + ", ".join(str(place) for place in places)
            + f"; benchmarking the bundled samples in {SAMPLES} instead (NOT national figures)."
        )
        files = sorted(SAMPLES.glob("*.xlsx"))
    warm_up()
    print(f"repetitions: {args.repeat}, best time kept\n")
    header = ("file", "BMO obs", "ISCO obs", "bare read s", "ISCO step s", "step/read", "parse s")
    rows = [header]
    verdicts = []
    for path in files:
        m = measure(path, args.repeat)
        rows.append(_row(m))
        verdict = "PASS" if m["isco_s"] <= TARGET_SECONDS else "FAIL"
        verdicts.append(f"{verdict}  ISCO harmonization ≤ {TARGET_SECONDS:g} s  {m['file']}: "
                        f"{m['isco_s']:.3f} s (bare read {m['read']:.3f} s)")  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths, strict=True))))  # fmt: skip
    print("\nTargets")
    print("\n".join(verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
