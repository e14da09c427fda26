"""Short human names for records: 'Vladimir Putin', 'Art. 87(7)', 'Vladimir Putin in Mongolia, 2024-09-02'.

One joined query reads every kind's naming columns at once; warrants, visits and links are
named after the records they tie together, which costs one more query per level of nesting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Row, bindparam, select
from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.storage.models import (
    ArticleRow,
    CaseRow,
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
QUOTE_CHARS = 60
_CHUNK = 900  # stay under SQLite's limit on bound parameters
_MAX_DEPTH = 4  # a link to a link to a visit is as deep as names need to go


@dataclass(frozen=True)
class Label:
    id: str
    kind: Kind
    text: str
    deleted: bool = False


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return f"“{flat}”" if len(flat) <= limit else f"“{flat[: limit - 1].rstrip()}…”"


def article_label(number: str, instrument: str | None) -> str:
    suffix = "" if not instrument or instrument == "Rome Statute" else f" {instrument}"
    return f"Art. {number}{suffix}"


def _naming_query():  # type: ignore[no-untyped-def]
    p, s, o, c = PersonRow.__table__, StateRow.__table__, OrganisationRow.__table__, CaseRow.__table__
    src, a, q = SourceRow.__table__, ArticleRow.__table__, QuoteRow.__table__
    w, v, lk = WarrantRow.__table__, VisitRow.__table__, LinkRow.__table__
    sc, pr = StatusCorrectionRow.__table__, PrecedentRow.__table__
    r = _records
    query = select(
        r.c.id, r.c.kind, r.c.deleted_at, p.c.name, s.c.name, o.c.name, c.c.title, src.c.title,
        a.c.number, a.c.instrument, q.c.text, w.c.reference, w.c.subject_id, w.c.issued,
        v.c.person_id, v.c.state_id, v.c.start, lk.c.from_id, lk.c.kind, lk.c.to_id,
        sc.c.iso2, sc.c.action, sc.c.event, sc.c.event_kind, pr.c.person_id, pr.c.state_id, pr.c.decided,
        pr.c.chamber,
    )  # fmt: skip
    for table in (p, s, o, c, src, a, q, w, v, lk, sc, pr):
        query = query.outerjoin(table, table.c.id == r.c.id)
    return query.where(r.c.id.in_(bindparam("ids", expanding=True)))


def _read(session: Session, ids: list[str]) -> dict[str, Row]:  # type: ignore[type-arg]
    query = _naming_query()
    found = {}
    for start in range(0, len(ids), _CHUNK):
        for row in session.execute(query, {"ids": ids[start : start + _CHUNK]}):
            found[row[0]] = row
    return found


def _refs(row: Row) -> list[str]:  # type: ignore[type-arg]
    kind = row[1]
    if kind == Kind.WARRANT.value:
        return [row[12]]
    if kind == Kind.VISIT.value:
        return [row[14], row[15]]
    if kind == Kind.LINK.value:
        return [row[17], row[19]]
    if kind == Kind.PRECEDENT.value:
        return [row[24], row[25]]
    return []


def _name(row: Row, names: dict[str, str]) -> str:  # type: ignore[type-arg]
    kind = Kind(row[1])
    simple = {Kind.PERSON: row[3], Kind.STATE: row[4], Kind.ORGANISATION: row[5], Kind.CASE: row[6],
              Kind.SOURCE: row[7]}  # fmt: skip
    if kind in simple:
        return str(simple[kind])
    if kind == Kind.ARTICLE:
        return article_label(row[8], row[9])
    if kind == Kind.QUOTE:
        return short_quote(row[10])
    if kind == Kind.WARRANT:
        return f"Warrant {row[11] or row[13]} for {names.get(row[12], '?')}"
    if kind == Kind.VISIT:
        return f"{names.get(row[14], '?')} in {names.get(row[15], '?')}, {row[16]}"
    if kind == Kind.STATUS_CORRECTION:
        what = row[22] or row[23] or ""
        return f"Status correction ({row[21]}): {row[20]} {what.split(':')[1] if ':' in what else what}".rstrip()
    if kind == Kind.PRECEDENT:
        when = f", {row[26]}" if row[26] else ""
        return f"Precedent: {row[27]}{when} ({names.get(row[24], '?')} in {names.get(row[25], '?')})"
    return f"{names.get(row[17], '?')} — {row[18]} — {names.get(row[19], '?')}"


def labels(session: Session, ids: Iterable[str]) -> dict[str, Label]:
    """Labels for any mix of record ids; unknown ids are simply absent."""
    wanted = list(dict.fromkeys(ids))
    rows = _read(session, wanted)
    pending = [ref for row in rows.values() for ref in _refs(row) if ref not in rows]
    for _ in range(_MAX_DEPTH):
        if not pending:
            break
        extra = _read(session, list(dict.fromkeys(pending)))
        rows.update(extra)
        pending = [ref for row in extra.values() for ref in _refs(row) if ref not in rows]
    names = {rid: _name(row, {}) for rid, row in rows.items()}
    composite = [(rid, row) for rid, row in rows.items() if _refs(row)]
    for _ in range(_MAX_DEPTH):  # a visit's name needs its person's; a link's, the visit's
        names.update({rid: _name(row, names) for rid, row in composite})
    return {rid: Label(rid, Kind(rows[rid][1]), names[rid], rows[rid][2] is not None) for rid in wanted if rid in rows}
