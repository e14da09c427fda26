"""`casefile server init/new/list`: preparing a database and creating cases, with one-line refusals."""

from __future__ import annotations

import sys

import pytest
from sqlalchemy import text

from casefile.services import audit, case, records, search
from casefile.storage import migrate
from casefile.storage.server import ServerCase, init_database, make_server_engine
from tests.cli.conftest import RunCli
from tests.postgres import TestServer


def test_init_new_and_list(cli: RunCli, database: str) -> None:
    assert cli("server", "init", database).code == 0
    assert cli("server", "init", database).code == 0  # a second run changes nothing
    run = cli("server", "new", database, "mongolia", "--title", 'Путин <b>in</b> Монгол Улс & "friends"')
    assert run.code == 0, run.err
    assert cli("server", "new", database, "hungary", "--title", "Netanyahu in Hungary").code == 0
    assert cli("server", "list", database).out.split() == ["hungary", "mongolia"]
    with ServerCase.open(database, "mongolia") as opened, opened.reading() as session:
        assert case.the_case(session)["title"] == 'Путин <b>in</b> Монгол Улс & "friends"'
        assert [h.label for h in search.search(session, "монгол")] == ['Путин <b>in</b> Монгол Улс & "friends"']


def test_a_case_name_is_used_once(cli: RunCli, database: str) -> None:
    cli("server", "init", database)
    cli("server", "new", database, "mongolia", "--title", "One")
    cli("server", "new", database, "mongolia", "--title", "Two").assert_user_error("already has a case named")


@pytest.mark.parametrize("name", ["Mongolia", "1case", "case-one", "x" * 41, "монгол", "a;drop"])
def test_a_case_name_that_cannot_be_a_schema_is_refused(cli: RunCli, database: str, name: str) -> None:
    cli("server", "init", database)
    cli("server", "new", database, name, "--title", "T").assert_user_error("is not a server case name")


def test_a_database_not_prepared_says_how_to_prepare_it(cli: RunCli, database: str) -> None:
    cli("server", "new", database, "mongolia", "--title", "T").assert_user_error(
        "is not prepared for Casefile", "casefile server init"
    )


def test_an_unreachable_server_is_one_line_without_sql(cli: RunCli, pg_server: TestServer) -> None:
    url = f"postgresql://nobody@localhost:{pg_server.port + 1}/none?connect_timeout=2"
    run = cli("server", "list", url)
    run.assert_user_error("could not reach the case's server", "pgpass")
    assert "SELECT" not in run.err


def test_a_missing_database_and_a_missing_case_are_named(cli: RunCli, pg_server: TestServer, database: str) -> None:
    cli("server", "list", pg_server.url("no_such_db")).assert_user_error('database "no_such_db" does not exist')
    cli("server", "init", database)
    with pytest.raises(Exception, match="has no case named 'ghost'"):
        ServerCase.open(database, "ghost")


def test_a_malformed_url_is_the_users_mistake(cli: RunCli, pg_server: TestServer) -> None:
    cli("server", "list", "postgresql://x@/db?nonsense=1").assert_user_error("not a PostgreSQL URL")


def test_without_the_server_extra_the_command_says_how_to_install_it(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if psycopg were not installed
    cli("server", "list", "postgresql://localhost/db").assert_user_error("casefile[server]")


def test_a_database_without_a_utf8_locale_is_refused_with_the_statement_that_makes_one(
    cli: RunCli, pg_server: TestServer
) -> None:
    pg_server.admin("CREATE DATABASE latin ENCODING 'UTF8' LOCALE 'C' TEMPLATE template0")
    try:
        cli("server", "init", pg_server.url("latin")).assert_user_error("Casefile needs UTF-8", "ENCODING 'UTF8'")
    finally:
        pg_server.drop_database("latin")


def test_an_older_server_case_is_refused_until_upgraded_and_the_upgrade_is_audited(cli: RunCli, database: str) -> None:
    init_database(database)
    engine = make_server_engine(database, "case_old")
    with engine.begin() as conn:  # a case written by a Casefile at schema revision 3
        conn.execute(text('CREATE SCHEMA "case_old"'))
        migrate.upgrade(conn, "0003")
        conn.execute(
            text("INSERT INTO records (id, kind, created_at, updated_at) VALUES ('o1', 'organisation', now(), now())")
        )
        conn.execute(text("INSERT INTO organisations (id, name) VALUES ('o1', 'Office of the Prosecutor')"))
    engine.dispose()
    with pytest.raises(Exception, match="older schema revision") as refused:
        ServerCase.open(database, "old")
    assert "casefile server upgrade" in str(refused.value)
    run = cli("server", "upgrade", database, "old")
    assert run.code == 0, run.err
    assert "from schema revision 3 to 4" in run.out
    assert "already at schema revision 4" in cli("server", "upgrade", database, "old").out
    with ServerCase.open(database, "old") as opened, opened.unit_of_work() as session:
        (entry,) = audit.entries(session)
        assert (entry.action, entry.actor, entry.details()["from_revision"]) == ("migrate", "postgres", 3)
        assert records.get(session, "o1").values["icc_organ"] is False
        precedent_table = session.execute(text("SELECT to_regclass('precedents')")).scalar()
    assert precedent_table == "precedents"
