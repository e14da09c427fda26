"""Revision 3: organisations say whether they are an organ of the International Criminal Court.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 10:30:00

Before this revision the findings took an issuer for the Court when its name contained "ICC" or
"International Criminal Court" as a word. The upgrade sets the new field from that same rule, so
no existing case's findings change; from then on the record, not the name, decides.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# Frozen copy of revision 2's name rule: a migration must not change when the app's code does.
_ICC_NAME = re.compile(r"\bICC\b|\bInternational Criminal Court\b", re.IGNORECASE)


def upgrade() -> None:
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('icc_organ', sa.Boolean(), server_default='0', nullable=False))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, name FROM organisations")).all()
    organs = [{"id": row.id} for row in rows if _ICC_NAME.search(row.name or "")]
    if organs:
        # A bound True, not the literal 1: PostgreSQL's boolean takes no integer.
        connection.execute(sa.text("UPDATE organisations SET icc_organ = :yes WHERE id = :id"), [{**o, "yes": True} for o in organs])
    if op.get_bind().dialect.name == "sqlite":  # a server case keeps only alembic_version
        op.execute("PRAGMA user_version = 3")


def downgrade() -> None:
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('icc_organ')
    if op.get_bind().dialect.name == "sqlite":  # a server case keeps only alembic_version
        op.execute("PRAGMA user_version = 2")
