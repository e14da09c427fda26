"""Working offline: checkout makes a file that remembers its server case; sync exchanges changes both ways."""

from __future__ import annotations

from pathlib import Path

from casefile.domain.kinds import Kind
from casefile.services import audit, records
from casefile.storage.casefile import CaseFile
from casefile.storage.server import ServerCase
from tests.cli.conftest import RunCli
from tests.postgres import TestServer


def _server_case(cli: RunCli, database: str, demo_case_path: Path) -> None:
    cli("server", "init", database)
    assert cli("publish", demo_case_path, database, "--name", "mongolia").code == 0


def _changed_on_both_sides(cli: RunCli, database: str, demo_case_path: Path, tmp_path: Path) -> tuple[Path, str]:
    """A checked-out file and its server case, each with its own new notes on the same person."""
    _server_case(cli, database, demo_case_path)
    local = tmp_path / "offline.casefile"
    cli("checkout", database, "mongolia", local)
    with CaseFile.open(local) as copy, copy.unit_of_work() as session:
        person = records.list_records(session, Kind.PERSON)[0].id
        records.update_fields(session, person, {"notes": "мой вариант"})
    with ServerCase.open(database, "mongolia") as server, server.unit_of_work() as session:
        records.update_fields(session, person, {"notes": "their version"})
    return local, person


def _names(case: CaseFile | ServerCase) -> dict[str, str]:
    with case.reading() as session:
        return {r.id: r.values["name"] for r in records.list_records(session, Kind.PERSON)}


def test_checkout_copies_every_row_and_keeps_no_password(
    cli: RunCli, database: str, demo_case_path: Path, tmp_path: Path
) -> None:
    _server_case(cli, database, demo_case_path)
    local = tmp_path / "offline.casefile"
    run = cli("checkout", database + "&password=secret", "mongolia", local)
    assert run.code == 0, run.err
    with ServerCase.open(database, "mongolia") as server, CaseFile.open(local, read_only=True) as copy:
        assert _names(copy) == _names(server)
        with copy.reading() as session:
            assert audit.verify_chain(session) is None
            assert audit.entries(session)[-1].action == "copy"
    assert b"secret" not in local.read_bytes()
    assert cli("check", local).code == 0


def test_sync_sends_mine_and_brings_theirs(cli: RunCli, database: str, demo_case_path: Path, tmp_path: Path) -> None:
    _server_case(cli, database, demo_case_path)
    local = tmp_path / "offline.casefile"
    cli("checkout", database, "mongolia", local)
    with CaseFile.open(local) as copy, copy.unit_of_work() as session:
        mine = records.create(session, Kind.PERSON, {"name": "Offline Свидетель <b>&</b>"})
    with ServerCase.open(database, "mongolia") as server, server.unit_of_work() as session:
        theirs = records.create(session, Kind.PERSON, {"name": "Online שָׁלוֹם 王伟"})
    run = cli("sync", local)
    assert run.code == 0, run.out + run.err
    assert "sent 1 record(s), received 1" in run.out
    with ServerCase.open(database, "mongolia") as server, CaseFile.open(local, read_only=True) as copy:
        assert _names(server) == _names(copy)
        assert {mine.id, theirs.id} <= set(_names(server))
        with server.reading() as session:
            assert audit.verify_chain(session) is None
    assert "sent 0 record(s), received 0" in cli("sync", local).out  # nothing new either way


def test_a_field_changed_on_both_sides_is_a_conflict_until_settled_either_way(
    cli: RunCli, database: str, demo_case_path: Path, tmp_path: Path
) -> None:
    local, person = _changed_on_both_sides(cli, database, demo_case_path, tmp_path)
    run = cli("sync", local)
    assert run.code == 1 and "in conflict: person" in run.out and "nothing was synced" in run.out
    with ServerCase.open(database, "mongolia") as server, server.reading() as session:
        assert records.get(session, person).values["notes"] == "their version"  # nothing overwritten
    assert cli("sync", local, "--prefer", "theirs").code == 0
    with CaseFile.open(local, read_only=True) as copy, copy.reading() as session:
        assert records.get(session, person).values["notes"] == "their version"


def test_keeping_mine_sends_the_files_version(cli: RunCli, database: str, demo_case_path: Path, tmp_path: Path) -> None:
    local, person = _changed_on_both_sides(cli, database, demo_case_path, tmp_path)
    assert cli("sync", local, "--prefer", "mine").code == 0
    with ServerCase.open(database, "mongolia") as server, server.reading() as session:
        assert records.get(session, person).values["notes"] == "мой вариант"


def test_a_file_never_checked_out_has_nothing_to_sync(cli: RunCli, empty_case_path: Path) -> None:
    cli("sync", empty_case_path).assert_user_error("was not checked out from a server")


def test_an_uncleared_user_cannot_check_out(
    cli: RunCli, database: str, demo_case_path: Path, tmp_path: Path, pg_server: TestServer
) -> None:
    _server_case(cli, database, demo_case_path)
    pg_server.admin("DO $$ BEGIN CREATE ROLE gus LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    cli("server", "grant", database, "mongolia", "gus", "--role", "editor")
    as_gus = database.replace("postgres@", "gus@")
    cli("checkout", as_gus, "mongolia", tmp_path / "x.casefile").assert_user_error("needs the protected grant")
    assert not (tmp_path / "x.casefile").exists()
