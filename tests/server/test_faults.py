"""Faults: the server restarting under an open case, and a connection lost in the middle of a sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from casefile.domain.errors import StorageFailure
from casefile.domain.kinds import Kind
from casefile.services import audit, interchange, records
from casefile.services import merge as merge_service
from casefile.storage.casefile import CaseFile
from casefile.storage.server import ServerCase
from casefile.storage.server_checkout import checkout
from tests.cli.conftest import RunCli
from tests.postgres import TestServer


def test_an_open_case_survives_a_server_restart_and_says_so_while_it_is_down(own_server: TestServer) -> None:
    url = own_server.url("casefile")
    with ServerCase.create(url, "mongolia", "Mongolia") as case:
        with case.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": "До перезапуска"})
        own_server.stop()
        with pytest.raises(StorageFailure, match="could not reach the case's server"), case.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": "Пока сервер стоит"})
        own_server.start()
        with case.unit_of_work() as session:  # the pool finds its old connections dead and opens new ones
            records.create(session, Kind.PERSON, {"name": "После перезапуска"})
        with case.reading() as session:
            names = sorted(r.values["name"] for r in records.list_records(session, Kind.PERSON))
            assert audit.verify_chain(session) is None
    assert names == ["До перезапуска", "После перезапуска"]


def test_a_connection_lost_mid_sync_changes_neither_side(
    cli: RunCli, database: str, demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("server", "init", database)
    cli("publish", demo_case_path, database, "--name", "mongolia")
    local = tmp_path / "offline.casefile"
    checkout(database, "mongolia", local)
    with CaseFile.open(local) as copy, copy.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Offline Свидетель"})
    with ServerCase.open(database, "mongolia") as server, server.reading() as session:
        before = interchange.to_document(session)
    local_bytes = local.read_bytes()
    real_apply = merge_service.apply_merge

    def cut(session: object, plan: object, choices: object) -> object:
        result = real_apply(session, plan, choices)  # type: ignore[arg-type]
        session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))  # type: ignore[attr-defined]
        return result

    monkeypatch.setattr("casefile.jobs.server_sync.apply_merge", cut)
    cli("sync", local).assert_user_error("could not reach the case's server")
    with ServerCase.open(database, "mongolia") as server, server.reading() as session:
        assert interchange.to_document(session) == before
    assert local.read_bytes() == local_bytes
