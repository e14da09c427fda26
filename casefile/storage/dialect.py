"""The few statements that differ between a case file (SQLite) and a server case (PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

POSTGRESQL = "postgresql"


def dialect_name(db: Session | Connection) -> str:
    bind = db.get_bind() if isinstance(db, Session) else db
    return bind.dialect.name


def on_server(db: Session | Connection) -> bool:
    return dialect_name(db) == POSTGRESQL


def defer_foreign_keys(db: Session | Connection) -> None:
    """Check references at commit rather than at each statement, for the rest of this transaction.

    A load or merge inserts records that name each other in any order. A server case's foreign keys are
    DEFERRABLE INITIALLY IMMEDIATE (migrations/env.py), so they behave like SQLite's until deferred here.
    """
    if on_server(db):
        db.execute(text("SET CONSTRAINTS ALL DEFERRED"))
    else:
        db.execute(text("PRAGMA defer_foreign_keys = ON"))
