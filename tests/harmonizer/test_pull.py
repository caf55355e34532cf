"""Pull mode: Opendatasoft paging, retries, conditional requests, cache and rate limit, all
offline against recorded responses (httpx.MockTransport); nothing sleeps for real."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from benchmarks.synthetic_forem import offers
from services.cli import app
from services.cli import pull as cli_pull
from services.harmonizer.pull import HttpCache, Puller, PullFailed, pull_records, pull_source
from services.harmonizer.sources import SOURCES, PullEndpoint
from services.harmonizer.store.db import make_engine
from services.harmonizer.store.models import Submission
from services.harmonizer.submit import ingest_file
from services.i18n import translate
from services.settings import get_settings

ENDPOINT = SOURCES["forem-offers"].pull
assert ENDPOINT is not None
RECORDS = list(offers(250, seed=7))
Handler = Callable[[httpx.Request], httpx.Response]


class Clock:
    """A fake clock: sleeping advances it and is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


def page(request: httpx.Request, records: list[dict[str, Any]] = RECORDS) -> httpx.Response:
    """A recorded records API v2.1 page, with an ETag per page."""
    offset = int(request.url.params["offset"])
    limit = int(request.url.params["limit"])
    assert limit <= 100 and request.url.params["order_by"] == "numerooffreforem"
    etag = f'"page-{offset}"'
    if request.headers.get("If-None-Match") == etag:
        return httpx.Response(304, headers={"ETag": etag})
    body = {"total_count": len(records), "results": records[offset : offset + limit]}
    return httpx.Response(200, json=body, headers={"ETag": etag})


class Server:
    """Records every request and answers with a handler (a sequence of them, one per call)."""

    def __init__(self, *handlers: Handler) -> None:
        self.handlers = list(handlers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        handler = self.handlers.pop(0) if len(self.handlers) > 1 else self.handlers[0]
        return handler(request)


def puller(
    server: Server, tmp_path: Path, clock: Clock, endpoint: PullEndpoint = ENDPOINT
) -> Puller:  # type: ignore[assignment]
    client = httpx.Client(transport=httpx.MockTransport(server))
    return Puller(client, HttpCache(tmp_path / "cache"), endpoint, sleep=clock.sleep, clock=clock)


def test_all_pages_become_one_export_document(tmp_path: Path) -> None:
    server, clock = Server(page), Clock()
    content, stats = pull_records(puller(server, tmp_path, clock))
    assert json.loads(content) == RECORDS
    assert [r.url.params["offset"] for r in server.requests] == ["0", "100", "200"]
    assert stats == {"shape": "pages", "total_count": 250, "records": 250, "requests": 3,
                     "revalidated": 0}  # fmt: skip
    # The published rate limit: one request per 0.5 s to the host.
    assert clock.sleeps == [0.5, 0.5]


def test_second_pull_is_conditional_and_gives_the_same_bytes(tmp_path: Path) -> None:
    first, _ = pull_records(puller(Server(page), tmp_path, Clock()))
    server = Server(page)
    second, stats = pull_records(puller(server, tmp_path, Clock()))
    assert second == first
    assert [r.headers.get("If-None-Match") for r in server.requests] == [
        '"page-0"',
        '"page-100"',
        '"page-200"',
    ]
    assert stats["revalidated"] == 3


def test_max_pages_stops_early(tmp_path: Path) -> None:
    content, stats = pull_records(puller(Server(page), tmp_path, Clock()), max_pages=2)
    assert len(json.loads(content)) == 200 and stats["requests"] == 2


def test_retries_with_backoff_then_success(tmp_path: Path) -> None:
    def fail(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    server, clock = Server(fail, fail, page), Clock()
    content, _ = pull_records(puller(server, tmp_path, clock), max_pages=1)
    assert len(json.loads(content)) == 100
    assert clock.sleeps == [1.0, 2.0]  # 1 s, then doubled


def test_retry_after_is_honoured(tmp_path: Path) -> None:
    def busy(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "7"})

    clock = Clock()
    pull_records(puller(Server(busy, page), tmp_path, clock), max_pages=1)
    assert clock.sleeps == [7.0]


def test_http_500_after_the_retries(tmp_path: Path) -> None:
    server, clock = Server(lambda _r: httpx.Response(500)), Clock()
    with pytest.raises(PullFailed) as failure:
        pull_records(puller(server, tmp_path, clock))
    [finding] = failure.value.findings
    assert (finding.code, finding.params) == ("http-error", {"status": "500", "attempts": "4"})
    assert finding.file is not None and "offset=0" in finding.file
    assert clock.sleeps == [1.0, 2.0, 4.0] and len(server.requests) == 4
    assert finding.render("fr") != finding.render("nl") != finding.render("en")


def test_client_errors_are_not_retried(tmp_path: Path) -> None:
    server = Server(lambda _r: httpx.Response(404))
    with pytest.raises(PullFailed) as failure:
        pull_records(puller(server, tmp_path, Clock()))
    assert failure.value.findings[0].params == {"status": "404", "attempts": "1"}
    assert len(server.requests) == 1


def test_a_timeout(tmp_path: Path) -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(PullFailed) as failure:
        pull_records(puller(Server(slow), tmp_path, Clock()))
    [finding] = failure.value.findings
    assert (finding.code, finding.params) == ("http-timeout", {"seconds": "30", "attempts": "4"})
    assert "30" in finding.message("nl")


def test_an_unreachable_host(tmp_path: Path) -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(PullFailed) as failure:
        pull_records(puller(Server(refused), tmp_path, Clock()))
    assert [f.code for f in failure.value.findings] == ["http-unreachable"]


def test_a_malformed_json_page(tmp_path: Path) -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b'{"total_count": 250, "results": [{"numero')

    with pytest.raises(PullFailed) as failure:
        pull_records(puller(Server(page, broken), tmp_path, Clock()))
    [finding] = failure.value.findings
    assert finding.code == "not-json"
    assert finding.file is not None and "offset=100" in finding.file


def test_records_that_change_during_the_pull(tmp_path: Path) -> None:
    def shrunk(request: httpx.Request) -> httpx.Response:
        return page(request, RECORDS[:150])  # offers expired: the third page is empty

    with pytest.raises(PullFailed) as failure:
        pull_records(puller(Server(page, page, shrunk), tmp_path, Clock()))
    [finding] = failure.value.findings
    assert (finding.code, finding.value, finding.params) == (
        "pull-incomplete", "200", {"reference": "250"}
    )  # fmt: skip


def test_past_the_paging_window_the_export_is_pulled(tmp_path: Path) -> None:
    assert ENDPOINT is not None
    endpoint = replace(ENDPOINT, max_records_window=200)

    def export(request: httpx.Request) -> httpx.Response:
        assert request.url.path.endswith("/exports/json")
        return httpx.Response(200, json=RECORDS)

    server = Server(page, export)
    content, stats = pull_records(puller(server, tmp_path, Clock(), endpoint))
    assert json.loads(content) == RECORDS and stats["shape"] == "export"


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("CROSSBMO_DATABASE_URL", database_url)
    monkeypatch.setenv("CROSSBMO_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield database_url
    get_settings.cache_clear()


def offline(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    """The command's pull, with the recorded responses instead of the network."""
    patched = functools.partial(
        pull_source, transport=httpx.MockTransport(server), sleep=lambda _s: None
    )
    monkeypatch.setattr(cli_pull, "pull_source", patched)


def submissions(url: str) -> list[tuple[str, str]]:
    engine: Engine = make_engine(url)
    with Session(engine) as session:
        rows = session.execute(select(Submission.source_id, Submission.status)).all()
    engine.dispose()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_cli_pull_ingests_once(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    offline(monkeypatch, Server(page))
    first = CliRunner().invoke(app, ["pull", "forem-offers", "--lang", "en"])
    assert first.exit_code == 0, first.output
    assert "Pulled 250 records in 3 request(s)" in first.output
    second = CliRunner().invoke(app, ["pull", "forem-offers", "--lang", "en"])
    assert second.exit_code == 0
    assert "already received" in second.output and "(3 unchanged)" in second.output
    assert submissions(cli_env) == [("forem-offers", "accepted")]


def test_cli_pull_failure_stores_nothing(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    offline(monkeypatch, Server(page, lambda _r: httpx.Response(500)))
    result = CliRunner().invoke(app, ["pull", "forem-offers", "--lang", "fr"])
    assert result.exit_code == 1
    # The French text itself arrives with the catalogue (i18n/); the message is the French one.
    assert translate(cli_pull.MSG_PULL_FAILED, "fr") in result.output
    assert "http-error" in result.output and "offset=100" in result.output.replace("\n", "")
    engine = make_engine(cli_env)
    from services.harmonizer.store.db import upgrade

    upgrade(cli_env)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Submission)) == 0
    engine.dispose()


def test_cli_pull_of_a_file_only_source(cli_env: str) -> None:
    result = CliRunner().invoke(app, ["pull", "forem-shortage", "--lang", "en"])
    assert result.exit_code == 2 and "forem-offers" in result.output


def test_pulled_content_ingests_like_an_export(
    engine: Engine, raw_dir: Path, tmp_path: Path
) -> None:
    content, _ = pull_records(puller(Server(page), tmp_path, Clock()))
    outcome = ingest_file(engine, raw_dir, "forem-offers", "pull.json", content)
    assert outcome.status == "accepted"
    assert outcome.observation_count > 0
