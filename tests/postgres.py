"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl in a folder of its own, removed at the end.

PostgreSQL refuses to run as root, and pytest's temporary folders are closed to other users, so when
the tests run as root (as CI does) the server runs as the `postgres` system user, in a folder that user
owns. It listens on a Unix socket in that folder and on a free port of localhost, and trusts local
connections: the tests check what each role may do, not how it logs in.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ENABLE = (
    "PostgreSQL tests skipped: install PostgreSQL (Debian: apt-get install postgresql) and the server extra "
    "(uv sync --extra test --extra server) to run them."
)
SERVER_USER = "postgres"


def find_bin_dir() -> Path | None:
    """The folder of initdb and pg_ctl: on the PATH, else Debian's versioned folder (newest first)."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _version(p.parent.name)):
        if (folder / "pg_ctl").exists() and (folder / "initdb").exists():
            return folder
    return None


def _version(name: str) -> int:
    return -int(name) if name.isdigit() else 0


def why_not_available() -> str | None:
    """None when a test server can be started here, else the one line saying how to enable the tests."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return ENABLE
    if find_bin_dir() is None:
        return ENABLE
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return ENABLE
    return None


class TestServer:
    """One running cluster; `url(db, user)` gives a libpq URL to connect with."""

    __test__ = False  # not a test class, despite its name

    def __init__(self, bin_dir: Path, folder: Path, port: int) -> None:
        self.bin_dir = bin_dir
        self.folder = folder
        self.port = port
        self.data = folder / "data"

    def url(self, database: str = "postgres", user: str = SERVER_USER) -> str:
        return f"postgresql://{user}@/{database}?host={self.folder}&port={self.port}"

    def tcp_url(self, database: str = "postgres", user: str = SERVER_USER) -> str:
        return f"postgresql://{user}@localhost:{self.port}/{database}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, cwd=self.folder)

    def start(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-m", "fast", "-w", "restart")

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self, template: str | None = None) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        clause = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        self.admin(f"CREATE DATABASE {name}{clause}")
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _install_tls(server: TestServer, certificate: bytes, key: bytes) -> None:
    """The server's certificate and key in its data folder, owned by it; PostgreSQL refuses a key others can read."""
    for name, data in (("server.crt", certificate), ("server.key", key)):
        path = server.data / name
        path.write_bytes(data)
        path.chmod(0o600)
        if os.geteuid() == 0:
            record = pwd.getpwnam(SERVER_USER)
            os.chown(path, record.pw_uid, record.pw_gid)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _owned_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="casefile-pg-"))
    if os.geteuid() == 0:
        record = pwd.getpwnam(SERVER_USER)
        os.chown(folder, record.pw_uid, record.pw_gid)
    folder.chmod(0o700)
    return folder


# Durability is not what these tests check; without fsync a database is created in milliseconds.
_SETTINGS = """
listen_addresses = 'localhost'
port = {port}
unix_socket_directories = '{folder}'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
"""

_HBA = """
local all all trust
host all all 127.0.0.1/32 trust
host all all ::1/128 trust
"""


@contextmanager
def throwaway_server(tls: tuple[bytes, bytes] | None = None) -> Iterator[TestServer]:
    """A running server; with tls (certificate and key, PEM), it also offers TLS connections."""
    bin_dir = find_bin_dir()
    assert bin_dir is not None
    folder = _owned_folder()
    server = TestServer(bin_dir, folder, _free_port())
    try:
        server.run("initdb", "-D", str(server.data), "-U", SERVER_USER, "--encoding=UTF8", "--locale=C.UTF-8",
                   "--auth=trust", "--no-sync")  # fmt: skip
        with (server.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(_SETTINGS.format(port=server.port, folder=folder))
            if tls is not None:
                _install_tls(server, *tls)
                conf.write("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
        (server.data / "pg_hba.conf").write_text(_HBA, encoding="utf-8")
        server.start()
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class ServerCases:
    """Server cases for tests: an empty one ("case") or the demo ("demo"), each in a database of its own.

    A template database holding both is built on first use; copying it takes milliseconds, where building
    a case through the migrations takes about half a second.
    """

    TEMPLATE = "casefile_template"

    def __init__(self, server: TestServer) -> None:
        self.server = server
        self._built = False

    def _build_template(self) -> None:
        from casefile.services import demo
        from casefile.storage.server import ServerCase, init_database

        self.server.admin(f"CREATE DATABASE {self.TEMPLATE}")
        url = self.server.url(self.TEMPLATE)
        init_database(url)
        ServerCase.create(url, "case", "Empty case").close()
        with ServerCase.create(url, "demo", demo.TITLE) as case, case.unit_of_work() as session:
            demo.build_demo(session)
        self._built = True

    @contextmanager
    def database(self) -> Iterator[str]:
        """The URL of a new database holding both template cases, dropped afterwards."""
        if not self._built:
            self._build_template()
        name = self.server.new_database(self.TEMPLATE)
        try:
            yield self.server.url(name)
        finally:
            self.server.drop_database(name)

    @contextmanager
    def open(self, which: str = "case") -> Iterator[Any]:
        from casefile.storage.server import ServerCase

        with self.database() as url, ServerCase.open(url, which) as case:
            yield case


def on_server(case: object) -> bool:
    """Whether a test's case is a server case (the services' fixtures give either)."""
    from casefile.storage.server import ServerCase

    return isinstance(case, ServerCase)


def analyst_of(case: object, file_analyst: str) -> str:
    """Who the audit trail names: on a server case always the database user, whatever Preferences say."""
    return SERVER_USER if on_server(case) else file_analyst
