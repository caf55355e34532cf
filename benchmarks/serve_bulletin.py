"""Serving benchmark: the bulletin page and its JSON under concurrent clients, beside a minimal
Starlette endpoint measured the same way, and the PDF generation time per language.

``python -m benchmarks.serve_bulletin [--clients 50] [--seconds 30]`` (run by `make bench`).
Builds and publishes 2025-Q2 from the bundled BMO 2025 sample in a fresh SQLite database, starts
the crossbmo app and a one-route Starlette app under uvicorn (one worker each, same machine),
then for each URL runs ``--clients`` concurrent clients (httpx, keep-alive) for ``--seconds``
and prints requests/s, p50 and p95. Target: p95 of the page and of its JSON ≤ 3× the minimal
endpoint's p95. Exit status 0 always.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import httpx

from benchmarks.ingest_bmo import WARMUP_SAMPLE, machine_info

TARGET_RATIO: Final = 3.0
MINIMAL_APP: Final = (
    "from starlette.applications import Starlette\n"
    "from starlette.responses import PlainTextResponse\n"
    "from starlette.routing import Route\n"
    "async def ok(request):\n    return PlainTextResponse('ok')\n"
    "app = Starlette(routes=[Route('/', ok)])\n"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(
    app: str, port: int, env: dict[str, str], cwd: Path, factory: bool
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "warning"] + (["--factory"] if factory else [])  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=cwd)
    for _ in range(200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError(f"{app} did not start")


async def _load(url: str, clients: int, seconds: float) -> list[float]:
    """Latencies of the successful requests; failures (resets under load) are counted apart."""
    latencies: list[float] = []
    failures: list[str] = []
    stop = time.perf_counter() + seconds

    async def client(http: httpx.AsyncClient) -> None:
        while time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                response = await http.get(url)
                response.raise_for_status()
            except httpx.HTTPError as error:
                failures.append(type(error).__name__)
                continue
            latencies.append(time.perf_counter() - started)

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=120) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    if failures:
        print(f"  ({len(failures)} failed requests: {', '.join(sorted(set(failures)))})")
    return latencies


def _report(name: str, latencies: list[float], seconds: float) -> float:
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    rate, p50 = len(ordered) / seconds, statistics.median(ordered) * 1000
    print(f"  {name:<28} {rate:8.1f} req/s  p50 {p50:8.1f} ms  p95 {p95 * 1000:8.1f} ms")
    return p95


def _prepare(work: Path) -> dict[str, str]:
    import os

    url = f"sqlite:///{work / 'bench.sqlite3'}"
    env = {**os.environ, "CROSSBMO_DATABASE_URL": url, "CROSSBMO_VAR_DIR": str(work / "var")}
    crossbmo = [sys.executable, "-m", "services.cli"]
    steps = (["db", "upgrade"], ["ingest", "france-travail-bmo", str(WARMUP_SAMPLE)],
             ["bulletin", "build", "2025-Q2"], ["bulletin", "publish", "2025-Q2"])  # fmt: skip
    for arguments in steps:
        subprocess.run(crossbmo + arguments, env=env, check=True, capture_output=True)
    return env


def _pdf_times(base: str) -> None:
    for language in ("fr", "nl", "en"):
        started = time.perf_counter()
        response = httpx.get(
            f"{base}/bulletins/2025-Q2.pdf", params={"lang": language}, timeout=300
        )
        response.raise_for_status()
        elapsed = time.perf_counter() - started
        print(f"  PDF {language}: {elapsed:.2f} s ({len(response.content):,} bytes)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_bulletin")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args(argv)
    print("crossbmo serving benchmark: bulletin page and JSON vs a minimal Starlette endpoint")
    for line in machine_info():
        print(f"  {line}")
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = _prepare(work)
        (work / "minimal_app.py").write_text(MINIMAL_APP, encoding="utf-8")
        app_port, minimal_port = _free_port(), _free_port()
        servers = [
            _serve("services.api.app:create_app", app_port, env, root, factory=True),
            _serve("minimal_app:app", minimal_port, env, work, factory=False),
        ]
        try:
            base = f"http://127.0.0.1:{app_port}"
            print(f"  {args.clients} clients, {args.seconds:.0f} s per URL")
            urls = {
                "minimal Starlette endpoint": f"http://127.0.0.1:{minimal_port}/",
                "bulletin page (fr)": f"{base}/bulletins/2025-Q2?lang=fr",
                "bulletin JSON (EMLKT-FR)": f"{base}/v1/bulletins/2025-Q2?zone=EMLKT-FR&lang=fr",
                "bulletin JSON (whole)": f"{base}/v1/bulletins/2025-Q2?lang=fr",
            }
            p95 = {}
            for name, url in urls.items():
                httpx.get(url, timeout=120).raise_for_status()  # untimed warm-up (caches)
                latencies = asyncio.run(_load(url, args.clients, args.seconds))
                p95[name] = _report(name, latencies, args.seconds)
            baseline = p95["minimal Starlette endpoint"]
            for name in list(urls)[1:]:
                ratio = p95[name] / baseline
                verdict = "within" if ratio <= TARGET_RATIO else "OVER"
                target = f"target ≤ {TARGET_RATIO:.0f}×: {verdict}"
                print(f"  {name}: p95 {ratio:.1f}× the minimal endpoint ({target})")
            _pdf_times(base)
        finally:
            for server in servers:
                server.terminate()
                server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
