"""A chronology of every dated record and link, partial dates placed by their precision."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from casefile.domain.dates import PartialDate, Precision
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind, choice_label
from casefile.services import records
from casefile.services.labels import labels, short_quote
from casefile.services.results import RecordData

# The kinds that carry dates, in the order same-day events read best.
DATED_KINDS = (Kind.PERSON, Kind.WARRANT, Kind.VISIT, Kind.QUOTE, Kind.SOURCE, Kind.LINK)


class Event:
    """What happened on the date: the field it comes from."""

    ROLE_FROM = "role from"
    ROLE_TO = "role to"
    ISSUED = "issued"
    STATUS = "status"
    VISIT = "visit"
    SAID = "said"
    PUBLISHED = "published"
    LINK = "link"


_EVENT_ORDER = {
    e: i
    for i, e in enumerate(
        (
            Event.ROLE_FROM,
            Event.ISSUED,
            Event.VISIT,
            Event.SAID,
            Event.LINK,
            Event.STATUS,
            Event.PUBLISHED,
            Event.ROLE_TO,
        )
    )
}


@dataclass(frozen=True)
class ChronologyEntry:
    """One dated event; `until` is set for spans such as a visit's last day."""

    when: PartialDate
    record_id: str
    kind: Kind
    event: str
    title: str
    until: PartialDate | None = None
    persons: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()

    @property
    def precision(self) -> Precision:
        return self.when.precision

    def date_text(self) -> str:
        """The date as entered, at its precision; a span shows both ends."""
        if self.until is None or self.until == self.when:
            return self.when.display()
        return f"{self.when.display()} – {self.until.display()}"

    def sort_key(self) -> tuple[PartialDate, int]:
        return self.when, _EVENT_ORDER.get(self.event, 99)


Names = Callable[[str | None], str]


def chronology(session: Session, names: Mapping[str, str] | None = None) -> list[ChronologyEntry]:
    """The case's chronology, oldest first; `names` overrides record labels (redacted exports)."""
    by_kind = {kind: records.list_records(session, kind) for kind in (*DATED_KINDS, Kind.STATE, Kind.ORGANISATION)}
    if names is None:
        every = [r.id for rows in by_kind.values() for r in rows]
        names = {rid: label.text for rid, label in labels(session, every).items()}
    return build_chronology(by_kind, _lookup(names))


def build_chronology(by_kind: Mapping[Kind, Sequence[RecordData]], name: Names) -> list[ChronologyEntry]:
    """The chronology of records already loaded, sorted; ties keep a stable, readable order."""
    kinds_of = {r.id: kind for kind, rows in by_kind.items() for r in rows}
    sources = frozenset(r.id for r in by_kind.get(Kind.SOURCE, ()))
    cited = linked_sources(by_kind.get(Kind.LINK, ()), sources)
    makers: dict[Kind, Callable[[RecordData], Iterator[ChronologyEntry]]] = {
        Kind.PERSON: lambda r: _person(r, name),
        Kind.WARRANT: lambda r: _warrant(r, name, cited),
        Kind.VISIT: lambda r: _visit(r, name, cited),
        Kind.QUOTE: lambda r: _quote(r, name),
        Kind.SOURCE: lambda r: _source(r, name),
        Kind.LINK: lambda r: _link(r, name, kinds_of),
    }
    entries = [e for kind in DATED_KINDS for row in by_kind.get(kind, ()) for e in makers[kind](row)]
    entries.sort(key=ChronologyEntry.sort_key)
    return entries


def linked_sources(links: Iterable[RecordData], sources: frozenset[str]) -> dict[str, list[str]]:
    """For each record, the sources tied to it by a link ('reported by', 'confirms', ...)."""
    out: dict[str, list[str]] = {}
    for row in links:
        a, b = row.values.get("from"), row.values.get("to")
        for record, other in ((a, b), (b, a)):
            if record and other in sources and record not in sources:
                out.setdefault(record, []).append(other)
    return out


def safe_date(text: object) -> PartialDate | None:
    """A stored date, or None when a hand-edited file holds something that is not one."""
    if not isinstance(text, str) or not text:
        return None
    try:
        return PartialDate.parse(text)
    except ValidationError:
        return None


def _lookup(names: Mapping[str, str]) -> Names:
    def name(record_id: str | None) -> str:
        return names.get(record_id or "", "?") if record_id else "?"

    return name


def _person(row: RecordData, name: Names) -> Iterator[ChronologyEntry]:
    role = row.values.get("role") or "their role"
    for event, field, verb in ((Event.ROLE_FROM, "role_from", "takes up"), (Event.ROLE_TO, "role_to", "leaves")):
        when = safe_date(row.values.get(field))
        if when:
            title = f"{name(row.id)} {verb} the role: {role}"
            yield ChronologyEntry(when, row.id, Kind.PERSON, event, title, persons=(row.id,))


def _warrant(row: RecordData, name: Names, cited: Mapping[str, list[str]]) -> Iterator[ChronologyEntry]:
    v = row.values
    subject, issuer = v.get("subject"), v.get("issuer")
    persons = (subject,) if subject else ()
    related = tuple(x for x in (issuer, *(v.get("articles") or ())) if x)
    sources = tuple(cited.get(row.id, ()))
    issued = safe_date(v.get("issued"))
    if issued:
        by = f" by {name(issuer)}" if issuer else ""
        ref = f" ({v['reference']})" if v.get("reference") else ""
        title = f"Arrest warrant{ref} issued for {name(subject)}{by}"
        yield ChronologyEntry(issued, row.id, Kind.WARRANT, Event.ISSUED, title, None, persons, related, sources)
    status_on = safe_date(v.get("status_date"))
    if status_on:
        title = f"Warrant for {name(subject)}: {choice_label(str(v.get('status') or 'other')).lower()}"
        yield ChronologyEntry(status_on, row.id, Kind.WARRANT, Event.STATUS, title, None, persons, related, sources)


def _visit(row: RecordData, name: Names, cited: Mapping[str, list[str]]) -> Iterator[ChronologyEntry]:
    v = row.values
    start = safe_date(v.get("start"))
    if start is None:
        return
    place = f" ({v['place']})" if v.get("place") else ""
    outcome = v.get("outcome")
    result = f"; {choice_label(outcome).lower()}" if outcome and outcome != "unknown" else ""
    title = f"{name(v.get('person'))} visits {name(v.get('state'))}{place}{result}"
    persons = (v["person"],) if v.get("person") else ()
    related = (v["state"],) if v.get("state") else ()
    yield ChronologyEntry(
        start, row.id, Kind.VISIT, Event.VISIT, title, safe_date(v.get("end")), persons, related,
        tuple(cited.get(row.id, ())),
    )  # fmt: skip


def _quote(row: RecordData, name: Names) -> Iterator[ChronologyEntry]:
    v = row.values
    when = safe_date(v.get("said_on"))
    if when is None:
        return
    speaker = v.get("speaker")
    who = name(speaker) if speaker else "Unattributed"
    title = f"{who}: {short_quote(str(v.get('text') or ''))}"
    source = (v["source"],) if v.get("source") else ()
    yield ChronologyEntry(when, row.id, Kind.QUOTE, Event.SAID, title, None, (speaker,) if speaker else (), (), source)


def _source(row: RecordData, name: Names) -> Iterator[ChronologyEntry]:
    v = row.values
    when = safe_date(v.get("published"))
    if when is None:
        return
    title = str(v.get("title") or "")
    outlet = name(v.get("outlet")) if v.get("outlet") else ""
    if outlet and not title.startswith(outlet):
        title = f"{outlet}: {title}"
    title = f"Published — {title}"
    yield ChronologyEntry(when, row.id, Kind.SOURCE, Event.PUBLISHED, title, source_ids=(row.id,))


def _link(row: RecordData, name: Names, kinds_of: Mapping[str, Kind]) -> Iterator[ChronologyEntry]:
    v = row.values
    when = safe_date(v.get("date"))
    a, b = str(v.get("from") or ""), str(v.get("to") or "")
    if when is None or a not in kinds_of or b not in kinds_of:
        return  # undated, or an end was deleted
    title = f"{name(a)} {v.get('kind') or 'linked to'} {name(b)}"  # "Human Rights Watch called on Mongolia"
    persons = tuple(x for x in (a, b) if kinds_of.get(x) == Kind.PERSON)
    source = (v["source"],) if v.get("source") else ()
    yield ChronologyEntry(when, row.id, Kind.LINK, Event.LINK, title, None, persons, (a, b), source)
