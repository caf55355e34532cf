"""The `crossbmo` command as a package; `app` stays here for the entry point services.cli:app."""

from __future__ import annotations

# Only `app` is bound here: binding a command function (e.g. `pull`) would hide the submodule of
# the same name from `from services.cli import pull`.
from services.cli.main import app

__all__ = ["app"]
