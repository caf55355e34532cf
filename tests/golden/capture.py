"""Capture what the service publishes on the bundled demo data, through its two stable
interfaces only (the `crossbmo` command and HTTP), so that no refactor can bend the harness.

`python -m tests.golden.capture OUTDIR` runs the Makefile's `demo-data` recipe in a fresh var
folder, serves the app with uvicorn and writes, normalised (timestamps, port, temp paths):
the 2025-Q2 bulletin JSON (fr, nl, en) and pages, its downloads (CSV canonical and per language,
SDMX-CSV, structure XML, JSON-stat, data package), the pooled files, every submission with its
report, and every `/v1/observations` page of every submission (anonymous and partner reader).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from tests.browser.conftest import serving
from tests.conftest import ROOT

PERIOD = "2025-Q2"
LANGUAGES = ("fr", "nl", "en")
PAGE = 1000
TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?(?![\d-])"
)
BASE_URL = re.compile(r"http://127\.0\.0\.1:\d+")
TEMP_PATH = re.compile(r"/tmp/[A-Za-z0-9_.\-/]*?(?=[\"'\s,;<)]|$)")
# A digest of the bulletin builder's own source files: any edit of them changes it, by design.
BUILDER = re.compile(r"builder [0-9a-f]{12}")


def normalise(text: str) -> str:
    """Timestamps, the server's port, temporary paths and the builder's code digest vary."""
    text = TIMESTAMP.sub("<timestamp>", text)
    text = BASE_URL.sub("http://server", text)
    text = BUILDER.sub("builder <digest>", text)
    return TEMP_PATH.sub("<tmp>", text)


def demo_commands() -> list[list[str]]:
    """The `crossbmo` lines of the Makefile's demo-data recipe, with its variables expanded."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^([A-Z_]+) :?= (.*)$", makefile, flags=re.MULTILINE))
    recipe = makefile.split("\ndemo-data:", 1)[1].split("\n\n", 1)[0]
    commands = []
    for line in recipe.splitlines():
        if "$(BIN)/crossbmo" not in line:
            continue
        expanded = re.sub(r"\$\(([A-Z_]+)\)", lambda m: variables.get(m[1], m[0]), line.strip())
        commands.append(shlex.split(expanded.replace("$(BIN)/crossbmo", "crossbmo"))[1:])
    return commands


def crossbmo(env: dict[str, str], *args: str) -> str:
    command = [str(Path(sys.executable).parent / "crossbmo"), *args]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout


def reader_key(env: dict[str, str]) -> str:
    crossbmo(env, "partners", "add", "golden-vdab", "--service", "vdab")
    output = crossbmo(env, "keys", "create", "--partner", "golden-vdab", "--role", "reader")
    return output.strip().splitlines()[-1].strip()


class Writer:
    def __init__(self, folder: Path, client: httpx.Client) -> None:
        self.folder, self.client = folder, client

    def get(self, name: str, url: str, headers: dict[str, str] | None = None) -> str:
        response = self.client.get(url, headers=headers or {})
        body = normalise(f"{response.status_code} {response.headers.get('content-type')}\n"
                         f"{response.text}")  # fmt: skip
        (self.folder / name).write_text(body, encoding="utf-8")
        return response.text


def bulletin(writer: Writer) -> None:
    base = f"/v1/bulletins/{PERIOD}"
    for language in LANGUAGES:
        writer.get(f"bulletin.{language}.json", f"{base}?lang={language}")
        writer.get(f"page.{language}.html", f"/bulletins/{PERIOD}?lang={language}")
        for fmt in ("csv", "jsonstat.json", "datapackage.json", "structure.xml", "sdmx.csv"):
            writer.get(f"download.{language}.{fmt}", f"{base}/download.{fmt}?lang={language}")
    writer.get("download.canonical.csv", f"{base}/download.csv")
    writer.get("download.sdmx.csv", f"{base}/download.sdmx.csv")
    writer.get("releases.json", "/v1/bulletins")


def observations(writer: Writer, key: str) -> None:
    submissions = writer.client.get("/v1/submissions?limit=1000", headers={"X-API-Key": key})
    ids = [item["id"] for item in submissions.json()["items"]]
    writer.get("submissions.json", "/v1/submissions?limit=1000", {"X-API-Key": key})
    for submission_id in ids:
        writer.get(f"submission.{submission_id}.json", f"/v1/submissions/{submission_id}",
                   {"X-API-Key": key})  # fmt: skip
        for who, headers in (("anonymous", {}), ("reader", {"X-API-Key": key})):
            offset = 0
            while True:
                url = f"/v1/observations?submission_id={submission_id}&limit={PAGE}&offset={offset}"
                name = f"observations.{submission_id}.{who}.{offset // PAGE}.json"
                page = writer.client.get(url, headers=headers).json()
                writer.get(name, url, headers)
                offset += PAGE
                if offset >= page.get("total", 0):
                    break
    for fmt in ("pooled.csv", "pooled.sdmx.csv", "pooled.structure.xml"):
        writer.get(f"reader.{fmt}", f"/v1/exchange/{fmt}", {"X-API-Key": key})
        writer.get(f"anonymous.{fmt}", f"/v1/exchange/{fmt}")


def capture(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        env = {**os.environ, "CROSSBMO_DATABASE_URL": f"sqlite:///{work}/demo.sqlite3",
               "CROSSBMO_VAR_DIR": f"{work}/var",
               # One reader key reads every page: the exchange's rate limit would answer 429.
               "CROSSBMO_EXCHANGE_REQUESTS_PER_MINUTE": "100000"}  # fmt: skip
        for command in demo_commands():
            crossbmo(env, *command)
        key = reader_key(env)
        with serving(env) as base_url, httpx.Client(base_url=base_url, timeout=120) as client:
            writer = Writer(folder, client)
            bulletin(writer)
            observations(writer, key)


if __name__ == "__main__":
    capture(Path(sys.argv[1]))
