"""Fixtures for the server tests: an empty database on the throwaway server, and the CLI runner."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.conftest import cli  # noqa: F401  (the CLI runner, shared)
from tests.postgres import TestServer, throwaway_server, why_not_available
from tests.ui.conftest import errors_shown, settings, window  # noqa: F401  (the real window, for tests/server/test_window_*)


@pytest.fixture
def database(pg_server: TestServer) -> Iterator[str]:
    """The URL of a new, empty database (not yet prepared by `casefile server init`), dropped afterwards."""
    name = pg_server.new_database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)


@pytest.fixture
def own_server() -> Iterator[TestServer]:
    """A server of this test's own, with a prepared database `casefile`, since it is stopped and restarted."""
    if why_not_available():
        pytest.skip(why_not_available() or "")
    from casefile.storage.server import init_database

    with throwaway_server() as server:
        server.admin("CREATE DATABASE casefile")
        init_database(server.url("casefile"))
        yield server
