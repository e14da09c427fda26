"""Revision 4: a case's corrections of ICC party-status events, and precedents added to the case.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 12:30:00

Both are record kinds (they export, merge, redact and check like any record), so each gets its own table
keyed by its record's id. An older file simply has none of either: nothing existing changes on upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _record_fk(column: str, table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ['records.id'], name=op.f(f'fk_{table}_{column}_records'), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table('status_corrections',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('iso2', sa.String(length=2), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('event', sa.Text(), nullable=True),
    sa.Column('event_kind', sa.String(length=40), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('effective', sa.String(length=10), nullable=True),
    sa.Column('source_id', sa.String(length=36), nullable=True),
    sa.Column('citation', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.Text(), nullable=True),
    _record_fk('id', 'status_corrections', 'CASCADE'),
    _record_fk('source_id', 'status_corrections', 'RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_corrections'))
    )
    with op.batch_alter_table('status_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_corrections_source_id'), ['source_id'], unique=False)

    op.create_table('precedents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('chamber', sa.Text(), nullable=False),
    sa.Column('decided', sa.String(length=10), nullable=True),
    sa.Column('reference', sa.Text(), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('state_id', sa.String(length=36), nullable=False),
    sa.Column('visit_start', sa.String(length=10), nullable=True),
    sa.Column('visit_end', sa.String(length=10), nullable=True),
    sa.Column('claim', sa.String(length=20), nullable=True),
    sa.Column('outcome', sa.String(length=40), nullable=False),
    sa.Column('source_id', sa.String(length=36), nullable=True),
    sa.Column('citation', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.Text(), nullable=True),
    _record_fk('id', 'precedents', 'CASCADE'),
    _record_fk('person_id', 'precedents', 'RESTRICT'),
    _record_fk('source_id', 'precedents', 'RESTRICT'),
    _record_fk('state_id', 'precedents', 'RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_precedents'))
    )
    with op.batch_alter_table('precedents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_precedents_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_precedents_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_precedents_state_id'), ['state_id'], unique=False)

    if op.get_bind().dialect.name == "sqlite":  # a server case keeps only alembic_version
        op.execute("PRAGMA user_version = 4")


def downgrade() -> None:
    op.drop_table('precedents')
    op.drop_table('status_corrections')
    if op.get_bind().dialect.name == "sqlite":  # a server case keeps only alembic_version
        op.execute("PRAGMA user_version = 3")
