"""The services' tests run on both engines: a case file (SQLite) and a server case (PostgreSQL).

`empty_case` and `demo_case` are parametrised here, so every test that takes one runs twice, as
test_x[sqlite] and test_x[postgresql]. Tests that take `empty_case_path` or `demo_case_path` are about
the file itself (its bytes, `casefile check`, a read-only file) and run on SQLite only. Where a test
expects something different on the server, it says why there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from casefile.storage.casefile import CaseFile
from casefile.storage.open_case import OpenCase
from tests.postgres import ServerCases

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _case(request: pytest.FixtureRequest, engine: str, which: str) -> Iterator[OpenCase]:
    if engine == "sqlite":
        path: Path = request.getfixturevalue("demo_case_path" if which == "demo" else "empty_case_path")
        with CaseFile.open(path) as case_file:
            yield case_file
        return
    cases: ServerCases = request.getfixturevalue("server_cases")
    with cases.open(which) as case:
        yield case


@pytest.fixture
def empty_case(request: pytest.FixtureRequest, engine_name: str) -> Iterator[OpenCase]:
    yield from _case(request, engine_name, "case")


@pytest.fixture
def demo_case(request: pytest.FixtureRequest, engine_name: str) -> Iterator[OpenCase]:
    yield from _case(request, engine_name, "demo")
