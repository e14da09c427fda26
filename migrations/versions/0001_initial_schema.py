"""Initial schema: records, one table per kind, links, the full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-29 03:34:26.512805
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('file_meta',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_file_meta'))
    )
    op.create_table('party_corrections',
    sa.Column('iso2', sa.String(length=2), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('entry_into_force', sa.String(length=10), nullable=True),
    sa.Column('withdrawal_effective', sa.String(length=10), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('iso2', name=op.f('pk_party_corrections'))
    )
    op.create_table('records',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_records')),
    sa.UniqueConstraint('id', name=op.f('uq_records_id'))
    )
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.create_index('ix_records_kind_deleted_at', ['kind', 'deleted_at'], unique=False)

    op.create_table('articles',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('instrument', sa.Text(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_articles_id_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_articles'))
    )
    op.create_table('cases',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('classification', sa.Text(), nullable=True),
    sa.Column('analyst', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_cases_id_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases'))
    )
    op.create_table('links',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('from_id', sa.String(length=36), nullable=False),
    sa.Column('to_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.Column('source_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['from_id'], ['records.id'], name=op.f('fk_links_from_id_records'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_links_id_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['records.id'], name=op.f('fk_links_source_id_records'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['to_id'], ['records.id'], name=op.f('fk_links_to_id_records'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_links'))
    )
    with op.batch_alter_table('links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_links_from_id'), ['from_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_links_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_links_to_id'), ['to_id'], unique=False)

    op.create_table('organisations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_organisations_id_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations'))
    )
    op.create_table('persons',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('original_name', sa.Text(), nullable=True),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('role_from', sa.String(length=10), nullable=True),
    sa.Column('role_to', sa.String(length=10), nullable=True),
    sa.Column('nationality', sa.Text(), nullable=True),
    sa.Column('protected', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_persons_id_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons'))
    )
    op.create_table('quotes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=35), nullable=True),
    sa.Column('translation', sa.Text(), nullable=True),
    sa.Column('translation_language', sa.String(length=35), nullable=True),
    sa.Column('speaker_id', sa.String(length=36), nullable=True),
    sa.Column('speaker_role', sa.Text(), nullable=True),
    sa.Column('said_on', sa.String(length=10), nullable=True),
    sa.Column('source_id', sa.String(length=36), nullable=True),
    sa.Column('pinpoint', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_quotes_id_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['records.id'], name=op.f('fk_quotes_source_id_records'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['speaker_id'], ['records.id'], name=op.f('fk_quotes_speaker_id_records'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quotes'))
    )
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quotes_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quotes_speaker_id'), ['speaker_id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('outlet_id', sa.String(length=36), nullable=True),
    sa.Column('author', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('accessed', sa.String(length=10), nullable=True),
    sa.Column('language', sa.String(length=35), nullable=True),
    sa.Column('reliability', sa.String(length=1), nullable=True),
    sa.Column('credibility', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_sources_id_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['outlet_id'], ['records.id'], name=op.f('fk_sources_outlet_id_records'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_outlet_id'), ['outlet_id'], unique=False)

    op.create_table('states',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('iso2', sa.String(length=2), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_states_id_records'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_states'))
    )
    op.create_table('visits',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('state_id', sa.String(length=36), nullable=False),
    sa.Column('place', sa.Text(), nullable=True),
    sa.Column('start', sa.String(length=10), nullable=False),
    sa.Column('end', sa.String(length=10), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_visits_id_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['records.id'], name=op.f('fk_visits_person_id_records'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['state_id'], ['records.id'], name=op.f('fk_visits_state_id_records'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_state_id'), ['state_id'], unique=False)

    op.create_table('warrants',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('issuer_id', sa.String(length=36), nullable=True),
    sa.Column('reference', sa.Text(), nullable=True),
    sa.Column('subject_id', sa.String(length=36), nullable=False),
    sa.Column('issued', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=True),
    sa.Column('status_date', sa.String(length=10), nullable=True),
    sa.Column('sealed', sa.Boolean(), nullable=False),
    sa.Column('charges', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['records.id'], name=op.f('fk_warrants_id_records'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['issuer_id'], ['records.id'], name=op.f('fk_warrants_issuer_id_records'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['subject_id'], ['records.id'], name=op.f('fk_warrants_subject_id_records'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_warrants'))
    )
    with op.batch_alter_table('warrants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warrants_issuer_id'), ['issuer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_warrants_subject_id'), ['subject_id'], unique=False)

    op.create_table('warrant_articles',
    sa.Column('warrant_id', sa.String(length=36), nullable=False),
    sa.Column('article_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['article_id'], ['records.id'], name=op.f('fk_warrant_articles_article_id_records'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['warrant_id'], ['warrants.id'], name=op.f('fk_warrant_articles_warrant_id_warrants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('warrant_id', 'article_id', name=op.f('pk_warrant_articles'))
    )
    with op.batch_alter_table('warrant_articles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_warrant_articles_article_id'), ['article_id'], unique=False)
    # Full-text search over names, aliases, quotes, translations, titles and notes; its rowid
    # is records.seq. Created by hand because Alembic does not model virtual tables.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5("
            "record_id UNINDEXED, kind UNINDEXED, body, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        # Our schema revision, readable from the raw file header.
        op.execute("PRAGMA user_version = 1")
    else:
        # A server case (PostgreSQL): the same rows in a plain table. The words are folded by the
        # text search configuration casefile.folded (unaccent, then simple) that `casefile server init`
        # creates; to_tsvector with a fixed configuration is IMMUTABLE, so PostgreSQL stores and indexes it.
        # The characters translated to spaces first are those that make PostgreSQL's parser read a tag,
        # an entity, a URL, an e-mail, a file name or a signed number, which it would index whole or not
        # at all; unicode61 splits words at each of them (a frozen copy of storage.schema.TS_SEPARATORS).
        separators = "<>&/@._\\~?=#%+-:"  # ":" last, where SQLAlchemy cannot take it for a parameter
        op.execute(
            "CREATE TABLE search_index (rowid bigint PRIMARY KEY, record_id varchar(36) NOT NULL, "
            "kind varchar(20) NOT NULL, body text NOT NULL, words tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('casefile.folded', translate(body, '{separators}', '{' ' * len(separators)}'))) STORED)"
        )
        op.execute("CREATE INDEX ix_search_index_words ON search_index USING gin (words)")


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA user_version = 0")
    with op.batch_alter_table('warrant_articles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warrant_articles_article_id'))

    op.drop_table('warrant_articles')
    with op.batch_alter_table('warrants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_warrants_subject_id'))
        batch_op.drop_index(batch_op.f('ix_warrants_issuer_id'))

    op.drop_table('warrants')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_state_id'))
        batch_op.drop_index(batch_op.f('ix_visits_person_id'))

    op.drop_table('visits')
    op.drop_table('states')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_outlet_id'))

    op.drop_table('sources')
    with op.batch_alter_table('quotes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quotes_speaker_id'))
        batch_op.drop_index(batch_op.f('ix_quotes_source_id'))

    op.drop_table('quotes')
    op.drop_table('persons')
    op.drop_table('organisations')
    with op.batch_alter_table('links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_links_to_id'))
        batch_op.drop_index(batch_op.f('ix_links_source_id'))
        batch_op.drop_index(batch_op.f('ix_links_from_id'))

    op.drop_table('links')
    op.drop_table('cases')
    op.drop_table('articles')
    with op.batch_alter_table('records', schema=None) as batch_op:
        batch_op.drop_index('ix_records_kind_deleted_at')

    op.drop_table('records')
    op.drop_table('party_corrections')
    op.drop_table('file_meta')
