"""The exact schema each revision of Casefile writes, to tell our files from tampered ones.

A case file can carry triggers, views and altered tables that run code when the app reads or
writes (a trigger that rewrites a hash, a view that shows fabricated names). Comparing every
object in sqlite_schema, SQL text included, with the schema we ship for that revision refuses
all of them before the normal engine ever runs a statement on the file.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from importlib import resources

# (type, name, tbl_name, sql) of one row of sqlite_schema; sql is None for automatic indexes.
SchemaObject = tuple[str, str, str, str | None]

# Objects SQLite itself adds (ANALYZE, AUTOINCREMENT), always with this exact SQL. They hold
# statistics and counters, never code, so a file that has them is still ours.
SQLITE_INTERNAL: frozenset[SchemaObject] = frozenset(
    {
        ("table", "sqlite_sequence", "sqlite_sequence", "CREATE TABLE sqlite_sequence(name,seq)"),
        ("table", "sqlite_stat1", "sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
        ("table", "sqlite_stat4", "sqlite_stat4", "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)"),
    }
)

_DATA_PACKAGE = "casefile.storage.fingerprints"


def read_schema(conn: sqlite3.Connection) -> frozenset[SchemaObject]:
    """Every object of the main database, minus SQLite's own statistics tables."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM main.sqlite_schema").fetchall()
    return frozenset((str(t), str(n), str(tbl), None if sql is None else str(sql)) for t, n, tbl, sql in rows) - (
        SQLITE_INTERNAL
    )


@cache
def shipped(revision: int) -> frozenset[SchemaObject] | None:
    """The schema Casefile writes at `revision`, or None for a revision we never shipped."""
    resource = resources.files(_DATA_PACKAGE).joinpath(f"rev{revision}.json")
    if not resource.is_file():
        return None
    rows = json.loads(resource.read_text(encoding="utf-8"))
    return frozenset((t, n, tbl, sql) for t, n, tbl, sql in rows)


def to_json(objects: frozenset[SchemaObject]) -> str:
    """The stable text form the shipped fingerprints are stored in (sorted, one object a line)."""
    ordered = sorted(objects, key=lambda o: (o[0], o[1]))
    return "[\n" + ",\n".join(json.dumps(list(o), ensure_ascii=False) for o in ordered) + "\n]\n"


@dataclass(frozen=True)
class SchemaDifference:
    """How a file's schema departs from the one shipped for its revision."""

    missing_tables: tuple[str, ...]
    unexpected: tuple[tuple[str, str], ...]  # (type, name) of objects we never create
    altered: tuple[tuple[str, str], ...]  # (type, name) of our objects with different SQL
    missing_other: tuple[tuple[str, str], ...]  # (type, name) of our indexes etc. that are gone

    @property
    def empty(self) -> bool:
        return not (self.missing_tables or self.unexpected or self.altered or self.missing_other)

    def describe(self) -> str:
        parts = []
        if self.missing_tables:
            parts.append(f"is missing tables: {', '.join(self.missing_tables)}")
        if self.unexpected:
            parts.append(f"contains objects Casefile never creates: {_named(self.unexpected)}")
        if self.altered:
            parts.append(f"has altered definitions of {_named(self.altered)}")
        if self.missing_other:
            parts.append(f"is missing {_named(self.missing_other)}")
        return "; ".join(parts)


def compare(actual: frozenset[SchemaObject], expected: frozenset[SchemaObject]) -> SchemaDifference:
    have = {(o[0], o[1]): o for o in actual}
    want = {(o[0], o[1]): o for o in expected}
    missing = sorted(set(want) - set(have))
    return SchemaDifference(
        missing_tables=tuple(name for kind, name in missing if kind == "table"),
        unexpected=tuple(sorted(set(have) - set(want))),
        altered=tuple(sorted(key for key in set(have) & set(want) if have[key] != want[key])),
        missing_other=tuple(key for key in missing if key[0] != "table"),
    )


def _named(objects: tuple[tuple[str, str], ...]) -> str:
    return ", ".join(f"{kind} '{name}'" for kind, name in objects)
