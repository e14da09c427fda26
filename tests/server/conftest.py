"""Fixtures for the server tests: an empty database on the throwaway server, and the CLI runner."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.cli.conftest import cli  # noqa: F401  (the CLI runner, shared)
from tests.postgres import TestServer
from tests.ui.conftest import errors_shown, settings, window  # noqa: F401  (the real window, for tests/server/test_window_*)


@pytest.fixture
def database(pg_server: TestServer) -> Iterator[str]:
    """The URL of a new, empty database (not yet prepared by `casefile server init`), dropped afterwards."""
    name = pg_server.new_database()
    try:
        yield pg_server.url(name)
    finally:
        pg_server.drop_database(name)
