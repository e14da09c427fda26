"""Reading SQLite's own checks into messages, shared by the open-time check and `casefile check`."""

from __future__ import annotations

import sqlite3


def foreign_key_problems(conn: sqlite3.Connection, limit: int) -> list[str]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    problems = [
        f"Foreign key: row {rowid} of table '{table}' points to a missing row of '{parent}'."
        for table, rowid, parent, _fk in rows[:limit]
    ]
    if len(rows) > limit:
        problems.append(f"Foreign key: {len(rows) - limit} more rows point to missing rows.")
    return problems
