"""Builds the frozen Dossier of a case: every section's content, citations numbered, redaction applied."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy.orm import Session

from casefile import __version__
from casefile.domain.articles import ArticleRef
from casefile.domain.compliance import Citation, Finding
from casefile.domain.dossier import (
    SECTION_TITLES,
    Chart,
    ChartEdge,
    ChartNode,
    ChronoLine,
    Cover,
    Dossier,
    Entry,
    FindingEntry,
    FindingStep,
    Group,
    Item,
    LinkLine,
    PdfOptions,
    QuoteEntry,
    Ref,
    Section,
    SectionContent,
    SourceEntry,
    source_anchor,
)
from casefile.domain.errors import CasefileError, ValidationError
from casefile.domain.kinds import CREDIBILITY_MEANING, RECORD_KINDS, RELIABILITY_MEANING, Kind, choice_label, spec
from casefile.domain.parties import Bound, PartyRegister
from casefile.services import case, parties, records
from casefile.services.chronology import build_chronology, linked_sources, safe_date
from casefile.services.findings import findings_for_case
from casefile.services.labels import article_label, short_quote
from casefile.services.results import RecordData

CHART_LIMIT = 40  # nodes beyond this make the drawing unreadable on one page
CITED_BY_LIMIT = 40
PSEUDONYM = "Witness"

_HOME: dict[Kind, Section] = {
    Kind.PERSON: Section.PERSONS,
    Kind.STATE: Section.PERSONS,
    Kind.ORGANISATION: Section.PERSONS,
    Kind.WARRANT: Section.WARRANTS,
    Kind.VISIT: Section.VISITS,
    Kind.QUOTE: Section.COMMENTARY,
    Kind.ARTICLE: Section.APPENDIX,
}


def build_dossier(session: Session, options: PdfOptions) -> Dossier:
    """Read the case once and turn it into the Dossier the renderer draws."""
    ctx = _Context(session, options)
    sections = tuple(content for section, make in _BUILDERS if options.has(section) for content in [make(ctx)])
    tail = tuple(SectionContent(s) for s in (Section.SOURCES, Section.LINK_CHART) if options.has(s))
    chart = _chart(ctx) if options.has(Section.LINK_CHART) else Chart()
    return Dossier(_cover(ctx), sections + tail, ctx.sources(), chart, options)


class _Redactor:
    """Protected persons become 'Witness A', 'Witness B' (by creation order), in every string."""

    def __init__(self, persons: Sequence[RecordData], active: bool) -> None:
        protected = [p for p in persons if active and p.values.get("protected")]
        self.pseudonyms = {p.id: f"{PSEUDONYM} {_letters(i)}" for i, p in enumerate(protected)}
        pairs = [(term, self.pseudonyms[p.id]) for p in protected for term in _terms(p.values)]
        pairs.sort(key=lambda pair: -len(pair[0]))
        self._by_term = {t.casefold(): name for t, name in pairs}
        alternatives = "|".join(re.escape(t) for t, _ in pairs)
        # A name token also hides its inflected forms (Путина, Putin's); over-hiding is the safe side.
        self._pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE) if pairs else None

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        if self._pattern is None:
            return text
        return self._pattern.sub(self._replace, text)

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group(0).casefold()
        for term, name in self._by_term.items():
            if found.startswith(term):
                return name
        return PSEUDONYM


def _letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: pseudonyms never run out."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _terms(values: Mapping[str, object]) -> list[str]:
    names = [values.get("name"), values.get("original_name"), *(values.get("aliases") or [])]
    whole = [str(n) for n in names if n]
    tokens = [t for n in whole for t in re.split(r"[\s\-‐‑–.,]+", n) if len(t) >= 3]
    return list(dict.fromkeys(whole + tokens))


class _Context:
    """The loaded case, its names and anchors, and the citation numbering, shared by all builders."""

    def __init__(self, session: Session, options: PdfOptions) -> None:
        self.options = options
        self.session = session
        self.case = case.the_case(session)
        self.rows: dict[Kind, list[RecordData]] = {k: records.list_records(session, k) for k in RECORD_KINDS}
        self.by_id = {r.id: r for rows in self.rows.values() for r in rows}
        self.redact = _Redactor(self.rows[Kind.PERSON], options.redact)
        self.register: PartyRegister = parties.register(session)
        self.names = {rid: self._label(row) for rid, row in self.by_id.items()}
        for kind in (Kind.WARRANT, Kind.VISIT):
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
        home = _HOME.get(kind)
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
        return tuple(_source_entry(self, self.by_id[sid], number) for sid, number in order)

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
            return f"Warrant{ref} for {self.name(v.get('subject'))}, issued {_date_text(v.get('issued'))}"
        if row.kind == Kind.VISIT:
            return f"{self.name(v.get('person'))} in {self.name(v.get('state'))}, {_span(v.get('start'), v.get('end'))}"
        return self.names.get(row.id, "")

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
                    self.text(row.values.get("kind")), a == record_id, other, _date_text(row.values.get("date")),
                    self.text(row.values.get("note")), self.sources_of(row),
                )
            )  # fmt: skip
        return tuple(lines)


def _date_text(value: object) -> str:
    """A stored date at its precision ('September 2024'); a damaged value is shown as it is."""
    parsed = safe_date(value)
    if parsed is not None:
        return parsed.display()
    return str(value) if value else ""


def _span(start: object, end: object) -> str:
    if not end or end == start:
        return _date_text(start)
    return f"{_date_text(start)} – {_date_text(end)}"


def _items(*pairs: tuple[str, object]) -> tuple[Item, ...]:
    return tuple(Item(label, str(value)) for label, value in pairs if value not in (None, ""))


# --- Cover and key facts -------------------------------------------------------------------------


def _cover(ctx: _Context) -> Cover:
    v = ctx.case.values
    counts = tuple((spec(k).plural, len(ctx.rows[k])) for k in RECORD_KINDS if k != Kind.LINK)
    return Cover(
        title=ctx.text(v.get("title")) or "Untitled case",
        classification=ctx.text(v.get("classification")),
        summary=ctx.text(v.get("summary")),
        analyst=ctx.text(v.get("analyst")),
        exported_on=ctx.options.exported_on or date.today(),
        version=__version__,
        redacted=ctx.options.redact,
        counts=(*counts, ("Links", len(ctx.rows[Kind.LINK]))),
    )


def _key_facts(ctx: _Context) -> SectionContent:
    warrants = tuple(
        Entry(
            "", ctx.name(w.id),
            items=(
                Item("Subject", refs=ctx.refs([w.values.get("subject")])),
                Item("Issued by", refs=ctx.refs([w.values.get("issuer")])),
                Item("Status", _status(w.values)),
            ),
            citations=ctx.sources_of(w),
        )
        for w in ctx.rows[Kind.WARRANT]
    )  # fmt: skip
    visits = tuple(
        Entry(
            "", ctx.name(v.id),
            items=(
                Item("Outcome", choice_label(str(v.values.get("outcome") or "unknown"))),
                Item("Host state bound by the Rome Statute", _party_status(ctx, v.values)),
            ),
            citations=ctx.sources_of(v),
        )
        for v in ctx.rows[Kind.VISIT]
    )  # fmt: skip
    groups = tuple(
        Group(title, f"kf-{i}", entries)
        for i, (title, entries) in enumerate((("Warrants and their subjects", warrants), ("Visits", visits)))
        if entries
    )
    intro = "" if groups else "The case records no warrants and no visits."
    return SectionContent(Section.KEY_FACTS, intro, groups)


def _status(values: Mapping[str, object]) -> str:
    status = choice_label(str(values.get("status") or "outstanding"))
    as_of = _date_text(values.get("status_date"))
    sealed = " (sealed)" if values.get("sealed") else ""
    return f"{status}{' as of ' + as_of if as_of else ''}{sealed}"


def _party_status(ctx: _Context, visit: Mapping[str, object]) -> str:
    state = ctx.by_id.get(str(visit.get("state") or ""))
    start, end = safe_date(visit.get("start")), safe_date(visit.get("end"))
    if state is None or start is None:
        return "Cannot be told: the visit's host state or first day is missing."
    iso2 = str(state.values.get("iso2") or "")
    row = ctx.register.row(iso2)
    answers = {ctx.register.bound_during(iso2, d) for d in (start, end or start)}
    if answers == {Bound.YES}:
        verdict = "Yes, on every day of the visit"
    elif answers == {Bound.NO}:
        verdict = "No"
    else:
        verdict = "Undetermined: the recorded dates span a change of status or are too imprecise"
    if row is None:
        return f"{verdict}. The reference data lists {ctx.name(state.id)} as no State Party."
    since = f"in force since {row.entry_into_force.isoformat()}" if row.entry_into_force else "never in force"
    until = f", withdrawal effective {row.withdrawal_effective.isoformat()}" if row.withdrawal_effective else ""
    return f"{verdict} (Rome Statute {since}{until}; source: {row.source})."


# --- Compliance ------------------------------------------------------------------------------------


def _compliance(ctx: _Context) -> SectionContent:
    try:
        findings = findings_for_case(ctx.session)
    except CasefileError as exc:
        return SectionContent(Section.COMPLIANCE, f"The assessment could not be made: {ctx.text(str(exc))}")
    if not findings:
        return SectionContent(Section.COMPLIANCE, "The case records no visits to assess.")
    entries = tuple(_finding(ctx, i, f) for i, f in enumerate(findings))
    intro = (
        "Each finding follows from the records of this case and the shipped States Parties data, step by step. "
        "Claims of immunity and requests for consultation are noted; they do not clear a finding."
    )
    return SectionContent(Section.COMPLIANCE, intro, findings=entries)


def _finding(ctx: _Context, index: int, finding: Finding) -> FindingEntry:
    steps = tuple(
        FindingStep(ctx.text(step.text), choice_label(step.result.value), tuple(_cite(ctx, c) for c in step.citations))
        for step in finding.steps
    )
    visit = ctx.ref(finding.visit_id) or Ref(ctx.text(finding.visit_label))
    confirmed = tuple(ctx.text(d.title) for d in finding.decisions) if finding.confirmed else ()
    return FindingEntry(
        f"finding-{index}", ctx.text(finding.headline), choice_label(finding.status.value), visit, steps,
        ctx.text(finding.reason), confirmed,
    )  # fmt: skip


def _cite(ctx: _Context, citation: Citation) -> Ref:
    record_id = citation.record_id
    label = ctx.text(citation.label)
    source = ctx.text(citation.source)
    if record_id and (ref := ctx.ref(record_id)):
        return ref
    if label.startswith("Art. "):
        article = _article_by_number(ctx, label.removeprefix("Art. "))
        if article is not None and (ref := ctx.ref(article)):
            return Ref(label, ref.anchor, ref.section)
    return Ref(f"{label} ({source})" if source and source != "Rome Statute" else label)


def _article_by_number(ctx: _Context, number: str) -> str | None:
    return next((a.id for a in ctx.rows[Kind.ARTICLE] if a.values.get("number") == number), None)


# --- Chronology --------------------------------------------------------------------------------------


def _chronology(ctx: _Context) -> SectionContent:
    entries = build_chronology(ctx.rows, ctx.name)
    years: dict[int, list[ChronoLine]] = {}
    for e in entries:
        if e.record_id in ctx.redact.pseudonyms:
            continue  # a protected person's roles would point at who they are
        ref = ctx.ref(e.record_id) or Ref(ctx.name(e.record_id))
        line = ChronoLine(
            e.date_text(), e.precision.name.lower(), choice_label(e.event), ctx.text(e.title), ref,
            ctx.cite(e.source_ids),
        )  # fmt: skip
        years.setdefault(e.when.year, []).append(line)
    groups = tuple(Group(str(year), f"chrono-{year}", lines=tuple(lines)) for year, lines in years.items())
    intro = (
        "Every dated record and link, oldest first. A date known only to the month or year is shown as "
        "entered and placed before the events with full dates in that month or year."
    )
    return SectionContent(Section.CHRONOLOGY, intro if groups else "No record of the case carries a date.", groups)


# --- Persons, states and organisations ------------------------------------------------------------


def _cast(ctx: _Context) -> SectionContent:
    makers: tuple[tuple[Kind, Callable[[_Context, RecordData], Entry]], ...] = (
        (Kind.PERSON, _person),
        (Kind.STATE, _state),
        (Kind.ORGANISATION, _organisation),
    )
    groups = tuple(
        Group(spec(kind).plural, f"cast-{kind.value}", tuple(make(ctx, r) for r in ctx.rows[kind]))
        for kind, make in makers
        if ctx.rows[kind]
    )
    return SectionContent(Section.PERSONS, "" if groups else "The case records no persons, states or organisations.",
                          groups)  # fmt: skip


def _person(ctx: _Context, row: RecordData) -> Entry:
    v = row.values
    if row.id in ctx.redact.pseudonyms:
        items = (Item("Identity", "Withheld: this person is marked protected, and this dossier is redacted."),)
        return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id), protected=True)
    held = " – ".join(x for x in (_date_text(v.get("role_from")), _date_text(v.get("role_to"))) if x)
    items = _items(
        ("Role or title", ctx.text(v.get("role")) + (f" ({held})" if held else "")),
        ("Aliases and transliterations", "; ".join(ctx.text(a) for a in v.get("aliases") or [])),
        ("Nationality", ctx.text(v.get("nationality"))),
        ("Notes", ctx.text(v.get("notes"))),
    )
    return Entry(ctx.anchors[row.id], ctx.name(row.id), ctx.text(v.get("original_name")), items, ctx.link_lines(row.id))


def _state(ctx: _Context, row: RecordData) -> Entry:
    v = row.values
    party = ctx.register.row(str(v.get("iso2") or ""))
    status = "Not a State Party (per the reference data)"
    if party is not None and party.entry_into_force:
        until = f"; withdrawal effective {party.withdrawal_effective.isoformat()}" if party.withdrawal_effective else ""
        status = f"Rome Statute in force since {party.entry_into_force.isoformat()}{until} (source: {party.source})"
    items = _items(("ISO 3166 code", ctx.text(v.get("iso2"))), ("ICC", status), ("Notes", ctx.text(v.get("notes"))))
    return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id))


def _organisation(ctx: _Context, row: RecordData) -> Entry:
    v = row.values
    items = _items(("Kind", choice_label(str(v.get("kind") or "other"))), ("Notes", ctx.text(v.get("notes"))))
    return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id))


# --- Warrants and visits ---------------------------------------------------------------------------


def _warrants(ctx: _Context) -> SectionContent:
    entries = tuple(_warrant(ctx, w) for w in ctx.rows[Kind.WARRANT])
    groups = (Group("", "warrants-all", entries),) if entries else ()
    return SectionContent(Section.WARRANTS, "" if entries else "The case records no warrants.", groups)


def _warrant(ctx: _Context, row: RecordData) -> Entry:
    v = row.values
    items = (
        Item("Issued by", refs=ctx.refs([v.get("issuer")])),
        *_items(("Reference", ctx.text(v.get("reference")))),
        Item("Subject", refs=ctx.refs([v.get("subject")])),
        *_items(("Date issued", _date_text(v.get("issued"))), ("Status", _status(v))),
        Item("Public or sealed", "Sealed" if v.get("sealed") else "Public"),
        *_items(("Charges", ctx.text(v.get("charges")))),
        Item("Articles cited", refs=ctx.refs(v.get("articles") or [])),
        *_items(("Notes", ctx.text(v.get("notes")))),
    )
    items = tuple(i for i in items if i.text or i.refs)
    return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id), ctx.sources_of(row))


def _visits(ctx: _Context) -> SectionContent:
    entries = tuple(_visit(ctx, v) for v in ctx.rows[Kind.VISIT])
    groups = (Group("", "visits-all", entries),) if entries else ()
    return SectionContent(Section.VISITS, "" if entries else "The case records no visits.", groups)


def _visit(ctx: _Context, row: RecordData) -> Entry:
    v = row.values
    items = (
        Item("Person", refs=ctx.refs([v.get("person")])),
        Item("Host state", refs=ctx.refs([v.get("state")])),
        *_items(
            ("Place", ctx.text(v.get("place"))),
            ("Dates", _span(v.get("start"), v.get("end"))),
            ("Purpose", ctx.text(v.get("purpose"))),
            ("Outcome", choice_label(str(v.get("outcome") or "unknown"))),
            ("ICC State Party on those dates", _party_status(ctx, v)),
            ("Notes", ctx.text(v.get("notes"))),
        ),
    )
    return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id), ctx.sources_of(row))


# --- Expert commentary ---------------------------------------------------------------------------


def _commentary(ctx: _Context) -> SectionContent:
    about = _quote_targets(ctx)
    groups: dict[str, list[QuoteEntry]] = {}
    for quote in ctx.rows[Kind.QUOTE]:
        targets = about.get(quote.id, [])
        home = targets[0] if targets else ""
        groups.setdefault(home, []).append(_quote(ctx, quote, targets[1:]))
    ordered = sorted(groups, key=lambda target: _group_key(ctx, target))
    built = tuple(
        Group(_group_title(ctx, target), f"commentary-{i}", quotes=tuple(groups[target]),
              intro=_group_intro(ctx, target))
        for i, target in enumerate(ordered)
    )  # fmt: skip
    intro = "Quotes grouped by the article or record they comment on; each gives its speaker, date and source."
    return SectionContent(Section.COMMENTARY, intro if built else "The case records no quotes.", built)


def _quote_targets(ctx: _Context) -> dict[str, list[str]]:
    """For each quote, the records it comments on: articles first, in statute order."""
    out: dict[str, list[str]] = {}
    for link in ctx.rows[Kind.LINK]:
        a, b = link.values.get("from"), link.values.get("to")
        source, target = ctx.by_id.get(a or ""), ctx.by_id.get(b or "")
        if source and target and source.kind == Kind.QUOTE and target.kind not in (Kind.SOURCE, Kind.QUOTE):
            out.setdefault(source.id, []).append(target.id)
    for targets in out.values():
        targets.sort(key=lambda rid: _group_key(ctx, rid))
    return out


def _group_key(ctx: _Context, target: str) -> tuple[int, tuple[object, ...], str]:
    if not target:
        return 2, (), ""
    row = ctx.by_id[target]
    if row.kind == Kind.ARTICLE:
        return 0, _article_key(row), ""
    return 1, (RECORD_KINDS.index(row.kind),), ctx.name(target).casefold()


def _article_key(row: RecordData) -> tuple[object, ...]:
    try:
        return (str(row.values.get("instrument") or ""), ArticleRef.parse(str(row.values.get("number"))).sort_key())
    except ValidationError:
        return (str(row.values.get("instrument") or ""), (9999, "", ()))


def _group_title(ctx: _Context, target: str) -> str:
    if not target:
        return "Quotes not linked to a record"
    title = ctx.text(ctx.by_id[target].values.get("title")) if ctx.by_id[target].kind == Kind.ARTICLE else ""
    return f"{ctx.name(target)} — {title}" if title else ctx.name(target)


def _group_intro(ctx: _Context, target: str) -> str:
    if not target:
        return ""
    return f"{spec(ctx.by_id[target].kind).label}: {ctx.name(target)}"


def _quote(ctx: _Context, row: RecordData, also: Sequence[str]) -> QuoteEntry:
    v = row.values
    speaker = v.get("speaker")
    withheld = speaker in ctx.redact.pseudonyms
    return QuoteEntry(
        anchor=ctx.anchors[row.id],
        text=ctx.text(v.get("text")),
        language=ctx.text(v.get("language")),
        translation=ctx.text(v.get("translation")),
        translation_language=ctx.text(v.get("translation_language")),
        speaker=ctx.ref(speaker),
        speaker_role="" if withheld else ctx.text(v.get("speaker_role")),
        said_on=_date_text(v.get("said_on")),
        pinpoint=ctx.text(v.get("pinpoint")),
        also_about=ctx.refs(also),
        citations=ctx.sources_of(row),
    )


# --- Statute appendix and sources ------------------------------------------------------------------


def _appendix(ctx: _Context) -> SectionContent:
    citing = _citing(ctx)
    articles = sorted(ctx.rows[Kind.ARTICLE], key=_article_key)
    entries = tuple(_article(ctx, a, citing.get(a.id, [])) for a in articles)
    groups = (Group("", "appendix-all", entries),) if entries else ()
    return SectionContent(Section.APPENDIX, "" if entries else "The case cites no statute articles.", groups)


def _citing(ctx: _Context) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for warrant in ctx.rows[Kind.WARRANT]:
        for article in warrant.values.get("articles") or []:
            out.setdefault(article, []).append(warrant.id)
    for link in ctx.rows[Kind.LINK]:
        a, b = link.values.get("from"), link.values.get("to")
        for article, other in ((b, a), (a, b)):
            row = ctx.by_id.get(article or "")
            if row is not None and row.kind == Kind.ARTICLE and other in ctx.by_id:
                out.setdefault(row.id, []).append(str(other))
    return {k: list(dict.fromkeys(v)) for k, v in out.items()}


def _article(ctx: _Context, row: RecordData, citing: list[str]) -> Entry:
    v = row.values
    shown = ctx.refs(citing[:CITED_BY_LIMIT])
    more = len(citing) - len(shown)
    items = (
        *_items(("Instrument", ctx.text(v.get("instrument"))), ("Title", ctx.text(v.get("title")))),
        *_items(("Text", ctx.text(v.get("text")))),
        Item("Cited by", f"and {more:,} more records" if more > 0 else ("" if citing else "No record"), shown),
    )
    return Entry(ctx.anchors[row.id], ctx.name(row.id), ctx.text(v.get("title")), items)


def _source_entry(ctx: _Context, row: RecordData, number: int) -> SourceEntry:
    v = row.values
    reliability, credibility = str(v.get("reliability") or ""), str(v.get("credibility") or "")
    grade = ""
    if reliability or credibility:
        meanings = [RELIABILITY_MEANING.get(reliability, ""), CREDIBILITY_MEANING.get(credibility, "")]
        grade = f"{reliability}{credibility} — " + "; ".join(m for m in meanings if m)
    return SourceEntry(
        number=number,
        anchor=source_anchor(number),
        title=ctx.name(row.id),
        kind=choice_label(str(v.get("kind") or "other")),
        outlet=ctx.name(v.get("outlet")) if v.get("outlet") else "",
        author=ctx.text(v.get("author")),
        url=ctx.text(v.get("url")),
        published=_date_text(v.get("published")),
        accessed=_date_text(v.get("accessed")),
        language=ctx.text(v.get("language")),
        grade=grade,
        notes=ctx.text(v.get("notes")),
    )


# --- Link chart --------------------------------------------------------------------------------------

_FIELD_EDGES = (
    (Kind.WARRANT, "subject", "subject"),
    (Kind.WARRANT, "issuer", "issued by"),
    (Kind.VISIT, "person", "visitor"),
    (Kind.VISIT, "state", "host state"),
    (Kind.QUOTE, "speaker", "said by"),
)


def _chart(ctx: _Context) -> Chart:
    """The most connected records (up to CHART_LIMIT) and the links among them."""
    edges: list[tuple[str, str, str]] = []
    for kind, field, label in _FIELD_EDGES:
        edges += [(r.id, r.values[field], label) for r in ctx.rows[kind] if r.values.get(field) in ctx.by_id]
    for link in ctx.rows[Kind.LINK]:
        a, b = link.values.get("from"), link.values.get("to")
        if a in ctx.by_id and b in ctx.by_id and a != b:
            edges.append((str(a), str(b), ctx.text(link.values.get("kind"))))
    degree: dict[str, int] = {}
    for a, b, _ in edges:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    position = {rid: i for i, rid in enumerate(ctx.by_id)}
    chosen = sorted(degree, key=lambda rid: (-degree[rid], position[rid]))[:CHART_LIMIT]
    chosen.sort(key=position.__getitem__)
    keep = set(chosen)
    nodes = tuple(ChartNode(ctx.anchors[r], _chart_label(ctx, r), ctx.by_id[r].kind.value) for r in chosen)
    drawn = tuple(ChartEdge(ctx.anchors[a], ctx.anchors[b], label) for a, b, label in edges if a in keep and b in keep)
    return Chart(nodes, drawn, omitted=len(degree) - len(chosen))


def _chart_label(ctx: _Context, record_id: str) -> str:
    row = ctx.by_id[record_id]
    if row.kind == Kind.QUOTE:
        return short_quote(ctx.text(row.values.get("text")), 28)
    if row.kind == Kind.WARRANT:
        return f"Warrant for {ctx.name(row.values.get('subject'))}"
    if row.kind == Kind.VISIT:
        return f"Visit to {ctx.name(row.values.get('state'))}"
    name = ctx.name(record_id)
    return name if len(name) <= 40 else name[:39].rstrip() + "…"


_BUILDERS: tuple[tuple[Section, Callable[[_Context], SectionContent]], ...] = (
    (Section.KEY_FACTS, _key_facts),
    (Section.COMPLIANCE, _compliance),
    (Section.CHRONOLOGY, _chronology),
    (Section.PERSONS, _cast),
    (Section.WARRANTS, _warrants),
    (Section.VISITS, _visits),
    (Section.COMMENTARY, _commentary),
    (Section.APPENDIX, _appendix),
)

__all__ = ["SECTION_TITLES", "build_dossier"]
