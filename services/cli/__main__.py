"""`python -m services.cli`: the `crossbmo` command without its installed entry point."""

from __future__ import annotations

from services.cli import app

if __name__ == "__main__":
    app()
