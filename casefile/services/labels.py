"""Short human names for records: 'Vladimir Putin', 'Art. 87(7) Rome Statute', 'Putin in Mongolia, 2024-09-02'."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from casefile.domain.kinds import Kind
from casefile.storage.models import (
    ArticleRow,
    CaseRow,
    LinkRow,
    OrganisationRow,
    PersonRow,
    QuoteRow,
    Record,
    SourceRow,
    StateRow,
    VisitRow,
    WarrantRow,
)

_records = Record.__table__
QUOTE_CHARS = 60


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


def labels(session: Session, ids: Iterable[str]) -> dict[str, Label]:
    """Labels for any mix of record ids; unknown ids are simply absent."""
    wanted = list(dict.fromkeys(ids))
    kinds: dict[str, tuple[Kind, bool]] = {}
    for start in range(0, len(wanted), 900):
        query = select(_records.c.id, _records.c.kind, _records.c.deleted_at).where(
            _records.c.id.in_(bindparam("ids", expanding=True))
        )
        for rid, kind, deleted in session.execute(query, {"ids": wanted[start : start + 900]}):
            kinds[rid] = (Kind(kind), deleted is not None)
    texts = _simple_names(session, kinds)
    texts.update(_composite_names(session, kinds, texts))
    return {rid: Label(rid, kind, texts.get(rid, kind.value), deleted) for rid, (kind, deleted) in kinds.items()}


def _ids_of(kinds: dict[str, tuple[Kind, bool]], kind: Kind) -> list[str]:
    return [rid for rid, (k, _) in kinds.items() if k == kind]


def _fetch(session: Session, columns: list, ids: list[str]) -> list:
    if not ids:
        return []
    table = columns[0].table
    query = select(*columns).where(table.c.id.in_(bindparam("ids", expanding=True)))
    return [
        row for start in range(0, len(ids), 900) for row in session.execute(query, {"ids": ids[start : start + 900]})
    ]


def _simple_names(session: Session, kinds: dict[str, tuple[Kind, bool]]) -> dict[str, str]:
    names: dict[str, str] = {}
    simple = {
        Kind.PERSON: PersonRow.__table__.c,
        Kind.STATE: StateRow.__table__.c,
        Kind.ORGANISATION: OrganisationRow.__table__.c,
    }
    for kind, cols in simple.items():
        names.update(dict(_fetch(session, [cols.id, cols.name], _ids_of(kinds, kind))))
    c = CaseRow.__table__.c
    names.update(dict(_fetch(session, [c.id, c.title], _ids_of(kinds, Kind.CASE))))
    c = SourceRow.__table__.c
    names.update(dict(_fetch(session, [c.id, c.title], _ids_of(kinds, Kind.SOURCE))))
    c = ArticleRow.__table__.c
    for rid, number, instrument in _fetch(session, [c.id, c.number, c.instrument], _ids_of(kinds, Kind.ARTICLE)):
        names[rid] = article_label(number, instrument)
    c = QuoteRow.__table__.c
    for rid, text in _fetch(session, [c.id, c.text], _ids_of(kinds, Kind.QUOTE)):
        names[rid] = short_quote(text)
    return names


def _composite_names(session: Session, kinds: dict[str, tuple[Kind, bool]], known: dict[str, str]) -> dict[str, str]:
    """Warrants, visits and links are named after the records they tie together."""
    w, v, lk = WarrantRow.__table__.c, VisitRow.__table__.c, LinkRow.__table__.c
    warrants = _fetch(session, [w.id, w.reference, w.subject_id, w.issued], _ids_of(kinds, Kind.WARRANT))
    visits = _fetch(session, [v.id, v.person_id, v.state_id, v.start], _ids_of(kinds, Kind.VISIT))
    links = _fetch(session, [lk.id, lk.from_id, lk.kind, lk.to_id], _ids_of(kinds, Kind.LINK))
    others = {r[2] for r in warrants} | {r[1] for r in visits} | {r[2] for r in visits}
    others |= {r[1] for r in links} | {r[3] for r in links}
    missing = [i for i in others if i not in known]
    names = dict(known)
    if missing:
        names.update({rid: lab.text for rid, lab in labels(session, missing).items()})
    out: dict[str, str] = {}
    for rid, reference, subject, issued in warrants:
        out[rid] = f"Warrant {reference or issued} for {names.get(subject, '?')}"
    for rid, person, state, start in visits:
        out[rid] = f"{names.get(person, '?')} in {names.get(state, '?')}, {start}"
    for rid, source, kind, target in links:
        out[rid] = f"{names.get(source, '?')} — {kind} — {names.get(target, '?')}"
    return out
