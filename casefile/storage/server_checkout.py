"""A file copy of a server case to work offline, which remembers where it came from (file_meta)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from casefile.domain.audit import Action
from casefile.domain.errors import AccessRefused, NotACaseFile
from casefile.storage import audit_log, search_index, table_copy
from casefile.storage.casefile import write_file
from casefile.storage.models import FileMetaRow, table_of
from casefile.storage.server import ServerCase, require_driver
from casefile.storage.types import utc_now

ORIGIN_KEY = "server_origin"
_meta = table_of(FileMetaRow)


def url_without_password(url: str) -> str:
    """The URL as libpq reads it, minus any password: what a file may keep."""
    psycopg = require_driver()
    parts = {k: v for k, v in psycopg.conninfo.conninfo_to_dict(url).items() if k != "password"}
    return str(psycopg.conninfo.make_conninfo(**parts))


def checkout(url: str, name: str, path: Path) -> dict[str, int]:
    """Write the whole server case, as stored, to a new file at path; the rows copied, by table."""
    counts: dict[str, int] = {}
    with ServerCase.open(url, name) as case:
        if case.masked:
            raise AccessRefused(
                "A copy to work offline holds every person's name, so it needs the protected grant on this case.",
                "Ask the case's owner (casefile server grant ... --protected), or work on the server.",
            )

        def fill(conn: Connection) -> None:
            with case.reading() as session:
                counts.update(table_copy.copy_tables(session.connection(), conn))
            search_index.rebuild(conn)
            origin = {"url": url_without_password(url), "case": name, "synced_at": utc_now().isoformat()}
            conn.execute(insert(_meta).values(key=ORIGIN_KEY, value=json.dumps(origin)))
            detail = {"from": case.location, "case": name}
            audit_log.append(conn, Action.COPY, actor=case.actor, detail=detail)

        write_file(path, fill)
    return counts


def origin(conn: Connection) -> dict[str, Any]:
    """Where a checked-out file came from; refuses a file that was not checked out."""
    value = conn.execute(select(_meta.c.value).where(_meta.c.key == ORIGIN_KEY)).scalar_one_or_none()
    if value is None:
        raise NotACaseFile(
            "This case file was not checked out from a server, so it has nothing to sync with.",
            "Use casefile merge to bring in a colleague's copy, or casefile publish to put it on a server.",
        )
    return dict(json.loads(value))


def set_synced(conn: Connection, found: dict[str, Any], moment: str) -> None:
    conn.execute(
        update(_meta).where(_meta.c.key == ORIGIN_KEY).values(value=json.dumps({**found, "synced_at": moment}))
    )
