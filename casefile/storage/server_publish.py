"""Publishing a case file to a server: every row as it is (UUIDs, timestamps, attachments, the audit chain).

One PostgreSQL transaction creates the schema, copies the rows, checks them and records the publishing;
a connection lost at any point leaves no half-published case, since PostgreSQL's DDL is transactional too.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, func, select, text

from casefile.domain.audit import Action
from casefile.domain.errors import CaseFileProblem, DamagedCaseFile
from casefile.storage import audit_log, dialect, search_index, server, table_copy
from casefile.storage.casefile import CaseFile
from casefile.storage.failures import translated
from casefile.storage.models import Base
from casefile.storage.schema import SCHEMA_REVISION

# Tables whose integer key PostgreSQL's sequence must continue after the copied rows.
_SERIALS = (("records", "seq"), ("audit_log", "seq"))


def publish(path: Path, url: str, name: str) -> dict[str, int]:
    """Create the server case `name` from the file at path; the rows copied, by table."""
    schema = server.schema_for(name)
    with CaseFile.open(path, read_only=True) as source:
        if source.schema_revision != SCHEMA_REVISION:
            raise CaseFileProblem(
                f"'{path.name}' is at schema revision {source.schema_revision}; this Casefile publishes revision "
                f"{SCHEMA_REVISION}.",
                "Open it in this Casefile once (it is upgraded, with a backup), then publish it.",
            )
        engine = server.make_server_engine(url, schema)
        try:
            with translated(), engine.begin() as conn, source.reading() as reading:
                server.prepare_schema(conn, name, url)
                counts = _copy_all(reading.connection(), conn)
                _check_copy(conn, counts)
                actor = conn.execute(text("SELECT session_user")).scalar_one()
                detail = {"file": path.name, "rows": counts}
                audit_log.append(conn, Action.PUBLISH, actor=actor, detail=detail)
        finally:
            engine.dispose()
    return counts


def _copy_all(source: Connection, target: Connection) -> dict[str, int]:
    dialect.defer_foreign_keys(target)  # attachments derived from later ones, records naming later records
    counts = table_copy.copy_tables(source, target)
    for table_name, column in _SERIALS:
        target.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table_name}', '{column}'), "
                 f"coalesce(max({column}), 1), max({column}) IS NOT NULL) FROM {table_name}")
        )  # fmt: skip
    search_index.rebuild(target)
    return counts


def _check_copy(conn: Connection, counts: dict[str, int]) -> None:
    """Before commit: the same rows, an intact audit chain, and every attachment's bytes matching its SHA-256."""
    for table in Base.metadata.sorted_tables:
        found = conn.execute(select(func.count()).select_from(table)).scalar_one()
        if found != counts[table.name]:
            raise DamagedCaseFile(f"Publishing stopped: {table.name} has {found} rows, not {counts[table.name]}.")
    broken = audit_log.first_break(conn)
    if broken is not None:
        raise DamagedCaseFile(f"The case's audit trail does not verify ({broken}), so it was not published.",
                              "Run 'casefile check' on the file.")  # fmt: skip
    bad = conn.execute(text("SELECT count(*) FROM attachments WHERE encode(sha256(data), 'hex') <> sha256")).scalar()
    if bad:
        raise DamagedCaseFile(f"{bad} attachment(s) do not match their SHA-256, so the case was not published.",
                              "Run 'casefile check' on the file.")  # fmt: skip
