"""Constants that identify a Casefile database and its revision."""

from __future__ import annotations

# PRAGMA application_id: the ASCII bytes "CFIL", so `file` and hex dumps name us.
APPLICATION_ID = 0x4346494C

# Our schema revision, also kept in PRAGMA user_version so it can be read from the raw
# header of a file without trusting the database inside it.
SCHEMA_REVISION = 4

# Alembic revision id of each schema revision, oldest first.
ALEMBIC_REVISIONS = {1: "0001", 2: "0002", 3: "0003", 4: "0004"}
HEAD_REVISION = ALEMBIC_REVISIONS[SCHEMA_REVISION]

# Tables each revision added, so that an older file is checked against the tables it should have.
TABLES_ADDED = {2: frozenset({"audit_log", "attachments"}), 4: frozenset({"status_corrections", "precedents"})}


def tables_added_after(revision: int) -> frozenset[str]:
    return frozenset(t for rev, tables in TABLES_ADDED.items() if rev > revision for t in tables)


# The full-text index lives outside the ORM metadata: Alembic and `alembic check` skip it.
FTS_TABLE = "search_index"
FTS_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "record_id UNINDEXED, kind UNINDEXED, body, "
    "tokenize = 'unicode61 remove_diacritics 2')"
)
# A server case's search index: the same rows in a plain table, with a tsvector PostgreSQL computes under
# this text search configuration (unaccent, then simple), which `casefile server init` creates.
SHARED_SCHEMA = "casefile"
TS_CONFIG = f"{SHARED_SCHEMA}.folded"
# Characters a server case's index reads as spaces (migration 0001 has a frozen copy): each would make
# PostgreSQL's parser take a tag, entity, URL, e-mail, file name or signed number as one token, or drop it,
# where unicode61 splits words at it.
TS_SEPARATORS = "<>&/@._\\~?=#%+-:"
FTS_SHADOW_SUFFIXES = ("", "_data", "_idx", "_content", "_docsize", "_config")


def is_fts_table(name: str) -> bool:
    return any(name == FTS_TABLE + suffix for suffix in FTS_SHADOW_SUFFIXES)
