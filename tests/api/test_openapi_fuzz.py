"""schemathesis against our own OpenAPI: no 5xx, every response matches its declared schema."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.api.app import create_app
from services.harmonizer.store.access import add_partner, create_key
from services.harmonizer.submit import ingest_file
from services.settings import Settings
from tests.conftest import SAMPLE_2025

EXAMPLES_PER_OPERATION = 20


def test_api_honours_its_openapi_schema(engine: Engine, raw_dir: Path, settings: Settings) -> None:
    ingest_file(engine, raw_dir, "france-travail-bmo", SAMPLE_2025.name, SAMPLE_2025.read_bytes())
    with Session(engine) as session, session.begin():
        add_partner(session, "operator", "crossbmo", "crossbmo")
        session.flush()
        key = create_key(session, "operator", ["admin"])
    app = create_app(settings.model_copy(update={"exchange_requests_per_minute": 1_000_000}))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    for operation in operations:
        _fuzz(operation, key)


def _fuzz(operation: schemathesis.APIOperation, key: str) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    def check(case: schemathesis.Case) -> None:
        # Two checks do not apply here. Open endpoints take an *optional* key (pooled figures
        # for readers), which OpenAPI cannot tell from a required one (ignored_auth). Some rules
        # join parameters (occupation_level needs occupation_system isco08), which a JSON schema
        # of each parameter cannot express: such a 422 is right (positive_data_acceptance).
        # Everything else holds: no 5xx, statuses, content types, headers and bodies as declared.
        case.call_and_validate(
            headers={"X-API-Key": key},
            excluded_checks=[ignored_auth, positive_data_acceptance],
        )

    check()
