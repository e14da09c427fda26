"""Shared fixtures: template case files built once per session and copied for each test."""

from __future__ import annotations

import inspect
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests never need a display; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Exports are signed with the analyst's key (casefile/signing.py): tests use a throwaway key,
# never the real one in the user's settings folder.
os.environ["CASEFILE_KEY_DIR"] = tempfile.mkdtemp(prefix="casefile-test-keys-")
# Who the audit trail names (casefile/identity.py): set, so the desktop app's first-run name
# dialog never appears in a test, and every row written in a test has this actor.
os.environ["CASEFILE_ANALYST"] = TEST_ANALYST = "Тест Аналитик <test>"
# Scratch copies of cases (casefile/scratch.py) go to a throwaway folder too.
os.environ["CASEFILE_WORK_DIR"] = tempfile.mkdtemp(prefix="casefile-test-work-")

from casefile import identity
from casefile.jobs.demo import write_demo
from casefile.storage.casefile import CaseFile
from tests.postgres import ENABLE, ServerCases, TestServer, throwaway_server, why_not_available

SEED = Path(__file__).resolve().parents[1] / "resources" / "seed"


@pytest.fixture(autouse=True)
def _the_environment_names_the_analyst() -> Iterator[None]:
    """A name the app chose in one test (Preferences) does not follow into the next."""
    yield
    identity.use(None)


@pytest.fixture(scope="session")
def _template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("templates")
    CaseFile.create(folder / "empty.casefile", "Empty case").close()
    write_demo(folder / "demo.casefile")
    return folder


@pytest.fixture
def empty_case_path(_template_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of an empty, migrated case file."""
    target = tmp_path / "case.casefile"
    shutil.copyfile(_template_dir / "empty.casefile", target)
    return target


@pytest.fixture
def demo_case_path(_template_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo case (Putin in Mongolia)."""
    target = tmp_path / "demo.casefile"
    shutil.copyfile(_template_dir / "demo.casefile", target)
    return target


@pytest.fixture
def empty_case(empty_case_path: Path) -> Iterator[CaseFile]:
    with CaseFile.open(empty_case_path) as case_file:
        yield case_file


@pytest.fixture
def demo_case(demo_case_path: Path) -> Iterator[CaseFile]:
    with CaseFile.open(demo_case_path) as case_file:
        yield case_file


@pytest.fixture
def seed_text() -> str:
    """The seed article, as copied from the shared folder into resources/seed/."""
    return (SEED / "mongolia-visit-2024-09-02.txt").read_text(encoding="utf-8")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Every test skipped for want of PostgreSQL reports the same place, so -ra folds them into one line."""
    report: pytest.TestReport = yield
    if report.skipped and isinstance(report.longrepr, tuple) and ENABLE in str(report.longrepr[2]):
        where = inspect.getsourcefile(why_not_available) or __file__
        report.longrepr = (where, inspect.getsourcelines(why_not_available)[1], report.longrepr[2])
    return report


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TestServer]:
    """A throwaway PostgreSQL server for the whole run (tests/postgres.py); skipped, in one line, without one."""
    reason = why_not_available()
    if reason is not None and os.environ.get("CASEFILE_REQUIRE_POSTGRES"):
        pytest.fail(reason)  # CI sets this: there the PostgreSQL tests must run, never quietly skip
    if reason is not None:
        pytest.skip(reason)
    with throwaway_server() as server:
        yield server


@pytest.fixture(scope="session")
def server_cases(pg_server: TestServer) -> ServerCases:
    """Fresh server cases, each in a database copied from a template built once per run."""
    return ServerCases(pg_server)
