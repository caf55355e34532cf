"""Submissions by URL: a real local HTTP server serves the real samples; refusals store nothing."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.harmonizer.pull import PullFailed
from services.harmonizer.remote_file import FetchPolicy, fetch_file, is_public
from services.harmonizer.store.access import AuditEntry, add_partner, create_key
from services.harmonizer.store.models import Observation, Submission
from services.settings import Settings
from tests.conftest import ROOT, SAMPLE_2025

BMO = "/v1/exchange/france-travail-bmo/submissions"
SHORTAGE_CSV = (
    ROOT / "data" / "samples" / "vdab" / "vdab_knelpuntberoepen_2026_SECONDARY_lexpat_contract.csv"
)
FILES = {"/bmo.xlsx": SAMPLE_2025, "/list.csv": SHORTAGE_CSV}


class SampleHandler(BaseHTTPRequestHandler):
    """Serves the real sample files, and the misbehaviours the fetcher must survive."""

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path in FILES:
            self._send(FILES[path].read_bytes(), announce=True)
        elif path == "/chunked/bmo.xlsx":
            self._send(SAMPLE_2025.read_bytes(), announce=False)
        elif path == "/redirect-private":
            self._redirect("http://10.0.0.1/bmo.xlsx")
        elif path == "/redirect-bmo":
            self._redirect("/bmo.xlsx")
        elif path == "/slow":
            time.sleep(3)
            self._send(b"late", announce=True)
        else:
            self.send_error(404)

    def _send(self, content: bytes, announce: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if announce:
            self.send_header("Content-Length", str(len(content)))
        else:
            self.send_header("Connection", "close")  # no length: the body ends with the stream
        self.end_headers()
        try:
            for start in range(0, len(content), 65536):
                self.wfile.write(content[start : start + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the fetcher gave up (too large): expected

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), SampleHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _client(settings: Settings, **update: Any) -> TestClient:
    allowed = {"exchange_url_allowlist": "127.0.0.1", "exchange_url_allow_http": True}
    return TestClient(create_app(settings.model_copy(update={**allowed, **update})))


@pytest.fixture
def key(engine: Engine) -> str:
    with Session(engine) as session, session.begin():
        add_partner(session, "ft-hdf", "france-travail", "France Travail Hauts-de-France")
        session.flush()
        return create_key(session, "ft-hdf", ["submitter", "reader"])


def stored(engine: Engine) -> tuple[int, int]:
    with Session(engine) as session:
        submissions = session.scalar(select(func.count()).select_from(Submission)) or 0
        observations = session.scalar(select(func.count()).select_from(Observation)) or 0
    return submissions, observations


def post_url(client: TestClient, key: str | None, url: str, lang: str = "en") -> Any:
    headers = {"X-API-Key": key} if key else {}
    return client.post(BMO, json={"url": url}, headers=headers, params={"lang": lang})


def refusal(response: Any, status: int, code: str) -> list[str]:
    """The envelope's codes, checked; the findings' codes returned."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (status, code)
    return [detail.get("code") for detail in error["details"]]


def test_a_file_given_by_url_is_fetched_validated_and_stored(
    engine: Engine, settings: Settings, key: str, server: str
) -> None:
    with _client(settings) as client:
        response = post_url(client, key, f"{server}/bmo.xlsx")
        assert response.status_code == 201, response.text
        body = response.json()
        assert (body["status"], body["observation_count"]) == ("accepted", 3617 * 3)
        assert body["original_filename"] == "bmo.xlsx"
        # The same bytes by a form field, through a redirect: recognised, nothing stored twice.
        again = client.post(BMO, data={"url": f"{server}/redirect-bmo"}, headers={"X-API-Key": key})
        assert again.status_code == 200
        assert again.json()["id"] == body["id"]
        audit = client.get("/v1/exchange/audit", headers={"X-API-Key": key})
    assert stored(engine)[0] == 1
    assert audit.status_code == 403  # a submitter is no admin; the audit is checked elsewhere


def test_a_streamed_answer_without_length_is_read_to_its_end(
    engine: Engine, settings: Settings, key: str, server: str
) -> None:
    with _client(settings) as client:
        response = post_url(client, key, f"{server}/chunked/bmo.xlsx")
    assert response.status_code == 201, response.text
    assert response.json()["sha256"] == _sha256(SAMPLE_2025)


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_loopback_is_refused_unless_allow_listed(
    engine: Engine, settings: Settings, key: str, server: str
) -> None:
    with _client(settings, exchange_url_allowlist="") as client:
        response = post_url(client, key, f"{server}/bmo.xlsx", lang="nl")
    assert refusal(response, 422, "url-not-fetched") == ["url-address-refused"]
    detail = response.json()["error"]["details"][0]
    assert "127.0.0.1" in detail["message"]
    assert response.headers["Content-Language"] == "nl"
    assert stored(engine) == (0, 0)
    with Session(engine) as session:  # the refusal is audited, with the address asked for
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.result, entry.detail["url"]) == ("url-not-fetched", f"{server}/bmo.xlsx")


def test_a_redirect_to_a_private_address_is_refused(
    engine: Engine, settings: Settings, key: str, server: str
) -> None:
    with _client(settings) as client:
        response = post_url(client, key, f"{server}/redirect-private")
    assert refusal(response, 422, "url-not-fetched") == ["url-address-refused"]
    assert "10.0.0.1" in response.json()["error"]["details"][0]["message"]
    assert stored(engine) == (0, 0)


def test_plain_http_is_refused_by_default(
    engine: Engine, settings: Settings, key: str, server: str
) -> None:
    with _client(settings, exchange_url_allow_http=False) as client:
        response = post_url(client, key, f"{server}/bmo.xlsx")
        malformed = post_url(client, key, "bmo.xlsx")
        private = post_url(client, key, "https://192.168.1.10/bmo.xlsx")
    assert refusal(response, 422, "url-not-fetched") == ["url-scheme-refused"]
    assert refusal(malformed, 422, "url-not-fetched") == ["url-malformed"]
    assert refusal(private, 422, "url-not-fetched") == ["url-address-refused"]
    assert stored(engine) == (0, 0)


@pytest.mark.parametrize("path", ["/bmo.xlsx", "/chunked/bmo.xlsx"])
def test_a_file_over_the_limit_is_413_whether_announced_or_streamed(
    engine: Engine, settings: Settings, key: str, server: str, path: str
) -> None:
    with _client(settings, max_upload_bytes=100_000) as client:
        response = post_url(client, key, server + path)
    assert refusal(response, 413, "payload-too-large") == []
    assert "100000" in response.json()["error"]["message"]
    assert stored(engine) == (0, 0)


def test_unreachable_missing_and_slow_addresses_are_422(
    engine: Engine, settings: Settings, key: str, server: str
) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with _client(settings, exchange_url_timeout_seconds=0.5) as client:
        unreachable = post_url(client, key, f"http://127.0.0.1:{closed_port}/bmo.xlsx")
        missing = post_url(client, key, f"{server}/nothing.xlsx", lang="fr")
        slow = post_url(client, key, f"{server}/slow")
    assert refusal(unreachable, 422, "url-not-fetched") == ["http-unreachable"]
    assert refusal(missing, 422, "url-not-fetched") == ["http-error"]
    assert "404" in missing.json()["error"]["details"][0]["message"]
    assert refusal(slow, 422, "url-not-fetched") == ["http-timeout"]
    assert stored(engine) == (0, 0)


def test_fetched_content_is_sniffed_like_an_upload(
    engine: Engine, settings: Settings, key: str, server: str
) -> None:
    with _client(settings) as client:
        response = post_url(client, key, f"{server}/list.csv")
    assert refusal(response, 415, "unsupported-media-type") == []
    assert stored(engine) == (0, 0)


def test_a_url_needs_a_key_and_a_body_needs_a_url(
    engine: Engine, settings: Settings, key: str, server: str
) -> None:
    with _client(settings) as client:
        anonymous = post_url(client, None, f"{server}/bmo.xlsx")
        empty = client.post(BMO, json={"address": "x"}, headers={"X-API-Key": key})
        nothing = client.post(BMO, data={"other": "x"}, headers={"X-API-Key": key})
    assert refusal(anonymous, 401, "unauthorized") == []
    for response in (empty, nothing):
        assert response.status_code == 422
        assert [d["location"] for d in response.json()["error"]["details"]] == ["body.url"]
    assert stored(engine) == (0, 0)


@pytest.mark.parametrize(
    ("address", "public"),
    [("8.8.8.8", True), ("2a00:1450:4007:80e::200e", True), ("127.0.0.1", False),
     ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.0.1", False),
     ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("::1", False),
     ("fe80::1", False), ("fc00::1", False), ("::ffff:127.0.0.1", False), ("224.0.0.1", False)],
)  # fmt: skip
def test_only_global_unicast_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_the_url_form_is_in_the_openapi_schema(settings: Settings) -> None:
    with _client(settings) as client:
        operation = client.get("/openapi.json").json()["paths"][BMO.replace(
            "france-travail-bmo", "{source_id}")]["post"]  # fmt: skip
    content = operation["requestBody"]["content"]
    assert content["application/json"]["schema"]["required"] == ["url"]
    assert {"413", "415", "422"} <= set(operation["responses"])


def test_a_redirect_from_https_to_http_is_refused() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.scheme == "https":
            return httpx.Response(302, headers={"Location": "http://files.example.org/bmo.xlsx"})
        return httpx.Response(200, content=SAMPLE_2025.read_bytes())

    with pytest.raises(PullFailed) as caught:
        fetch_file("https://files.example.org/bmo.xlsx", FetchPolicy(max_bytes=10**8),
                   transport=httpx.MockTransport(answer))  # fmt: skip
    assert [finding.code for finding in caught.value.findings] == ["url-scheme-refused"]
