"""Storing and reading the audit log's rows on a session, a Core connection or a bare sqlite3 connection.

Storage owns only the rows; the hash chain's rules live in casefile.domain.audit. Migrations
append here (they run on a Core connection, below the services), and `casefile check` reads
here through a bare connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, String, bindparam, insert, select, text, type_coerce
from sqlalchemy.orm import Session

from casefile.domain.audit import AuditEntry, ChainBreak, canonical_time, next_entry, verify
from casefile.storage.dialect import on_server
from casefile.storage.models import AuditRow, table_of
from casefile.storage.types import utc_now

_audit = table_of(AuditRow)
# Set in session.info by a server case: every row names the connected database user, whoever the caller
# names (services.audit.append), and the server refuses any other name (storage.server_roles).
LOGIN_ACTOR = "actor_is_login"
_COLUMNS = ("seq", "at", "actor", "action", "record_id", "kind", "detail", "prev_hash", "hash")

Database = Session | Connection


def append(
    db: Database,
    action: str,
    *,
    actor: str | None,
    record_id: str | None = None,
    kind: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Add one row after the newest, in the caller's transaction, so it commits with the change it records."""
    serialise_appends(db)
    now = utc_now()
    entry = next_entry(
        last_entry(db), at=now, action=action, actor=actor, record_id=record_id, kind=kind, detail=detail
    )
    values = {name: getattr(entry, name) for name in _COLUMNS}
    db.execute(insert(_audit).values({**values, "at": now}))
    return entry


def append_many(
    db: Database, rows: Iterable[tuple[str, str | None, str | None, Mapping[str, Any] | None]], *, actor: str | None
) -> None:
    """Rows (action, record_id, kind, detail) after the newest, chained in memory and inserted at once.

    The same rows append() would write one by one, without reading the newest row back each time.
    """
    serialise_appends(db)
    now = utc_now()
    previous = last_entry(db)
    values = []
    for action, record_id, kind, detail in rows:
        previous = next_entry(previous, at=now, action=action, actor=actor, record_id=record_id, kind=kind,
                              detail=detail)  # fmt: skip
        values.append({**{name: getattr(previous, name) for name in _COLUMNS}, "at": now})
    if values:
        db.execute(insert(_audit), values)


def serialise_appends(db: Database) -> None:
    """On a server case, one writer at a time appends, until its transaction ends.

    Two analysts saving at once would otherwise both read the same newest row and chain to it, and the
    log would fork. A transaction-scoped advisory lock, keyed by the case's schema, makes the second wait
    for the first to commit or roll back; under READ COMMITTED its next statement then sees the new row.
    A case file needs none: SQLite lets one writer at a time in.
    """
    if on_server(db):
        db.execute(text("SELECT pg_advisory_xact_lock(:space, hashtext(current_schema()))"), {"space": _AUDIT_LOCKS})


# The first half of the advisory lock's key: "audit" (so other uses of advisory locks never collide with it).
_AUDIT_LOCKS = 0x61756474


def last_entry(db: Database) -> AuditEntry | None:
    row = db.execute(_select().order_by(_audit.c.seq.desc()).limit(1)).first()
    return None if row is None else entry_from_row(tuple(row))


def entries(db: Database, record_ids: Sequence[str] | None = None) -> list[AuditEntry]:
    """Rows oldest first; only those about the given records when record_ids is given."""
    query = _select().order_by(_audit.c.seq)
    if record_ids is not None:
        query = query.where(_audit.c.record_id.in_(bindparam("ids", expanding=True)))
        return [entry_from_row(tuple(r)) for r in db.execute(query, {"ids": list(record_ids)})]
    return [entry_from_row(tuple(r)) for r in db.execute(query)]


def first_break(db: Database) -> ChainBreak | None:
    return verify(entry_from_row(tuple(r)) for r in db.execute(_select().order_by(_audit.c.seq)))


def first_break_raw(conn: sqlite3.Connection) -> ChainBreak | None:
    """The same check on a bare sqlite3 connection, as `casefile check` uses."""
    cursor = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM audit_log ORDER BY seq")
    return verify(entry_from_row(row) for row in _batches(cursor))


def entry_from_row(row: tuple[Any, ...]) -> AuditEntry:
    seq, at, actor, action, record_id, kind, detail, prev_hash, digest = row
    return AuditEntry(seq, stored_time(at), actor, action, record_id, kind, detail, prev_hash, digest)


def stored_time(value: object) -> str:
    """The canonical text of a stored timestamp; text that is no timestamp stays as it is, and fails the hash."""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    return canonical_time(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def _select() -> Any:
    # `at` is read as the stored text: a tampered value must reach the hash check, not crash the reader.
    columns = [type_coerce(_audit.c.at, String).label("at") if n == "at" else _audit.c[n] for n in _COLUMNS]
    return select(*columns)


def _batches(cursor: sqlite3.Cursor) -> Iterator[tuple[Any, ...]]:
    rows: Iterable[tuple[Any, ...]] = cursor.fetchmany(1000)
    while rows:
        yield from rows
        rows = cursor.fetchmany(1000)
