"""A throwaway PostgreSQL server for the benchmarks: the tests' own (tests/postgres.py), not a copy of it.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user, in a
folder that user owns; it trusts local connections and runs with fsync off (durability is not what
the benchmarks compare: Casefile and its raw baseline share the server, so the ratio is fair).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.postgres import TestServer


@contextmanager
def throwaway() -> Iterator[TestServer]:
    """A running throwaway server, or exit with the one line saying how to get one."""
    from tests.postgres import throwaway_server, why_not_available

    reason = why_not_available()
    if reason:
        raise SystemExit(reason)
    with throwaway_server() as server:
        yield server


@contextmanager
def database(url: str | None, name: str = "bench") -> Iterator[str]:
    """The URL given, or a new database on a throwaway server that lives as long as the block."""
    if url:
        yield url
        return
    with throwaway() as server:
        server.admin(f"CREATE DATABASE {name}")
        yield server.url(name)
