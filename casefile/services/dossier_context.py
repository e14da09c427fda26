"""What every section of the dossier is built from: the loaded case, names, anchors and note numbers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from casefile.domain.dossier import Item, LinkLine, PdfOptions, Ref, Section, SourceEntry, source_anchor
from casefile.domain.kinds import CREDIBILITY_MEANING, RECORD_KINDS, RELIABILITY_MEANING, Kind, choice_label, spec
from casefile.domain.parties import PartyRegister
from casefile.services import case, parties, records
from casefile.services.chronology import linked_sources, safe_date
from casefile.services.labels import article_label, short_quote
from casefile.services.redaction import Redactor
from casefile.services.results import RecordData


class DossierContext:
    """The loaded case, its names and anchors, and the citation numbering, shared by all builders."""

    def __init__(self, session: Session, options: PdfOptions) -> None:
        self.options = options
        self.session = session
        self.case = case.the_case(session)
        loaded = {k: records.list_records(session, k) for k in RECORD_KINDS}
        self.redact = Redactor(loaded[Kind.PERSON], options.redact)
        # Redact first, then shorten, format and lay out: every builder below sees only redacted records.
        self.rows: dict[Kind, list[RecordData]] = {k: list(map(self.redact.record, rows)) for k, rows in loaded.items()}
        self.by_id = {r.id: r for rows in self.rows.values() for r in rows}
        self.register: PartyRegister = parties.register(session)
        self.names = {rid: self._label(row) for rid, row in self.by_id.items()}
        for kind in (Kind.WARRANT, Kind.VISIT, Kind.PRECEDENT, Kind.STATUS_CORRECTION):
            self.names.update({row.id: self._composite_label(row) for row in self.rows[kind]})
        # Anchors are ours, never ids from the file, which a hostile file could fill with markup.
        self.anchors = {rid: f"r{i}" for i, rid in enumerate(self.by_id)}
        source_ids = frozenset(r.id for r in self.rows[Kind.SOURCE])
        self.linked = linked_sources(self.rows[Kind.LINK], source_ids)
        self.links_by_record: dict[str, list[RecordData]] = {}
        for link in self.rows[Kind.LINK]:
            for end in {link.values.get("from"), link.values.get("to")}:
                self.links_by_record.setdefault(str(end), []).append(link)
        self._numbers: dict[str, int] = {}

    def name(self, record_id: str | None) -> str:
        return self.names.get(record_id or "", "?") if record_id else ""

    def text(self, value: object) -> str:
        return self.redact(str(value)) if value not in (None, "") else ""

    def ref(self, record_id: str | None) -> Ref | None:
        if not record_id or record_id not in self.by_id:
            return None
        kind = self.by_id[record_id].kind
        place = spec(kind)
        home = place.dossier if place.dossier_entry else None  # where its entry is, if it has one
        if kind == Kind.SOURCE:
            numbers = self.cite([record_id])
            return Ref(self.name(record_id), source_anchor(numbers[0]) if numbers else "", Section.SOURCES)
        if home is None or not self.options.has(home):
            return Ref(self.name(record_id))
        return Ref(self.name(record_id), self.anchors[record_id], home)

    def refs(self, ids: Iterable[str | None]) -> tuple[Ref, ...]:
        return tuple(r for r in (self.ref(i) for i in ids) if r is not None)

    def cite(self, source_ids: Iterable[str | None]) -> tuple[int, ...]:
        """Note numbers for these sources, numbered in order of first citation."""
        if not self.options.has(Section.SOURCES):
            return ()
        out = []
        for sid in dict.fromkeys(source_ids):
            if sid and sid in self.by_id and self.by_id[sid].kind == Kind.SOURCE:
                out.append(self._numbers.setdefault(sid, len(self._numbers) + 1))
        return tuple(out)

    def sources_of(self, row: RecordData) -> tuple[int, ...]:
        own = row.values.get("source") if row.kind in (Kind.QUOTE, Kind.LINK) else None
        return self.cite([own, *self.linked.get(row.id, ())])

    def sources(self) -> tuple[SourceEntry, ...]:
        if not self.options.has(Section.SOURCES):
            return ()
        self.cite(r.id for r in self.rows[Kind.SOURCE])  # uncited sources follow the cited ones
        order = sorted(self._numbers.items(), key=lambda pair: pair[1])
        return tuple(source_entry(self, self.by_id[sid], number) for sid, number in order)

    def _label(self, row: RecordData) -> str:
        v = row.values
        if row.kind == Kind.PERSON:
            return self.redact.pseudonyms.get(row.id) or self.text(v.get("name"))
        if row.kind in (Kind.STATE, Kind.ORGANISATION):
            return self.text(v.get("name"))
        if row.kind == Kind.SOURCE:
            return self.text(v.get("title"))
        if row.kind == Kind.ARTICLE:
            return article_label(str(v.get("number") or "?"), v.get("instrument"))
        if row.kind == Kind.QUOTE:
            return self.text(short_quote(str(v.get("text") or "")))
        return ""  # warrants and visits are named after other records, below

    def _composite_label(self, row: RecordData) -> str:
        v = row.values
        if row.kind == Kind.WARRANT:
            ref = f" {self.text(v.get('reference'))}" if v.get("reference") else ""
            return f"Warrant{ref} for {self.name(v.get('subject'))}, issued {date_text(v.get('issued'))}"
        if row.kind == Kind.VISIT:
            return f"{self.name(v.get('person'))} in {self.name(v.get('state'))}, {span(v.get('start'), v.get('end'))}"
        if self.names.get(row.id):
            return self.names[row.id]
        # Precedents and status corrections: the name their kind gives them everywhere else, from
        # the redacted values and the (pseudonymised) names of what they refer to. Never an empty name.
        values = {name: row.values.get(name) for name in spec(row.kind).naming.fields}
        return self.text(spec(row.kind).naming.text(values, self.name)) or spec(row.kind).label

    def link_lines(self, record_id: str) -> tuple[LinkLine, ...]:
        lines = []
        for row in self.links_by_record.get(record_id, ()):
            a, b = row.values.get("from"), row.values.get("to")
            if a not in self.by_id or b not in self.by_id:
                continue
            other = self.ref(b if a == record_id else a)
            if other is None:
                continue
            lines.append(
                LinkLine(
                    self.text(row.values.get("kind")), a == record_id, other, date_text(row.values.get("date")),
                    self.text(row.values.get("note")), self.sources_of(row),
                )
            )  # fmt: skip
        return tuple(lines)


def date_text(value: object) -> str:
    """A stored date at its precision ('September 2024'); a damaged value is shown as it is."""
    parsed = safe_date(value)
    if parsed is not None:
        return parsed.display()
    return str(value) if value else ""


def span(start: object, end: object) -> str:
    if not end or end == start:
        return date_text(start)
    return f"{date_text(start)} – {date_text(end)}"


def labelled(*pairs: tuple[str, object]) -> tuple[Item, ...]:
    return tuple(Item(label, str(value)) for label, value in pairs if value not in (None, ""))


def source_entry(ctx: DossierContext, row: RecordData, number: int) -> SourceEntry:
    v = row.values
    grade = admiralty_grade(str(v.get("reliability") or ""), str(v.get("credibility") or ""))
    return SourceEntry(
        number=number,
        anchor=source_anchor(number),
        title=ctx.name(row.id),
        kind=choice_label(str(v.get("kind") or "other")),
        outlet=ctx.name(v.get("outlet")) if v.get("outlet") else "",
        author=ctx.text(v.get("author")),
        url=ctx.text(v.get("url")),
        published=date_text(v.get("published")),
        accessed=date_text(v.get("accessed")),
        language=ctx.text(v.get("language")),
        grade=grade,
        notes=ctx.text(v.get("notes")),
    )


def admiralty_grade(reliability: str, credibility: str) -> str:
    """'B2 — source: usually reliable; information: probably true'; a half-graded source says which half is missing."""
    if not reliability and not credibility:
        return ""
    source = RELIABILITY_MEANING.get(reliability, "").lower() if reliability else ""
    information = CREDIBILITY_MEANING.get(credibility, "").lower() if credibility else ""
    meaning = "; ".join((
        f"source: {source}" if source else "source: reliability not graded",
        f"information: {information}" if information else "information: credibility not graded",
    ))  # fmt: skip
    return f"{reliability or '–'}{credibility or '–'} — {meaning}"
