"""SHA-256 of every captured file; `python -m tests.golden.manifest record|check`.

`record` captures the demo outputs and the reports of the test suite's submissions and writes
tests/golden/manifest.json; `check` compares a fresh capture with it. The check of the demo
outputs is also the test tests/golden/test_golden.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import ROOT
from tests.golden.capture import capture

MANIFEST = Path(__file__).with_name("manifest.json")


def digests(folder: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
    }


def report_digests(folder: Path) -> dict[str, str]:
    """Run the tests with the recorder; one digest per test of its submissions' reports."""
    path = folder / "reports.jsonl"
    env = {**os.environ, "CROSSBMO_GOLDEN_REPORTS": str(path)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "tests.golden.reports_plugin",
               "-p", "no:cacheprovider", "tests", "--ignore=tests/browser",
               "--ignore=tests/golden", "-m", "not postgres"]  # fmt: skip
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    return digests_by_test(path)


def digests_by_test(path: Path) -> dict[str, str]:
    """One digest per test of its submissions' entries (the test's own id left out of them)."""
    by_test: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        test = entry.pop("test")
        by_test.setdefault(test, []).append(json.dumps(entry, ensure_ascii=False, sort_keys=True))
    return {test: hashlib.sha256("\n".join(lines).encode()).hexdigest()
            for test, lines in sorted(by_test.items())}  # fmt: skip


def main(mode: str) -> int:
    with tempfile.TemporaryDirectory() as work:
        capture(Path(work) / "demo")
        current = {"demo": digests(Path(work) / "demo"), "reports": report_digests(Path(work))}
    if mode == "record":
        MANIFEST.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", "utf-8")
        return 0
    expected = json.loads(MANIFEST.read_text(encoding="utf-8"))
    status = 0
    for part in ("demo", "reports"):
        for name in sorted(set(expected[part]) | set(current[part])):
            if expected[part].get(name) != current[part].get(name):
                print(f"{part}: {name} differs", file=sys.stderr)
                status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
