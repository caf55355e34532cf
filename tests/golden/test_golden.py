"""The demo outputs are byte-identical to the golden manifest (timestamps normalised).

A change that is meant to alter them re-records it: `python -m tests.golden.manifest record`.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.golden.capture import capture
from tests.golden.manifest import MANIFEST, digests


def test_demo_outputs_match_the_golden_manifest(tmp_path: Path) -> None:
    capture(tmp_path / "demo")
    expected = json.loads(MANIFEST.read_text(encoding="utf-8"))["demo"]
    current = digests(tmp_path / "demo")
    assert sorted(current) == sorted(expected)
    assert [name for name in sorted(current) if current[name] != expected[name]] == []
