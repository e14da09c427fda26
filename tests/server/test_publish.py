"""`casefile publish`: a case file becomes a server case with every id, time, attachment and audit row kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from casefile.domain.audit import Action
from casefile.domain.kinds import Kind
from casefile.services import attachments, audit, interchange, records, search
from casefile.storage import search_index
from casefile.storage.casefile import CaseFile
from casefile.storage.server import ServerCase, case_names, init_database
from casefile.storage.server_publish import publish
from tests.cli.conftest import RunCli

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def _document(case: CaseFile | ServerCase) -> dict[str, object]:
    with case.reading() as session:
        return interchange.to_document(session)


def _with_attachment(path: Path) -> str:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        source = records.list_records(session, Kind.SOURCE)[0].id
        return attachments.attach(session, source, "отчёт <b>&</b>.pdf", PDF).id


def test_publish_keeps_ids_times_values_attachments_and_the_audit_chain(
    cli: RunCli, demo_case_path: Path, database: str
) -> None:
    attachment = _with_attachment(demo_case_path)
    with CaseFile.open(demo_case_path, read_only=True) as case_file:
        document = _document(case_file)
        with case_file.reading() as session:
            file_log = audit.entries(session)
    cli("server", "init", database)
    run = cli("publish", demo_case_path, database, "--name", "mongolia")
    assert run.code == 0, run.err
    assert "as the case 'mongolia'" in run.out and "1 attachment(s)" in run.out
    with ServerCase.open(database, "mongolia") as server_case:
        assert _document(server_case) == document
        with server_case.reading() as session:
            server_log = audit.entries(session)
            assert audit.verify_chain(session) is None
            assert attachments.verify(session) == []
            _, data = attachments.read_verified(session, attachment)
            assert search.search(session, "путин")
    assert data == PDF
    assert server_log[:-1] == file_log  # every row as written, hashes and times included
    assert (server_log[-1].action, server_log[-1].actor) == (Action.PUBLISH, "postgres")
    assert server_log[-1].details()["file"] == "demo.casefile"


def test_new_rows_continue_after_the_published_ones(demo_case_path: Path, database: str, cli: RunCli) -> None:
    cli("server", "init", database)
    assert cli("publish", demo_case_path, database).code == 0  # named after the file: "demo"
    with ServerCase.open(database, "demo") as server_case:
        with server_case.unit_of_work() as session:
            person = records.create(session, Kind.PERSON, {"name": "Новый Свидетель"})
        with server_case.reading() as session:
            seqs = session.execute(text("SELECT max(seq) FROM records")).scalar_one()
            mine = session.execute(text("SELECT seq FROM records WHERE id = :id"), {"id": person.id}).scalar_one()
            assert audit.verify_chain(session) is None
    assert mine == seqs


def test_a_connection_lost_mid_publish_leaves_no_case(
    demo_case_path: Path, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_database(database)

    def killed(conn: object) -> None:  # after every row is copied, before the index and the commit
        conn.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))  # type: ignore[attr-defined]

    monkeypatch.setattr(search_index, "rebuild", killed)
    with pytest.raises(Exception, match="could not reach the case's server"):
        publish(demo_case_path, database, "mongolia")
    assert case_names(database) == []


def test_a_name_already_taken_is_refused_and_nothing_changes(cli: RunCli, demo_case_path: Path, database: str) -> None:
    cli("server", "init", database)
    cli("server", "new", database, "demo", "--title", "Another case")
    cli("publish", demo_case_path, database).assert_user_error("already has a case named 'demo'")
    with ServerCase.open(database, "demo") as server_case, server_case.reading() as session:
        assert records.list_records(session, Kind.CASE)[0].values["title"] == "Another case"


def test_a_file_name_that_makes_no_case_name_asks_for_one(cli: RunCli, tmp_path: Path, database: str) -> None:
    path = tmp_path / "Монгол.casefile"
    CaseFile.create(path, "T").close()
    cli("publish", path, database).assert_user_error("--name")
