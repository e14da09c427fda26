"""A case on a PostgreSQL server: one schema per case in one database, behind the same interface as a file.

The URL is handed to libpq as it is (psycopg.connect), so everything libpq offers works unchanged:
sslmode=verify-full and sslrootcert, service files, ~/.pgpass and PGPASSWORD. Casefile never asks for,
stores or shows a password. Each connection's search_path is the case's schema, then the shared schema
`casefile` (the text search configuration), so the services' unqualified SQL reaches the case's tables.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.pool import QueuePool

from casefile.domain.audit import Action
from casefile.domain.errors import (
    AccessRefused,
    CaseFileExists,
    CaseFileNotFound,
    NewerCaseFile,
    StorageFailure,
    ValidationError,
)
from casefile.storage import audit_log, migrate, search_index, server_notify, server_roles
from casefile.storage.casefile import write_new_case
from casefile.storage.engine import json_dumps
from casefile.storage.failures import translated
from casefile.storage.open_case import OpenCase
from casefile.storage.schema import (
    ALEMBIC_REVISIONS,
    FTS_TABLE,
    HEAD_REVISION,
    SCHEMA_REVISION,
    SHARED_SCHEMA,
    TS_CONFIG,
)

# A case's name on the server: also its schema's name after the prefix, and its roles' names.
CASE_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
SCHEMA_PREFIX = "case_"


def require_driver() -> ModuleType:
    """psycopg, or one line saying how to install it: the plain install does without it."""
    try:
        # By name: the test environment, where mypy runs, has no server extra to read psycopg's types from.
        return importlib.import_module("psycopg")
    except ImportError:
        raise StorageFailure(
            "Casefile's PostgreSQL support is not installed.",
            "Install it with: pip install 'casefile[server]' (from a checkout: uv sync --extra server).",
        ) from None


def schema_for(name: str) -> str:
    if not CASE_NAME.fullmatch(name):
        raise ValidationError.single(
            "case", f"'{name}' is not a server case name: use 1-40 lower-case letters, digits or _, from a letter on"
        )
    return SCHEMA_PREFIX + name


def describe_url(url: str) -> str:
    """Where a URL points, for messages and titles: user, host and database, never a password."""
    psycopg = require_driver()
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError as exc:
        raise ValidationError.single("url", f"this is not a PostgreSQL URL ({exc})") from None
    host = parts.get("host") or parts.get("service") or "local server"
    host = "local server" if str(host).startswith("/") else host
    user = f"{parts['user']}@" if parts.get("user") else ""
    return f"{user}{host}/{parts.get('dbname') or ''}"


def connect(url: str, **kwargs: Any) -> Any:
    """A psycopg connection through libpq, the URL passed as it is; failures in plain words."""
    psycopg = require_driver()
    describe_url(url)  # a malformed URL is the user's mistake, said as such
    with translated():
        return psycopg.connect(url, **kwargs)


def make_server_engine(url: str, schema: str | None = None, masked: str | None = None) -> Engine:
    """An engine whose connections look in this case's schema first, then in the shared one.

    `masked` goes before the case's schema, for a user who may not read protected persons: its views
    of persons and of the search index stand in for the tables (storage.server_roles).
    """
    require_driver()  # before SQLAlchemy loads its psycopg dialect, which would fail in its own words
    schemas = [f'"{s}"' for s in (masked, schema) if s]
    path = ", ".join([*schemas, SHARED_SCHEMA])
    engine = create_engine(
        "postgresql+psycopg://", creator=lambda: connect(url), poolclass=QueuePool, pool_pre_ping=True,
        json_serializer=json_dumps,
    )  # fmt: skip

    @event.listens_for(engine, "connect")
    def _search_path(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"SET search_path TO {path}")
        dbapi_connection.commit()

    return engine


# `casefile server init`: the shared schema, unaccent, and the folding text search configuration.
_INIT = (
    f"CREATE SCHEMA IF NOT EXISTS {SHARED_SCHEMA}",
    f"CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA {SHARED_SCHEMA}",
    f"GRANT USAGE ON SCHEMA {SHARED_SCHEMA} TO PUBLIC",
)
_TOKENS = "asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart"


def init_database(url: str) -> None:
    """Prepare a database for server cases; running it again changes nothing."""
    engine = make_server_engine(url)
    try:
        with translated(), engine.begin() as conn:
            _check_encoding(conn, url)
            for statement in _INIT:
                conn.execute(text(statement))
            server_roles.create_tag_table(conn)
            if not _config_exists(conn):
                conn.execute(text(f"CREATE TEXT SEARCH CONFIGURATION {TS_CONFIG} (COPY = pg_catalog.simple)"))
                conn.execute(
                    text(f"ALTER TEXT SEARCH CONFIGURATION {TS_CONFIG} ALTER MAPPING FOR {_TOKENS} "
                         f"WITH {SHARED_SCHEMA}.unaccent, pg_catalog.simple")
                )  # fmt: skip
    finally:
        engine.dispose()


def _check_encoding(conn: Connection, url: str) -> None:
    """UTF-8 text, and a locale that knows which characters are letters (search splits words by it)."""
    encoding, ctype = conn.execute(
        text("SELECT pg_encoding_to_char(encoding), datctype FROM pg_database WHERE datname = current_database()")
    ).one()
    if encoding != "UTF8" or ctype in ("C", "POSIX"):
        raise StorageFailure(
            f"The database {describe_url(url)} uses encoding {encoding} with locale {ctype}; Casefile needs UTF-8 "
            "text and a UTF-8 locale, so that names in any script are stored and searched as words.",
            "Create it with: CREATE DATABASE casefile ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0",
        )


def _config_exists(conn: Connection) -> bool:
    query = "SELECT 1 FROM pg_ts_config WHERE cfgname = 'folded' AND cfgnamespace = CAST(:s AS regnamespace)"
    return conn.execute(text(query), {"s": SHARED_SCHEMA}).first() is not None


def is_initialised(conn: Connection) -> bool:
    return conn.execute(text("SELECT to_regnamespace(:s)"), {"s": SHARED_SCHEMA}).scalar() is not None


def case_names(url: str) -> list[str]:
    """The cases in this database that the connecting user may use."""
    engine = make_server_engine(url)
    query = (
        "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, :p) AND has_schema_privilege(oid, 'USAGE') "
        "ORDER BY nspname"
    )
    try:
        with translated(), engine.connect() as conn:
            schemas = conn.execute(text(query), {"p": SCHEMA_PREFIX}).scalars()
            return [schema.removeprefix(SCHEMA_PREFIX) for schema in schemas]
    finally:
        engine.dispose()


class ServerCase(OpenCase):
    """An open server case. The audit trail names the database user (session_user) on every row."""

    def __init__(self, url: str, name: str, engine: Engine, *, read_only: bool, actor: str) -> None:
        super().__init__(engine, read_only=read_only, actor=actor)
        self.url = url
        self.name = name
        self.schema = schema_for(name)
        # True when this user reads persons through the masked view (no `protected` grant).
        self.masked = False
        # The server processes behind this case's connections: a change announced by one of them is this
        # window's own (storage.server_notify.Notice.pid), already shown.
        self.own_pids: set[int] = set()
        event.listen(engine, "checkout", self._note_pid)

    def _note_pid(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        self.own_pids.add(int(dbapi_connection.info.backend_pid))

    @property
    def location(self) -> str:
        return f"{self.name} on {describe_url(self.url)}"

    @classmethod
    def open(cls, url: str, name: str) -> ServerCase:
        """Open a case at this schema revision; refuse one that is missing, older or newer."""
        schema = schema_for(name)
        engine = make_server_engine(url, schema)
        try:
            with translated(), engine.connect() as conn:
                _check_revision(conn, name, url)
                actor, writable = conn.execute(
                    text("SELECT session_user, has_table_privilege('records', 'UPDATE')")
                ).one()
                masked = not server_roles.sees_protected(conn, schema)
        except BaseException:
            engine.dispose()
            raise
        if masked:
            engine.dispose()
            engine = make_server_engine(url, schema, server_roles.masked_schema(name))
        opened = cls(url, name, engine, read_only=not writable, actor=actor)
        opened.masked = masked
        opened.session_info[audit_log.LOGIN_ACTOR] = "yes"
        if masked:
            opened.session_info[search_index.INDEX_TABLE] = f'"{schema}".{FTS_TABLE}'

        return opened

    @classmethod
    def create(cls, url: str, name: str, title: str, **case_fields: str | None) -> ServerCase:
        """A new, empty case in its own schema, built by the same migrations as a file, in one transaction."""
        schema = schema_for(name)
        engine = make_server_engine(url, schema)
        try:
            with translated(), engine.begin() as conn:
                prepare_schema(conn, name, url)
                actor = conn.execute(text("SELECT session_user")).scalar_one()
                write_new_case(conn, title, dict(case_fields), actor)
        finally:
            engine.dispose()
        return cls.open(url, name)


def grant(url: str, name: str, user: str, level: str, *, protected: bool = False) -> None:
    """Give a database user reader, editor or admin on a case (and the protected grant if asked)."""
    _with_roles(url, name, lambda conn: server_roles.grant(conn, name, user, level, protected=protected))


def revoke(url: str, name: str, user: str) -> list[str]:
    """Take every role on a case from a database user; the ones they had."""
    had: list[str] = []
    _with_roles(url, name, lambda conn: had.extend(server_roles.revoke(conn, name, user)))
    return had


def _with_roles(url: str, name: str, change: Any) -> None:
    engine = make_server_engine(url, schema_for(name))
    try:
        with translated(), engine.begin() as conn:
            if not _schema_exists(conn, schema_for(name)):
                raise CaseFileNotFound(f"{describe_url(url)} has no case named '{name}'.", "Check the name.")
            change(conn)
    finally:
        engine.dispose()


def upgrade_case(url: str, name: str) -> tuple[int, int]:
    """Bring a server case to this Casefile's schema revision in one transaction; (from, to) revisions.

    The administrator backs up first (pg_dump): a server has no file to copy beside it. The audit trail
    records the upgrade under the database user who ran it.
    """
    schema = schema_for(name)
    engine = make_server_engine(url, schema)
    try:
        with translated(), engine.begin() as conn:
            if not _schema_exists(conn, schema):
                raise CaseFileNotFound(f"{describe_url(url)} has no case named '{name}'.", "Check the name.")
            found = migrate.current_revision(conn)
            revisions = {alembic: number for number, alembic in ALEMBIC_REVISIONS.items()}
            if found not in revisions:
                raise NewerCaseFile(f"The server case '{name}' was written by a newer Casefile.", "Update Casefile.")
            if found != HEAD_REVISION:
                migrate.upgrade(conn)
                detail = {"from_revision": revisions[found], "to_revision": SCHEMA_REVISION, "backup": "pg_dump"}
                actor = conn.execute(text("SELECT session_user")).scalar_one()
                audit_log.append(conn, Action.MIGRATE, actor=actor, detail=detail)
            return revisions[found], SCHEMA_REVISION
    finally:
        engine.dispose()


def prepare_schema(conn: Connection, name: str, url: str) -> None:
    """A new case's schema at head, with its roles and masked views; in the caller's transaction."""
    _check_new(conn, name, url)
    schema = schema_for(name)
    conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    migrate.upgrade(conn)
    server_roles.create(conn, name, schema)
    server_notify.create_trigger(conn, schema)


def _check_new(conn: Connection, name: str, url: str) -> None:
    if not is_initialised(conn):
        raise StorageFailure(
            f"The database {describe_url(url)} is not prepared for Casefile.", f"Run: casefile server init {url}"
        )
    if _schema_exists(conn, schema_for(name)):
        raise CaseFileExists(f"The server already has a case named '{name}'.", "Choose another name.")


def _schema_exists(conn: Connection, schema: str) -> bool:
    return conn.execute(text("SELECT to_regnamespace(:s)"), {"s": f'"{schema}"'}).scalar() is not None


def _check_revision(conn: Connection, name: str, url: str) -> None:
    if not _schema_exists(conn, schema_for(name)):
        raise CaseFileNotFound(
            f"{describe_url(url)} has no case named '{name}' that you may open.",
            "Check the name (casefile server list shows yours), or ask the case's admin for access.",
        )
    # Without USAGE on the schema the revision table cannot be read, which would look like a missing revision.
    if not conn.execute(text("SELECT has_schema_privilege(:s, 'USAGE')"), {"s": schema_for(name)}).scalar():
        raise AccessRefused(
            f"You have no access to the server case '{name}' on {describe_url(url)}.",
            "Ask the case's admin to grant it (casefile server grant URL CASE USER --role reader|editor).",
        )
    found = migrate.current_revision(conn)
    if found == HEAD_REVISION:
        return
    if found in migrate.known_revisions():
        raise NewerCaseFile(
            f"The server case '{name}' is at an older schema revision ({found}).",
            f"Back it up (pg_dump), then run: casefile server upgrade {url} {name}",
        )
    raise NewerCaseFile(
        f"The server case '{name}' was written by a newer Casefile (schema revision {found}).", "Update Casefile."
    )
