"""The tables of a case file, as SQLAlchemy declarative models."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from casefile.domain.kinds import Kind, spec
from casefile.storage.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = String(36)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), list[str]: JSON}


def table_of(model: type[Base]) -> Table:
    """A model's table, typed as the Table it is (SQLAlchemy types `__table__` as any FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _ref(nullable: bool = True) -> Mapped[str | None]:
    # A reference to any record; RESTRICT so no hard delete can leave it dangling.
    return mapped_column(ID, ForeignKey("records.id", ondelete="RESTRICT"), nullable=nullable, index=True)


def _own_id() -> Mapped[str]:
    return mapped_column(ID, ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)


class Record(Base):
    """Every record's identity and life: one row per person, quote, link and so on."""

    __tablename__ = "records"
    # An integer key that VACUUM preserves; the full-text index uses it as its rowid.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(ID, unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]
    __table_args__ = (Index("ix_records_kind_deleted_at", "kind", "deleted_at"),)


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[str] = _own_id()
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    classification: Mapped[str | None] = mapped_column(Text)
    analyst: Mapped[str | None] = mapped_column(Text)


class PersonRow(Base):
    __tablename__ = "persons"
    id: Mapped[str] = _own_id()
    name: Mapped[str] = mapped_column(Text)
    original_name: Mapped[str | None] = mapped_column(Text)
    aliases: Mapped[list[str]] = mapped_column(JSON)
    role: Mapped[str | None] = mapped_column(Text)
    role_from: Mapped[str | None] = mapped_column(String(10))
    role_to: Mapped[str | None] = mapped_column(String(10))
    nationality: Mapped[str | None] = mapped_column(Text)
    protected: Mapped[bool] = mapped_column(Boolean)
    notes: Mapped[str | None] = mapped_column(Text)


class StateRow(Base):
    __tablename__ = "states"
    id: Mapped[str] = _own_id()
    name: Mapped[str] = mapped_column(Text)
    iso2: Mapped[str] = mapped_column(String(2))
    notes: Mapped[str | None] = mapped_column(Text)


class OrganisationRow(Base):
    __tablename__ = "organisations"
    id: Mapped[str] = _own_id()
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    # Revision 3: an organ of the International Criminal Court, as the record says (not guessed from the name).
    icc_organ: Mapped[bool] = mapped_column(Boolean, server_default="0")


class WarrantRow(Base):
    __tablename__ = "warrants"
    id: Mapped[str] = _own_id()
    issuer_id: Mapped[str | None] = _ref()
    reference: Mapped[str | None] = mapped_column(Text)
    subject_id: Mapped[str] = _ref(nullable=False)  # type: ignore[assignment]
    issued: Mapped[str] = mapped_column(String(10))
    status: Mapped[str | None] = mapped_column(String(40))
    status_date: Mapped[str | None] = mapped_column(String(10))
    sealed: Mapped[bool] = mapped_column(Boolean)
    charges: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class WarrantArticleRow(Base):
    """The statute articles a warrant cites, in the order the analyst gave them."""

    __tablename__ = "warrant_articles"
    warrant_id: Mapped[str] = mapped_column(ID, ForeignKey("warrants.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ID, ForeignKey("records.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class VisitRow(Base):
    __tablename__ = "visits"
    id: Mapped[str] = _own_id()
    person_id: Mapped[str] = _ref(nullable=False)  # type: ignore[assignment]
    state_id: Mapped[str] = _ref(nullable=False)  # type: ignore[assignment]
    place: Mapped[str | None] = mapped_column(Text)
    start: Mapped[str] = mapped_column(String(10))
    end: Mapped[str | None] = mapped_column(String(10))
    purpose: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)


class QuoteRow(Base):
    __tablename__ = "quotes"
    id: Mapped[str] = _own_id()
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(35))
    translation: Mapped[str | None] = mapped_column(Text)
    translation_language: Mapped[str | None] = mapped_column(String(35))
    speaker_id: Mapped[str | None] = _ref()
    speaker_role: Mapped[str | None] = mapped_column(Text)
    said_on: Mapped[str | None] = mapped_column(String(10))
    source_id: Mapped[str | None] = _ref()
    pinpoint: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[str] = _own_id()
    instrument: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)


class SourceRow(Base):
    __tablename__ = "sources"
    id: Mapped[str] = _own_id()
    kind: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    outlet_id: Mapped[str | None] = _ref()
    author: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    accessed: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str | None] = mapped_column(String(35))
    reliability: Mapped[str | None] = mapped_column(String(1))
    credibility: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class LinkRow(Base):
    __tablename__ = "links"
    id: Mapped[str] = _own_id()
    from_id: Mapped[str] = _ref(nullable=False)  # type: ignore[assignment]
    to_id: Mapped[str] = _ref(nullable=False)  # type: ignore[assignment]
    kind: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(10))
    source_id: Mapped[str | None] = _ref()


class StatusCorrectionRow(Base):
    """Revision 4: the case's correction of one ICC party-status event (added, replaced, disputed, confirmed)."""

    __tablename__ = "status_corrections"
    id: Mapped[str] = _own_id()
    iso2: Mapped[str] = mapped_column(String(2))
    action: Mapped[str] = mapped_column(String(20))
    event: Mapped[str | None] = mapped_column(Text)
    event_kind: Mapped[str | None] = mapped_column(String(40))
    date: Mapped[str | None] = mapped_column(String(10))
    effective: Mapped[str | None] = mapped_column(String(10))
    source_id: Mapped[str | None] = _ref()
    citation: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(Text)


class PrecedentRow(Base):
    """Revision 4: a decision on a state that did not arrest a visitor, added by the analyst to this case."""

    __tablename__ = "precedents"
    id: Mapped[str] = _own_id()
    chamber: Mapped[str] = mapped_column(Text)
    decided: Mapped[str | None] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(Text)
    person_id: Mapped[str] = _ref(nullable=False)  # type: ignore[assignment]
    state_id: Mapped[str] = _ref(nullable=False)  # type: ignore[assignment]
    visit_start: Mapped[str | None] = mapped_column(String(10))
    visit_end: Mapped[str | None] = mapped_column(String(10))
    claim: Mapped[str | None] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(40))
    source_id: Mapped[str | None] = _ref()
    citation: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(Text)


class PartyCorrectionRow(Base):
    """A case's correction of the shipped States Parties data, with the analyst's note."""

    __tablename__ = "party_corrections"
    iso2: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    entry_into_force: Mapped[str | None] = mapped_column(String(10))
    withdrawal_effective: Mapped[str | None] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime]


class FileMetaRow(Base):
    """Facts about the file itself: which Casefile wrote it, at which schema revision."""

    __tablename__ = "file_meta"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditRow(Base):
    """The append-only, hash-chained log of everything done to the case (schema revision 2).

    It names records by id without a foreign key: the log must outlive what it describes.
    """

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime]
    actor: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str | None] = mapped_column(ID, index=True)
    kind: Mapped[str | None] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON: before/after values, counts, file names
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AttachmentRow(Base):
    """An evidence file stored inside the case, attached to a source; its bytes are never modified."""

    __tablename__ = "attachments"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    source_id: Mapped[str] = mapped_column(ID, ForeignKey("records.id", ondelete="RESTRICT"), index=True)
    derived_from: Mapped[str | None] = mapped_column(ID, ForeignKey("attachments.id", ondelete="RESTRICT"))
    file_name: Mapped[str] = mapped_column(Text)  # as it was on the analyst's disk, for display only
    media_type: Mapped[str] = mapped_column(String(100))  # sniffed from the content
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime]
    analyst: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[datetime | None]
    data: Mapped[bytes] = mapped_column(LargeBinary)


# Each kind's table, as its spec names it (domain/kinds.py): the one place a kind meets its table.
TABLES = {kind.value: Base.metadata.tables[spec(kind).table] for kind in Kind}
