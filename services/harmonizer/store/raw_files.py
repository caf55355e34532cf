"""Received files kept as they came, content-addressed by SHA-256 (var/raw/ab/abcd…)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def raw_path(raw_dir: Path, sha256: str) -> Path:
    return raw_dir / sha256[:2] / sha256


def keep_raw_file(raw_dir: Path, sha256: str, content: bytes) -> Path:
    """Write the file once (atomically); a file already kept is left as it is."""
    path = raw_path(raw_dir, sha256)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
        handle.write(content)
        temporary = Path(handle.name)
    os.replace(temporary, path)
    return path
