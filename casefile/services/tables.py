"""Row data for the record tables: ids plus display text, read in one query per kind."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from casefile.domain.kinds import Kind, choice_label
from casefile.storage.models import (
    ArticleRow,
    LinkRow,
    OrganisationRow,
    PersonRow,
    PrecedentRow,
    QuoteRow,
    Record,
    SourceRow,
    StateRow,
    StatusCorrectionRow,
    VisitRow,
    WarrantRow,
)

_records = Record.__table__
PREVIEW = 160  # characters of long text shown in a table cell


@dataclass(frozen=True)
class TableShape:
    headers: tuple[str, ...]
    query: Callable[[], Select[tuple[object, ...]]]
    choice_columns: tuple[int, ...] = ()  # cells holding a choice value such as 'not_arrested'


def _preview(column: ColumnElement[str]) -> ColumnElement[str]:
    return func.substr(func.replace(func.replace(column, "\n", " "), "\r", " "), 1, PREVIEW)


def _persons() -> Select[tuple[object, ...]]:
    p = PersonRow.__table__.c
    return select(p.id, p.name, p.original_name, p.role, p.nationality)


def _states() -> Select[tuple[object, ...]]:
    s = StateRow.__table__.c
    return select(s.id, s.name, s.iso2)


def _organisations() -> Select[tuple[object, ...]]:
    o = OrganisationRow.__table__.c
    return select(o.id, o.name, o.kind)


def _warrants() -> Select[tuple[object, ...]]:
    w = WarrantRow.__table__.c
    subject, issuer = aliased(PersonRow), aliased(OrganisationRow)
    return (
        select(w.id, subject.name, w.reference, issuer.name, w.issued, w.status)
        .outerjoin(subject, subject.id == w.subject_id)
        .outerjoin(issuer, issuer.id == w.issuer_id)
    )


def _visits() -> Select[tuple[object, ...]]:
    v = VisitRow.__table__.c
    person, state = aliased(PersonRow), aliased(StateRow)
    return (
        select(v.id, person.name, state.name, v.place, v.start, v.end, v.outcome)
        .outerjoin(person, person.id == v.person_id)
        .outerjoin(state, state.id == v.state_id)
    )


def _quotes() -> Select[tuple[object, ...]]:
    q = QuoteRow.__table__.c
    speaker, source = aliased(PersonRow), aliased(SourceRow)
    return (
        select(q.id, _preview(q.text), speaker.name, q.said_on, source.title, q.language)
        .outerjoin(speaker, speaker.id == q.speaker_id)
        .outerjoin(source, source.id == q.source_id)
    )


def _articles() -> Select[tuple[object, ...]]:
    a = ArticleRow.__table__.c
    return select(a.id, a.number, a.title, a.instrument)


def _sources() -> Select[tuple[object, ...]]:
    s = SourceRow.__table__.c
    outlet = aliased(OrganisationRow)
    grade = func.coalesce(s.reliability, "") + func.coalesce(func.cast(s.credibility, SourceRow.title.type), "")
    return select(s.id, s.title, outlet.name, s.kind, s.published, grade).outerjoin(outlet, outlet.id == s.outlet_id)


def _status_corrections() -> Select[tuple[object, ...]]:
    c = StatusCorrectionRow.__table__.c
    source = aliased(SourceRow)
    return select(
        c.id, c.iso2, c.action, c.event, c.event_kind, c.date, func.coalesce(source.title, c.citation), c.recorded_by
    ).outerjoin(source, source.id == c.source_id)


def _precedents() -> Select[tuple[object, ...]]:
    c = PrecedentRow.__table__.c
    person, state = aliased(PersonRow), aliased(StateRow)
    return (
        select(c.id, person.name, state.name, c.decided, c.chamber, c.claim, c.outcome)
        .outerjoin(person, person.id == c.person_id)
        .outerjoin(state, state.id == c.state_id)
    )


def _links() -> Select[tuple[object, ...]]:
    lk = LinkRow.__table__.c
    return select(lk.id, lk.from_id, lk.kind, lk.to_id, lk.date, _preview(lk.note))


SHAPES: dict[Kind, TableShape] = {
    Kind.PERSON: TableShape(("Name", "Original script", "Role", "Nationality"), _persons),
    Kind.STATE: TableShape(("Name", "ISO code"), _states),
    Kind.ORGANISATION: TableShape(("Name", "Kind"), _organisations, (2,)),
    Kind.WARRANT: TableShape(("Subject", "Reference", "Issued by", "Issued", "Status"), _warrants, (5,)),
    Kind.VISIT: TableShape(("Person", "Host state", "Place", "From", "To", "Outcome"), _visits, (6,)),
    Kind.QUOTE: TableShape(("Text", "Speaker", "Said on", "Source", "Language"), _quotes),
    Kind.ARTICLE: TableShape(("Article", "Title", "Instrument"), _articles),
    Kind.SOURCE: TableShape(("Title", "Outlet", "Kind", "Published", "Grade"), _sources, (3,)),
    Kind.STATUS_CORRECTION: TableShape(
        ("State", "Correction", "Shipped event", "Event", "Date", "Source", "Recorded by"),
        _status_corrections,
        (2, 4),
    ),
    Kind.PRECEDENT: TableShape(
        ("Person", "Host state", "Decided", "Court or chamber", "Claim", "Outcome"), _precedents, (5, 6)
    ),
    Kind.LINK: TableShape(("From", "Kind", "To", "Date", "Note"), _links),
}


def headers(kind: Kind) -> tuple[str, ...]:
    return SHAPES[kind].headers


def table_rows(session: Session, kind: Kind, ids: Iterable[str] | None = None) -> list[tuple[str, ...]]:
    """(id, cell, cell, …) for the live records of a kind, oldest first; or just the given ids."""
    query = SHAPES[kind].query()
    own_id = query.selected_columns[0]
    query = query.join(_records, _records.c.id == own_id).where(_records.c.deleted_at.is_(None))
    params: dict[str, object] = {}
    if ids is not None:
        query = query.where(own_id.in_(bindparam("ids", expanding=True)))
        params["ids"] = list(ids)
    # A choice shows as its label ("Not arrested"), never as the stored identifier.
    choices = SHAPES[kind].choice_columns
    rows = [_cells(tuple(row), choices) for row in session.execute(query.order_by(_records.c.seq), params)]
    if kind == Kind.LINK:
        rows = _name_link_ends(session, rows)
    return rows


def _cells(row: tuple[object, ...], choices: tuple[int, ...]) -> tuple[str, ...]:
    cells = ["" if v is None else str(v) for v in row]
    for index in choices:
        cells[index] = choice_label(cells[index]) if cells[index] else ""
    return tuple(cells)


def _name_link_ends(session: Session, rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    from casefile.services.labels import labels

    names = labels(session, {r[1] for r in rows} | {r[3] for r in rows})
    return [
        (r[0], names[r[1]].text if r[1] in names else "?", r[2], names[r[3]].text if r[3] in names else "?", *r[4:])
        for r in rows
    ]
