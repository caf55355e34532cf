"""A real site for the browser tests: migrated SQLite with the demo samples, a built and published
bulletin, served by uvicorn on a free port; Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.conftest import ROOT, SAMPLE_2023, SAMPLE_2025

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path(os.environ.get("CROSSBMO_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
PERIOD = "2025-Q2"
ARVASTAT = (
    ROOT / "data" / "samples" / "vdab"
    / "arvastat_ontvangen_vacatures_bouw_2026-04_REBUILT_from_embuild_csv.xlsx"
)  # fmt: skip
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _crossbmo(env: dict[str, str], *args: str) -> None:
    command = [str(Path(sys.executable).parent / "crossbmo"), *args]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)}: {result.stdout}{result.stderr}"


@dataclass(frozen=True)
class Site:
    base_url: str
    env: dict[str, str]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """uvicorn serving a database that holds the demo data and a public bulletin."""
    folder = tmp_path_factory.mktemp("site")
    env = {**os.environ, "CROSSBMO_DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
           "CROSSBMO_VAR_DIR": str(folder / "var")}  # fmt: skip
    _crossbmo(env, "db", "upgrade")
    for source, path in (("france-travail-bmo", SAMPLE_2023), ("france-travail-bmo", SAMPLE_2025),
                         ("vdab-arvastat", ARVASTAT)):  # fmt: skip
        _crossbmo(env, "ingest", source, str(path))
    _crossbmo(env, "bulletin", "build", PERIOD)
    _crossbmo(env, "bulletin", "publish", PERIOD)
    with serving(env) as base_url:
        yield Site(base_url, env)


@contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """uvicorn serving the app with ``env`` on a free local port; its base URL."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "services.api.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base_url, server)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_until_up(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "uvicorn stopped"
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("uvicorn did not answer within 30 s")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium; without it the tests skip, except under CI=true where they fail."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is absent (.ci/run installs `chromium`)")
        pytest.skip(f"{CHROMIUM} is absent: `apt-get install chromium` to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def pdf_text(path: Path) -> str | None:
    """The PDF's text (poppler's pdftotext), or None where poppler-utils is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    return subprocess.run([tool, "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
