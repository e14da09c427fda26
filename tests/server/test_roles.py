"""What each role may do on a server case, shown with plain SQL (psycopg, not Casefile): PostgreSQL refuses.

One case holds a protected witness, an unprotected official, and a quote, a note and audit rows that
name the witness. Login roles: a reader, an editor, an admin, and a reader cleared for protected persons.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from casefile.cli.main import main
from casefile.domain.errors import AccessRefused
from casefile.domain.kinds import Kind
from casefile.services import attachments, audit, records, search
from casefile.storage.server import ServerCase, init_database
from casefile.storage.server_roles import masked_schema
from tests.cli.conftest import RunCli
from tests.postgres import TestServer

# The server extra's driver: without it (the plain test environment) these tests skip, as the other server tests do.
psycopg = pytest.importorskip("psycopg", reason="uv sync --extra test --extra server runs the role tests")

WITNESS = "Ханна Коэн"  # fictional
OFFICIAL = "Dorj Batbayar"  # fictional
CASE, SCHEMA, MASKED = "mongolia", "case_mongolia", masked_schema("mongolia")
USERS = {"anna": "reader", "boris": "editor", "chen": "admin", "dana": "reader"}


@dataclass(frozen=True)
class Setup:
    server: TestServer
    database: str
    url: str
    witness: str
    official: str
    quote: str

    def as_user(self, user: str) -> psycopg.Connection[Any]:
        return psycopg.connect(self.server.url(self.database, user), autocommit=True)


@pytest.fixture(scope="module")
def setup(pg_server: TestServer) -> Iterator[Setup]:
    database = pg_server.new_database()
    url = pg_server.url(database)
    init_database(url)
    with ServerCase.create(url, CASE, "Putin in Mongolia") as case, case.unit_of_work() as session:
        witness = records.create(
            session, Kind.PERSON, {"name": WITNESS, "protected": True, "notes": "lives in Darkhan"}
        )
        official = records.create(session, Kind.PERSON, {"name": OFFICIAL})
        quote = records.create(session, Kind.QUOTE, {"text": f"{WITNESS} saw the plane land.", "speaker": witness.id})
    for user in USERS:
        pg_server.admin(f"DO $$ BEGIN CREATE ROLE {user} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    try:
        yield Setup(pg_server, database, url, witness.id, official.id, quote.id)
    finally:
        pg_server.drop_database(database)


@pytest.fixture(scope="module")
def granted(setup: Setup) -> Setup:
    for user, level in USERS.items():
        extra = ["--protected"] if user == "dana" else []
        assert main(["server", "grant", setup.url, CASE, user, "--role", level, *extra]) == 0
    return setup


def _refused(conn: psycopg.Connection[Any], sql: str, params: tuple[Any, ...] = ()) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(sql, params)  # type: ignore[arg-type]


def _one(conn: psycopg.Connection[Any], sql: str, params: tuple[Any, ...] = ()) -> Any:
    return conn.execute(sql, params).fetchone()[0]  # type: ignore[arg-type, index]


def test_a_reader_reads_and_every_write_is_refused(granted: Setup) -> None:
    with granted.as_user("anna") as conn:
        assert _one(conn, f"SELECT count(*) FROM {SCHEMA}.records") >= 4
        _refused(
            conn,
            f"INSERT INTO {SCHEMA}.records (id, kind, created_at, updated_at) VALUES ('x', 'person', now(), now())",
        )
        _refused(conn, f"UPDATE {SCHEMA}.quotes SET text = 'changed'")
        _refused(conn, f"DELETE FROM {SCHEMA}.links")
        _refused(conn, f"UPDATE {SCHEMA}.records SET deleted_at = now()")
        _refused(
            conn,
            f"INSERT INTO {SCHEMA}.audit_log (at, action, detail, prev_hash, hash) VALUES (now(), 'x', '', '', '')",
        )
        _refused(conn, f'GRANT "{role_name_of(granted, "reader")}" TO boris')


def test_an_editor_writes_records_but_not_the_audit_trail_nor_stored_evidence(granted: Setup) -> None:
    with granted.as_user("boris") as conn:
        with conn.transaction(force_rollback=True):
            conn.execute(f"UPDATE {SCHEMA}.quotes SET notes = 'checked' WHERE id = %s", (granted.quote,))
            conn.execute(
                f"INSERT INTO {SCHEMA}.records (id, kind, created_at, updated_at) VALUES ('n', 'state', now(), now())"
            )
        _refused(conn, f"UPDATE {SCHEMA}.audit_log SET actor = 'someone else'")
        _refused(conn, f"DELETE FROM {SCHEMA}.audit_log")
        _refused(conn, f"UPDATE {SCHEMA}.attachments SET data = 'x'")
        _refused(conn, f"DELETE FROM {SCHEMA}.attachments")
        _refused(conn, f"UPDATE {SCHEMA}.alembic_version SET version_num = '0001'")
        _refused(conn, f'GRANT "{role_name_of(granted, "reader")}" TO anna')


def test_an_admin_grants_reader_and_editor_but_not_admin_or_protected(granted: Setup, pg_server: TestServer) -> None:
    pg_server.admin("DO $$ BEGIN CREATE ROLE erin LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    with granted.as_user("chen") as conn:
        conn.execute(f'GRANT "{role_name_of(granted, "editor")}" TO erin')
        conn.execute(f'REVOKE "{role_name_of(granted, "editor")}" FROM erin')
        _refused(conn, f'GRANT "{role_name_of(granted, "admin")}" TO erin')
        _refused(conn, f'GRANT "{role_name_of(granted, "protected")}" TO chen')


def test_without_protected_the_person_table_refuses_identifying_fields(granted: Setup) -> None:
    for user in ("anna", "boris", "chen"):
        with granted.as_user(user) as conn:
            _refused(conn, f"SELECT name FROM {SCHEMA}.persons")
            _refused(conn, f"SELECT * FROM {SCHEMA}.persons WHERE id = %s", (granted.witness,))
            _refused(conn, f"SELECT notes FROM {SCHEMA}.persons")
            _refused(conn, f"SELECT body FROM {SCHEMA}.search_index")
            _refused(conn, f"UPDATE {SCHEMA}.persons SET protected = false WHERE id = %s", (granted.witness,))
            _refused(conn, f"UPDATE {MASKED}.persons SET protected = false WHERE id = %s", (granted.witness,))
            assert _one(conn, f"SELECT protected FROM {SCHEMA}.persons WHERE id = %s", (granted.witness,)) is True
            names = dict(conn.execute(f"SELECT id, name FROM {MASKED}.persons").fetchall())
            assert names[granted.official] == OFFICIAL
            assert names[granted.witness].startswith("Protected person ") and WITNESS not in str(names)
            assert _one(conn, f"SELECT notes FROM {MASKED}.persons WHERE id = %s", (granted.witness,)) is None
            bodies = [row[0] for row in conn.execute(f"SELECT body FROM {MASKED}.search_index")]
            assert not [b for b in bodies if WITNESS in b]


def test_what_a_role_without_protected_can_still_read(granted: Setup) -> None:
    # The database protects the person rows and the search index. The witness's name also stands in the
    # words of a quote and in the audit trail's record of the person's creation; columns that hold any
    # text cannot be cut by whose name is in them, so these stay readable (docs/team-server.md says so).
    with granted.as_user("anna") as conn:
        assert WITNESS in _one(conn, f"SELECT text FROM {SCHEMA}.quotes WHERE id = %s", (granted.quote,))
        details = [row[0] for row in conn.execute(f"SELECT detail FROM {SCHEMA}.audit_log")]
        assert [d for d in details if WITNESS in d and "Darkhan" in d]


def test_protected_lets_a_reader_read_the_names(granted: Setup) -> None:
    with granted.as_user("dana") as conn:
        assert _one(conn, f"SELECT name FROM {SCHEMA}.persons WHERE id = %s", (granted.witness,)) == WITNESS
        _refused(conn, f"UPDATE {SCHEMA}.persons SET notes = 'x'")


def test_casefile_for_a_reader_is_read_only_and_shows_the_pseudonym(granted: Setup) -> None:
    with ServerCase.open(granted.server.url(granted.database, "anna"), CASE) as case:
        assert case.read_only and case.masked and case.actor == "anna"
        with case.reading() as session:
            shown = records.get(session, granted.witness).values
            assert shown["name"].startswith("Protected person ") and shown["notes"] is None
            assert search.search(session, "коэн") == []
            assert [h.id for h in search.search(session, "batbayar")] == [granted.official]
            assert audit.verify_chain(session) is None  # the whole trail stays readable, so it still verifies
        with pytest.raises(AccessRefused, match="does not allow"), case.unit_of_work() as session:
            records.update_fields(session, granted.quote, {"notes": "x"})


def test_casefile_for_a_cleared_reader_shows_the_name(granted: Setup) -> None:
    with ServerCase.open(granted.server.url(granted.database, "dana"), CASE) as case, case.reading() as session:
        assert not case.masked
        assert records.get(session, granted.witness).values["name"] == WITNESS
        assert {h.id for h in search.search(session, "коэн")} == {granted.witness, granted.quote}


def test_casefile_for_an_uncleared_editor_edits_records_but_not_persons(granted: Setup) -> None:
    with ServerCase.open(granted.server.url(granted.database, "boris"), CASE) as case:
        assert case.masked and not case.read_only
        with case.unit_of_work() as session:
            records.update_fields(session, granted.official, {"role_from": "2024-09"})
            state = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
        with pytest.raises(AccessRefused, match="cleared for protected persons"), case.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": "Новый Свидетель"})
        with pytest.raises(AccessRefused, match="cleared for protected persons"), case.unit_of_work() as session:
            records.update_fields(session, granted.official, {"notes": "seen at the airport"})
        with case.reading() as session:
            assert records.get(session, state.id).values["name"] == "Mongolia"
            assert audit.entries(session)[-1].actor == "boris"
            assert audit.verify_chain(session) is None


def test_revoke_takes_all_access(setup: Setup, pg_server: TestServer, cli: RunCli) -> None:
    pg_server.admin("DO $$ BEGIN CREATE ROLE fay LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    assert cli("server", "grant", setup.url, CASE, "fay", "--role", "editor", "--protected").code == 0
    assert "no longer has editor, protected" in cli("server", "revoke", setup.url, CASE, "fay").out
    with psycopg.connect(pg_server.url(setup.database, "fay"), autocommit=True) as conn:
        _refused(conn, f"SELECT count(*) FROM {SCHEMA}.records")


def role_name_of(setup: Setup, level: str) -> str:
    with psycopg.connect(setup.url) as conn:
        tag = conn.execute("SELECT tag FROM casefile.database_tag").fetchone()[0]  # type: ignore[index]
    return f"cf_{tag}_{CASE}_{level}"


def test_an_uncleared_editor_saving_a_record_that_names_a_protected_person(granted: Setup) -> None:
    # The save goes through, and its search entry replaces the old one; the entry is written from what
    # this editor may read, so it holds the pseudonym: a cleared user's search by the real name finds the
    # record by its own words (the quote's text) but no longer by the speaker's name, until a cleared user
    # saves it again (docs/team-server.md says so).
    with ServerCase.open(granted.server.url(granted.database, "boris"), CASE) as case:
        with case.unit_of_work() as session:
            records.update_fields(session, granted.quote, {"notes": "checked against the recording"})
            records.update_fields(session, granted.witness, {"role_from": "2024-09"})
    with ServerCase.open(granted.server.url(granted.database, "dana"), CASE) as case, case.reading() as session:
        assert {h.id for h in search.search(session, "коэн")} == {granted.quote}  # not the witness's own entry
        assert {h.id for h in search.search(session, "recording")} == {granted.quote}
        assert records.get(session, granted.witness).values["name"] == WITNESS  # the person itself is untouched
    granted.server.admin("DO $$ BEGIN CREATE ROLE hana LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    assert main(["server", "grant", granted.url, CASE, "hana", "--role", "editor", "--protected"]) == 0
    with ServerCase.open(granted.server.url(granted.database, "hana"), CASE) as case, case.unit_of_work() as session:
        records.update_fields(session, granted.witness, {"role_to": "2025-01"})  # a cleared save: the name is back
    with ServerCase.open(granted.server.url(granted.database, "dana"), CASE) as case, case.reading() as session:
        assert {h.id for h in search.search(session, "коэн")} == {granted.quote, granted.witness}


def test_granting_to_a_user_the_server_does_not_know_is_one_line(setup: Setup, cli: RunCli) -> None:
    cli("server", "grant", setup.url, CASE, "nobody_here", "--role", "reader").assert_user_error(
        'role "nobody_here" does not exist', "CREATE ROLE"
    )


def test_an_audit_row_naming_someone_else_is_refused_by_the_server(granted: Setup) -> None:
    with granted.as_user("boris") as conn:
        _refused(conn, f"INSERT INTO {SCHEMA}.audit_log (seq, at, actor, action, detail, prev_hash, hash) "
                       "VALUES (100000, now(), 'anna', 'edit', '{}', '', 'x')")  # fmt: skip
    with ServerCase.open(granted.server.url(granted.database, "boris"), CASE) as case:
        with case.unit_of_work() as session:  # Casefile names the database user whatever the caller says
            source = records.create(session, Kind.SOURCE, {"title": "Report"})
            attachments.attach(session, source.id, "r.pdf", b"%PDF-1.4 x", analyst="Someone Else")
        with case.reading() as session:
            assert {e.actor for e in audit.entries(session)[-2:]} == {"boris"}
            assert audit.verify_chain(session) is None
