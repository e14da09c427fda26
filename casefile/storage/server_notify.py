"""Live updates on a server case: every committed change is announced to whoever listens (LISTEN/NOTIFY).

Each change appends an audit row in the same transaction, so a trigger on audit_log announces it: the
row's number, action, record, kind and who. PostgreSQL delivers a notification only when its
transaction commits, in commit order, so a listener never hears of a change that was rolled back.
The payload holds ids and the database user, never a field's value, so listening shows no one a name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

_FUNCTION = "casefile_announce"


def create_trigger(conn: Connection, schema: str) -> None:
    """The trigger that announces every audit row on the case's channel (its schema's name)."""
    conn.execute(text(f"""
        CREATE FUNCTION "{schema}".{_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify(TG_TABLE_SCHEMA, json_build_object(
                'seq', NEW.seq, 'action', NEW.action, 'record_id', NEW.record_id, 'kind', NEW.kind,
                'actor', NEW.actor)::text);
            RETURN NULL;
        END $$
    """))  # fmt: skip
    conn.execute(text(
        f'CREATE TRIGGER announce AFTER INSERT ON "{schema}".audit_log '
        f'FOR EACH ROW EXECUTE FUNCTION "{schema}".{_FUNCTION}()'
    ))  # fmt: skip


@dataclass(frozen=True)
class Notice:
    """One committed change to the case, as its audit row names it."""

    seq: int
    action: str
    record_id: str | None
    kind: str | None
    actor: str | None
    # The server process that made the change: a window tells its own changes from others' by it.
    pid: int = field(default=0, compare=False)


class Listener:
    """A connection of its own that hears the case's changes; fileno() lets a GUI wait on it without a thread."""

    def __init__(self, url: str, name: str) -> None:
        from casefile.storage.server import connect, schema_for  # server.py creates the trigger: imports that way

        self._conn: Any = connect(url, autocommit=True)
        self._conn.execute(f'LISTEN "{schema_for(name)}"')

    def fileno(self) -> int:
        return int(self._conn.fileno())

    def notices(self, timeout: float = 0.0) -> list[Notice]:
        """What was committed since the last call, waiting up to timeout seconds for the first."""
        found = []
        for message in self._conn.notifies(timeout=timeout, stop_after=None if timeout == 0 else 1):
            found.append(Notice(**json.loads(message.payload), pid=int(message.pid)))
        if found and timeout:
            found += self.notices(0.0)
        return found

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
