"""Who may do what on a server case, enforced by PostgreSQL: one group role per case and access level.

- reader: reads the case; every write is refused by the database.
- editor: reader, plus adding, changing and (soft-)deleting records. The audit trail is append-only for
  everyone but the case's owner (no UPDATE or DELETE on audit_log), and an attachment's bytes cannot be
  changed (UPDATE only of deleted_at).
- admin: editor, plus granting reader and editor to others (ADMIN OPTION on those two roles).
- Every audit row names the database user who wrote it; the server refuses any other name (a trigger),
  except from the case's owner, who publishes files whose trails name their own analysts.
- protected: may read the identifying fields of persons marked protected. Without it a role reads
  persons only through the view in the case's "masked" schema, where a protected person's name is a
  pseudonym and the other identifying fields are empty; the table itself refuses those columns
  (column privileges). Only the case's owner grants admin and protected, so an admin cannot give
  themselves protected identities.

Role names carry a tag kept in the database (casefile.database_tag), so the same case name in two
databases of one cluster never shares roles, and a restored pg_dump keeps its names.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

from sqlalchemy import Connection, text

from casefile.domain.kinds import FieldType, Kind, spec
from casefile.storage.mapping import column_name, table_for
from casefile.storage.schema import SHARED_SCHEMA

LEVELS = ("reader", "editor", "admin")
PROTECTED = "protected"
# A person's fields that say who they are; the masked view empties them (the name becomes a pseudonym).
IDENTIFYING = ("name", "original_name", "aliases", "role", "nationality", "notes")
PSEUDONYM_SQL = "'Protected person ' || upper(left(id, 8))"


def create_tag_table(conn: Connection) -> None:
    conn.execute(text(f"CREATE TABLE IF NOT EXISTS {SHARED_SCHEMA}.database_tag (tag text PRIMARY KEY)"))
    conn.execute(text(f"GRANT SELECT ON {SHARED_SCHEMA}.database_tag TO PUBLIC"))
    if conn.execute(text(f"SELECT count(*) FROM {SHARED_SCHEMA}.database_tag")).scalar_one() == 0:
        conn.execute(text(f"INSERT INTO {SHARED_SCHEMA}.database_tag VALUES (:t)"), {"t": secrets.token_hex(3)})


def role_name(conn: Connection, case: str, level: str) -> str:
    tag = conn.execute(text(f"SELECT tag FROM {SHARED_SCHEMA}.database_tag")).scalar_one()
    return f"cf_{tag}_{case}_{level}"


def masked_schema(case: str) -> str:
    return f"casefile_masked_{case}"


def create(conn: Connection, case: str, schema: str) -> None:
    """The case's four roles, their privileges, and the masked schema; run once, by the case's owner."""
    roles = {level: role_name(conn, case, level) for level in (*LEVELS, PROTECTED)}
    for role in roles.values():
        conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
    for statement in _privileges(schema, roles):
        conn.execute(text(statement))
    _create_masked(conn, schema, masked_schema(case), roles)
    _attribute_audit_rows(conn, schema)


def _attribute_audit_rows(conn: Connection, schema: str) -> None:
    """The server refuses an audit row that names anyone but the database user writing it.

    Only the case's owner (who publishes a file's trail, written by its own analysts) is exempt. The
    row's hash covers the name, so the server refuses rather than corrects it.
    """
    conn.execute(text(f"""
        CREATE FUNCTION "{schema}".casefile_attribute() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.actor IS DISTINCT FROM session_user::text AND NOT pg_has_role(session_user,
                    (SELECT nspowner FROM pg_namespace WHERE nspname = TG_TABLE_SCHEMA), 'MEMBER') THEN
                RAISE EXCEPTION 'audit rows name the database user who writes them (%), not %',
                    session_user, coalesce(NEW.actor, 'nobody') USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
        END $$
    """))  # fmt: skip
    conn.execute(text(
        f'CREATE TRIGGER attribute BEFORE INSERT ON "{schema}".audit_log '
        f'FOR EACH ROW EXECUTE FUNCTION "{schema}".casefile_attribute()'
    ))  # fmt: skip


def _privileges(schema: str, roles: dict[str, str]) -> Iterator[str]:
    reader, editor, admin, protected = (roles[k] for k in (*LEVELS, PROTECTED))
    yield f'GRANT "{reader}" TO "{editor}"'
    yield f'GRANT "{editor}" TO "{admin}"'
    yield f'GRANT "{reader}", "{editor}" TO "{admin}" WITH ADMIN OPTION'
    yield f'GRANT USAGE ON SCHEMA "{schema}" TO "{reader}", "{protected}"'
    yield f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{reader}"'
    # Persons and the search index (which holds their names) are readable whole only with `protected`.
    yield f'REVOKE SELECT ON "{schema}".persons, "{schema}".search_index FROM "{reader}"'
    yield f'GRANT SELECT (id, role_from, role_to, protected) ON "{schema}".persons TO "{reader}"'
    yield f'GRANT SELECT (rowid, record_id, kind) ON "{schema}".search_index TO "{reader}"'
    yield f'GRANT SELECT ON "{schema}".persons, "{schema}".search_index TO "{protected}"'
    yield f'GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{editor}"'
    yield f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{editor}"'
    yield f'REVOKE INSERT, UPDATE, DELETE ON "{schema}".alembic_version FROM "{editor}"'
    # The audit trail is appended to, never rewritten; stored evidence is never changed, only marked deleted.
    yield f'REVOKE UPDATE, DELETE ON "{schema}".audit_log, "{schema}".attachments FROM "{editor}"'
    yield f'GRANT UPDATE (deleted_at) ON "{schema}".attachments TO "{editor}"'
    # Who is not cleared for protected identities cannot unmark one (and then read it).
    yield f'REVOKE UPDATE ON "{schema}".persons FROM "{editor}"'
    unmasked = ", ".join(c for c in ("role_from", "role_to", *IDENTIFYING))
    yield f'GRANT UPDATE ({unmasked}) ON "{schema}".persons TO "{editor}"'
    yield f'GRANT UPDATE (protected) ON "{schema}".persons TO "{protected}"'


def _create_masked(conn: Connection, schema: str, masked: str, roles: dict[str, str]) -> None:
    conn.execute(text(f'CREATE SCHEMA "{masked}"'))
    conn.execute(text(f'GRANT USAGE ON SCHEMA "{masked}" TO "{roles["reader"]}"'))
    columns = []
    for field in spec(Kind.PERSON).fields:
        name = column_name(field)
        if field.name == "name":
            columns.append(f"CASE WHEN protected THEN {PSEUDONYM_SQL} ELSE name END AS name")
        elif field.name == "aliases":
            columns.append("CASE WHEN protected THEN CAST('[]' AS json) ELSE aliases END AS aliases")
        elif field.name in IDENTIFYING:
            columns.append(f"CASE WHEN protected THEN NULL ELSE {name} END AS {name}")
        else:
            columns.append(name)
    persons = f'"{schema}".persons'
    conn.execute(text(
        f'CREATE VIEW "{masked}".persons WITH (security_barrier) AS SELECT id, {", ".join(columns)} FROM {persons}'
    ))  # fmt: skip
    conn.execute(text(
        f'CREATE VIEW "{masked}".search_index WITH (security_barrier) AS SELECT * FROM "{schema}".search_index s '
        f"WHERE NOT ({_names_protected(schema)})"
    ))  # fmt: skip
    conn.execute(text(f'GRANT SELECT ON "{masked}".persons, "{masked}".search_index TO "{roles["reader"]}"'))
    # An editor's Casefile keeps the index in step through the view (its rows go to the table beneath), and
    # changes a person's dates through it; never `protected`, which would unmask the person. A new person
    # or a changed name is refused by the view itself (its masked columns cannot be written).
    editor = roles["editor"]
    conn.execute(text(f'GRANT INSERT, DELETE ON "{masked}".search_index TO "{editor}"'))
    conn.execute(text(f'GRANT INSERT, UPDATE (role_from, role_to) ON "{masked}".persons TO "{editor}"'))


def _names_protected(schema: str) -> str:
    """SQL true for a search row whose text holds a protected person's name in a field that names them.

    The row of the person, and of every record whose reference field brings that person's name into its
    text (a quote's speaker, a visit's person). Free text that mentions the name is not caught.
    """
    protected = f'(SELECT id FROM "{schema}".persons WHERE protected)'
    tests = [f"s.record_id IN {protected}"]
    for kind in Kind:
        table = table_for(kind).name
        for field in spec(kind).fields:
            if field.type == FieldType.REF and tuple(field.ref_kinds) == (Kind.PERSON,):
                column = column_name(field)
                tests.append(f's.record_id IN (SELECT id FROM "{schema}"."{table}" WHERE "{column}" IN {protected})')
    return " OR ".join(tests)


def grant(conn: Connection, case: str, user: str, level: str, *, protected: bool) -> None:
    """Give a database user one access level on the case (replacing any other), and protected if asked."""
    for other in LEVELS:
        if other != level and _is_member(conn, user, role_name(conn, case, other)):
            conn.execute(text(f'REVOKE "{role_name(conn, case, other)}" FROM "{user}"'))
    conn.execute(text(f'GRANT "{role_name(conn, case, level)}" TO "{user}"'))
    if protected:
        conn.execute(text(f'GRANT "{role_name(conn, case, PROTECTED)}" TO "{user}"'))


def revoke(conn: Connection, case: str, user: str) -> list[str]:
    """Take every role of this case from the user; the levels they had."""
    had = []
    for level in (*LEVELS, PROTECTED):
        role = role_name(conn, case, level)
        if _is_member(conn, user, role):
            conn.execute(text(f'REVOKE "{role}" FROM "{user}"'))
            had.append(level)
    return had


def _is_member(conn: Connection, user: str, role: str) -> bool:
    query = (
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member "
        "WHERE r.rolname = :role AND u.rolname = :user"
    )
    return conn.execute(text(query), {"role": role, "user": user}).first() is not None


def sees_protected(conn: Connection, schema: str) -> bool:
    """Whether this connection may read protected persons' identifying fields (else it reads the masked view)."""
    query = "SELECT has_column_privilege(CAST(:t AS regclass), 'name', 'SELECT')"
    return bool(conn.execute(text(query), {"t": f'"{schema}".persons'}).scalar())
