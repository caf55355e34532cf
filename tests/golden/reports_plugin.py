"""pytest plugin: record the report of every submission the tests store, per test.

`pytest -p tests.golden.reports_plugin` with CROSSBMO_GOLDEN_REPORTS=FILE appends one JSON line
per stored submission (test id, source, file name, status, normalised report). It listens on
SQLAlchemy's mapper events for the `submissions` table, so it does not depend on where our own
modules live. Hypothesis tests draw random inputs and are left out.
"""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Mapper

from tests.golden.capture import normalise

CURRENT: dict[str, str] = {"test": ""}


def _record(_mapper: Mapper[Any], _connection: Any, target: Any) -> None:
    path = os.environ.get("CROSSBMO_GOLDEN_REPORTS")
    if not path or not CURRENT["test"] or target.__table__.name != "submissions":
        return
    entry = {
        "test": CURRENT["test"], "source": target.source_id, "file": target.original_filename,
        "status": target.status, "period": target.period, "report": target.report,
    }  # fmt: skip
    with open(path, "a", encoding="utf-8") as out:
        out.write(normalise(json.dumps(entry, ensure_ascii=False, sort_keys=True, default=str)))
        out.write("\n")


event.listen(Mapper, "before_insert", _record)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    random = item.get_closest_marker("hypothesis") is not None
    CURRENT["test"] = "" if random else item.nodeid


def pytest_runtest_teardown(item: pytest.Item) -> None:
    CURRENT["test"] = ""
