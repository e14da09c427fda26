"""Builds the frozen Dossier of a case: every section's content, citations numbered, redaction applied."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from casefile import __version__
from casefile.domain.articles import ArticleRef
from casefile.domain.compliance import Citation, Finding
from casefile.domain.compliance_model import CitationKind
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
    PdfOptions,
    QuoteEntry,
    Ref,
    Section,
    SectionContent,
    number_paragraphs,
)
from casefile.domain.errors import CasefileError, ValidationError
from casefile.domain.kinds import RECORD_KINDS, Kind, choice_label, spec
from casefile.domain.parties import Bound, StateParty
from casefile.domain.precedents import Precedent
from casefile.reference import statute_text
from casefile.services.chronology import build_chronology, safe_date
from casefile.services.dossier_context import DossierContext, date_text, labelled, span
from casefile.services.dossier_precedents import annex_ref, numbered, precedents_annex, shorten
from casefile.services.findings import findings_for_case
from casefile.services.labels import short_quote
from casefile.services.redaction import RedactionReport, Redactor
from casefile.services.results import RecordData

CHART_LIMIT = 40  # nodes beyond this make the drawing unreadable on one page
CHART_NEIGHBOURS = 12  # per busy record, so that several neighbourhoods share the page
CITED_BY_LIMIT = 40


def build_dossier(session: Session, options: PdfOptions) -> Dossier:
    """Read the case once and turn it into the Dossier the renderer draws."""
    return build_dossier_and_report(session, options)[0]


def build_dossier_and_report(session: Session, options: PdfOptions) -> tuple[Dossier, RedactionReport]:
    """The Dossier, and the redaction report the analyst reads beside it (never part of the PDF)."""
    ctx = DossierContext(session, options)
    body = number_paragraphs(tuple(make(ctx) for section, make in _BUILDERS if options.has(section)))
    # The summary comes first but is written last, so it can give the paragraph of each finding.
    paras = {f.anchor: f.para for content in body for f in content.findings}
    summary = (_summary(ctx, paras),) if options.has(Section.SUMMARY) else ()
    sections = summary + body
    tail = tuple(SectionContent(s) for s in (Section.SOURCES, Section.LINK_CHART) if options.has(s))
    chart = _chart(ctx) if options.has(Section.LINK_CHART) else Chart()
    return Dossier(_cover(ctx), sections + tail, ctx.sources(), chart, options), ctx.redact.report


# --- Cover and key facts -------------------------------------------------------------------------


def _cover(ctx: DossierContext) -> Cover:
    v = ctx.redact.record(ctx.case).values
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


def _key_facts(ctx: DossierContext) -> SectionContent:
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
    as_of = date_text(values.get("status_date"))
    sealed = " (sealed)" if values.get("sealed") else ""
    return f"{status}{' as of ' + as_of if as_of else ''}{sealed}"


def _party_status(ctx: DossierContext, visit: Mapping[str, object]) -> str:
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
    return f"{verdict} (Rome Statute {since}{until}; {_register_citation(row)})."


def _register_citation(row: StateParty) -> str:
    """The register cited in words fit to print; its raw provenance notes stay in the app."""
    if row.correction_note:
        return row.citation or row.source
    return f"States Parties register, citing {row.citation}" if row.citation else "States Parties register"


# --- Compliance ------------------------------------------------------------------------------------


def _case_findings(ctx: DossierContext) -> list[Finding]:
    """The findings, assessed once per dossier: the summary, the assessment and the annex all use them."""
    cached: list[Finding] | CasefileError | None = getattr(ctx, "_findings", None)
    if cached is None:
        try:
            cached = list(findings_for_case(ctx.session))
        except CasefileError as exc:
            cached = exc
        ctx._findings = cached  # type: ignore[attr-defined]
    if isinstance(cached, CasefileError):
        raise cached
    return cached


def _summary(ctx: DossierContext, paras: Mapping[str, int]) -> SectionContent:
    """The findings in plain words on one page, each with what confirms it or the key record it rests on."""
    findings = _findings_or_why_not(ctx, Section.SUMMARY)
    if isinstance(findings, SectionContent):
        return findings
    entries = []
    for index, finding in enumerate(findings):
        confirmed = [ctx.text(d.title) for d in finding.decisions] if finding.confirmed else []
        confirmed += [_body_text(ctx, p.describe()) for p in finding.rulings] if finding.confirmed else []
        visit = ctx.ref(finding.visit_id) or Ref(ctx.text(finding.visit_label))
        para = paras.get(f"finding-{index}")
        where = f"Finding {index + 1} in the compliance assessment" + (f", para. {para}" if para else "")
        items = (
            Item("Status", choice_label(finding.status.value)),
            Item("Visit", "", (visit,)),
            *labelled(("Why", _body_text(ctx, finding.reason)), ("Confirmed by", "; ".join(dict.fromkeys(confirmed)))),
            Item(
                "Reasoning",
                "",
                (Ref(where, f"finding-{index}", Section.COMPLIANCE),),
            ),
        )
        entries.append(Entry(f"summary-{index}", f"{index + 1}. {ctx.text(finding.headline)}", "", items))
    raised = sum(1 for f in findings if f.status.value == "raised")
    intro = (
        f"{len(findings)} finding{'' if len(findings) == 1 else 's'} on the visits this case records, {raised} raised. "
        "Each says in a sentence why, "
        "and links to its reasoning step by step in the compliance assessment."
    )
    return SectionContent(Section.SUMMARY, intro, (Group("", "summary-all", tuple(entries)),))


def _findings_or_why_not(ctx: DossierContext, section: Section) -> list[Finding] | SectionContent:
    """The findings, or the section saying in words why there are none."""
    try:
        findings = _case_findings(ctx)
    except CasefileError as exc:
        return SectionContent(section, f"The assessment could not be made: {ctx.text(str(exc))}")
    return findings or SectionContent(section, "The case records no visits to assess.")


def _precedent_numbers(ctx: DossierContext) -> dict[Precedent, int]:
    """P1, P2, … for the precedents the findings cite, when the dossier has a Precedents annex to point into."""
    if not ctx.options.has(Section.PRECEDENTS):
        return {}
    cached: dict[Precedent, int] | None = getattr(ctx, "_precedent_numbers", None)
    if cached is None:
        try:
            cached = numbered(_case_findings(ctx))
        except CasefileError:
            cached = {}
        ctx._precedent_numbers = cached  # type: ignore[attr-defined]
    return cached


def _body_text(ctx: DossierContext, text: str) -> str:
    """A finding's words for the body: precedents named briefly, pointing into the annex; then redacted."""
    return ctx.text(shorten(text, _precedent_numbers(ctx)))


def _precedents(ctx: DossierContext) -> SectionContent:
    findings = _findings_or_why_not(ctx, Section.PRECEDENTS)
    return findings if isinstance(findings, SectionContent) else precedents_annex(ctx, findings)


def _compliance(ctx: DossierContext) -> SectionContent:
    findings = _findings_or_why_not(ctx, Section.COMPLIANCE)
    if isinstance(findings, SectionContent):
        return findings
    entries = tuple(_finding(ctx, i, f) for i, f in enumerate(findings))
    intro = (
        "Each finding follows from the records of this case and the shipped States Parties data, step by step. "
        "Claims of immunity and requests for consultation are noted; they do not clear a finding."
    )
    return SectionContent(Section.COMPLIANCE, intro, findings=entries)


def _finding(ctx: DossierContext, index: int, finding: Finding) -> FindingEntry:
    steps = tuple(
        FindingStep(
            _body_text(ctx, step.text), choice_label(step.result.value), tuple(_cite(ctx, c) for c in step.citations)
        )
        for step in finding.steps
    )
    visit = ctx.ref(finding.visit_id) or Ref(ctx.text(finding.visit_label))
    confirmed = tuple(ctx.text(d.title) for d in finding.decisions) if finding.confirmed else ()
    return FindingEntry(
        f"finding-{index}", ctx.text(finding.headline), choice_label(finding.status.value), visit, steps,
        _body_text(ctx, finding.reason), confirmed,
    )  # fmt: skip


def _cite(ctx: DossierContext, citation: Citation) -> Ref:
    if citation.precedent is not None and (number := _precedent_numbers(ctx).get(citation.precedent)):
        return annex_ref(number)
    record_id = citation.record_id
    label = ctx.text(citation.label)
    source = ctx.text(citation.source)
    if record_id and (ref := ctx.ref(record_id)) and ref.text:
        return _marked_if_unsourced(ctx, record_id, ref)
    if label.startswith("Art. "):
        article = _article_by_number(ctx, label.removeprefix("Art. "))
        if article is not None and (ref := ctx.ref(article)):
            return Ref(label, ref.anchor, ref.section)
    if record_id:
        return _marked_if_unsourced(ctx, record_id, Ref(label))
    return Ref(f"{label} ({_first_source(source)})" if source and source != "Rome Statute" else label)


# Records that assert something: each should rest on a source.
_ASSERTING = (Kind.WARRANT, Kind.VISIT, Kind.QUOTE, Kind.LINK)


# Links that tie records together (who comments on what, who speaks for whom, which source reports
# what) are the case's structure; other links assert an event or a claim ("called on", "claimed
# immunity under") and should rest on a source like any record.
_STRUCTURAL_LINKS = frozenset({
    "subject of", "issued by", "visited", "hosted", "comments on", "cites", "contradicts", "corroborates",
    "reported by", "spokesperson for", "member of", "affiliated with", "mentions", "confirms", "concerns",
    "chamber of", "alternative version of",
})  # fmt: skip


def _unsourced(ctx: DossierContext, row: RecordData) -> bool:
    if row.kind not in _ASSERTING or ctx.sources_of(row):
        return False
    if row.kind != Kind.LINK:
        return True
    ends = [ctx.by_id.get(str(row.values.get(end) or "")) for end in ("from", "to")]
    if any(end is not None and end.kind == Kind.SOURCE for end in ends):
        return False  # the link is itself the sourcing
    return str(row.values.get("kind") or "").strip().casefold() not in _STRUCTURAL_LINKS


def _marked_if_unsourced(ctx: DossierContext, record_id: str, ref: Ref) -> Ref:
    row = ctx.by_id.get(record_id)
    if row is None or not _unsourced(ctx, row):
        return ref
    return Ref(f"{ref.text} [unsourced]", ref.anchor, ref.section)


def _evidence_gaps(ctx: DossierContext) -> SectionContent:
    """Every record that asserts something with no source, for the analyst to source or explain."""
    groups = []
    for kind in _ASSERTING:
        entries = tuple(
            Entry(f"gap-{row.id}", _gap_heading(ctx, row), "", labelled(("Note", ctx.text(row.values.get("notes")))))
            for row in ctx.rows[kind]
            if _unsourced(ctx, row)
        )
        if entries:
            groups.append(Group(spec(kind).plural, f"gaps-{kind.value}", entries))
    if not groups:
        return SectionContent(Section.EVIDENCE_GAPS, "Every warrant, visit, quote and link rests on a source.")
    intro = (
        "These records assert something but cite no source. Each is marked [unsourced] where the dossier uses it; "
        "add a source to the record, or say in its note why none exists."
    )
    return SectionContent(Section.EVIDENCE_GAPS, intro, tuple(groups))


def _gap_heading(ctx: DossierContext, row: RecordData) -> str:
    if row.kind == Kind.LINK:
        a, b = row.values.get("from"), row.values.get("to")
        return f"{ctx.name(a)} {row.values.get('kind') or 'linked to'} {ctx.name(b)}"
    return ctx.name(row.id)


def _first_source(source: str) -> str:
    """A reference row's first source, and how many more: a dossier cites, the app keeps the list.
    A closing "(verification: …)" is kept, so a row's doubt still shows."""
    found = re.search(r"\s*\(verification: [^()]*\)$", source)
    tail = found.group(0) if found else ""
    parts = [p.strip() for p in source[: len(source) - len(tail)].split(" ; ") if p.strip()]
    if len(parts) <= 1:
        return source
    more = f", and {len(parts) - 1} more source{'s' if len(parts) > 2 else ''}"
    return f"{parts[0]}{more}{tail}"


def _article_by_number(ctx: DossierContext, number: str) -> str | None:
    return next((a.id for a in ctx.rows[Kind.ARTICLE] if a.values.get("number") == number), None)


# --- Chronology --------------------------------------------------------------------------------------


def _chronology(ctx: DossierContext) -> SectionContent:
    entries = build_chronology(ctx.rows, ctx.name)
    years: dict[int, list[ChronoLine]] = {}
    for e in entries:
        if e.record_id in ctx.redact.pseudonyms:
            continue  # a protected person's roles would point at who they are
        ref = ctx.ref(e.record_id) or Ref(ctx.name(e.record_id))
        row = ctx.by_id.get(e.record_id)
        title = ctx.text(e.title) + (" [unsourced]" if row is not None and _unsourced(ctx, row) else "")
        line = ChronoLine(
            e.date_text(), e.precision.name.lower(), choice_label(e.event), title, ref, ctx.cite(e.source_ids),
        )  # fmt: skip
        years.setdefault(e.when.year, []).append(line)
    groups = tuple(Group(str(year), f"chrono-{year}", lines=tuple(lines)) for year, lines in years.items())
    intro = (
        "Every dated record and link, oldest first. A date known only to the month or year is shown as "
        "entered and placed before the events with full dates in that month or year."
    )
    return SectionContent(Section.CHRONOLOGY, intro if groups else "No record of the case carries a date.", groups)


# --- Persons, states and organisations ------------------------------------------------------------


def _cast(ctx: DossierContext) -> SectionContent:
    makers: tuple[tuple[Kind, Callable[[DossierContext, RecordData], Entry]], ...] = (
        (Kind.PERSON, _person),
        (Kind.STATE, _state),
        (Kind.ORGANISATION, _organisation),
    )
    groups = tuple(
        Group(spec(kind).plural, f"cast-{kind.value}", tuple(make(ctx, r) for r in ctx.rows[kind]),
              columns=_CAST_COLUMNS[kind])
        for kind, make in makers
        if ctx.rows[kind]
    )  # fmt: skip
    return SectionContent(Section.PERSONS, "" if groups else "The case records no persons, states or organisations.",
                          groups)  # fmt: skip


# The cast is a table: a column for each of these facts, after the name and before the notes and links.
_CAST_COLUMNS = {
    Kind.PERSON: ("Role or title", "Nationality"),
    Kind.STATE: ("ISO 3166 code", "ICC"),
    Kind.ORGANISATION: ("Type",),
}


def _person(ctx: DossierContext, row: RecordData) -> Entry:
    v = row.values
    if row.id in ctx.redact.pseudonyms:
        items: tuple[Item, ...] = (
            Item("Identity", "Withheld: this person is marked protected, and this dossier is redacted."),
        )
        return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id), protected=True)
    held = " – ".join(x for x in (date_text(v.get("role_from")), date_text(v.get("role_to"))) if x)
    items = labelled(
        ("Role or title", ctx.text(v.get("role")) + (f" ({held})" if held else "")),
        ("Aliases and transliterations", "; ".join(ctx.text(a) for a in v.get("aliases") or [])),
        ("Nationality", ctx.text(v.get("nationality"))),
        ("Notes", ctx.text(v.get("notes"))),
    )
    return Entry(ctx.anchors[row.id], ctx.name(row.id), ctx.text(v.get("original_name")), items, ctx.link_lines(row.id))


def _state(ctx: DossierContext, row: RecordData) -> Entry:
    v = row.values
    party = ctx.register.row(str(v.get("iso2") or ""))
    status = "Not a State Party (per the reference data)"
    if party is not None and party.entry_into_force:
        until = f"; withdrawal effective {party.withdrawal_effective.isoformat()}" if party.withdrawal_effective else ""
        status = (
            f"Rome Statute in force since {party.entry_into_force.isoformat()}{until} ({_register_citation(party)})"
        )
    items = labelled(("ISO 3166 code", ctx.text(v.get("iso2"))), ("ICC", status), ("Notes", ctx.text(v.get("notes"))))
    return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id))


def _organisation(ctx: DossierContext, row: RecordData) -> Entry:
    v = row.values
    kind = str(v.get("kind") or "other")
    items = labelled(("Type", choice_label(kind)), ("Notes", ctx.text(v.get("notes"))))
    return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id))


# --- Warrants and visits ---------------------------------------------------------------------------


def _warrants(ctx: DossierContext) -> SectionContent:
    entries = tuple(_warrant(ctx, w) for w in ctx.rows[Kind.WARRANT])
    groups = (Group("", "warrants-all", entries),) if entries else ()
    return SectionContent(Section.WARRANTS, "" if entries else "The case records no warrants.", groups)


def _warrant(ctx: DossierContext, row: RecordData) -> Entry:
    v = row.values
    items = (
        Item("Issued by", refs=ctx.refs([v.get("issuer")])),
        *labelled(("Reference", ctx.text(v.get("reference")))),
        Item("Subject", refs=ctx.refs([v.get("subject")])),
        *labelled(("Date issued", date_text(v.get("issued"))), ("Status", _status(v))),
        Item("Public or sealed", "Sealed" if v.get("sealed") else "Public"),
        *labelled(("Charges", ctx.text(v.get("charges")))),
        Item("Articles cited", refs=ctx.refs(v.get("articles") or [])),
        *labelled(("Notes", ctx.text(v.get("notes")))),
    )
    items = tuple(i for i in items if i.text or i.refs)
    return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id), ctx.sources_of(row))


def _visits(ctx: DossierContext) -> SectionContent:
    entries = tuple(_visit(ctx, v) for v in ctx.rows[Kind.VISIT])
    groups = (Group("", "visits-all", entries),) if entries else ()
    return SectionContent(Section.VISITS, "" if entries else "The case records no visits.", groups)


def _visit(ctx: DossierContext, row: RecordData) -> Entry:
    v = row.values
    items = (
        Item("Person", refs=ctx.refs([v.get("person")])),
        Item("Host state", refs=ctx.refs([v.get("state")])),
        *labelled(
            ("Place", ctx.text(v.get("place"))),
            ("Dates", span(v.get("start"), v.get("end"))),
            ("Purpose", ctx.text(v.get("purpose"))),
            ("Outcome", choice_label(str(v.get("outcome") or "unknown"))),
            ("ICC State Party on those dates", _party_status(ctx, v)),
            ("Notes", ctx.text(v.get("notes"))),
        ),
    )
    return Entry(ctx.anchors[row.id], ctx.name(row.id), "", items, ctx.link_lines(row.id), ctx.sources_of(row))


# --- Expert commentary ---------------------------------------------------------------------------


def _commentary(ctx: DossierContext) -> SectionContent:
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


def _quote_targets(ctx: DossierContext) -> dict[str, list[str]]:
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


def _group_key(ctx: DossierContext, target: str) -> tuple[int, tuple[object, ...], str]:
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


def _group_title(ctx: DossierContext, target: str) -> str:
    if not target:
        return "Quotes not linked to a record"
    title = ctx.text(ctx.by_id[target].values.get("title")) if ctx.by_id[target].kind == Kind.ARTICLE else ""
    return f"{ctx.name(target)} — {title}" if title else ctx.name(target)


def _group_intro(ctx: DossierContext, target: str) -> str:
    if not target:
        return ""
    return f"{spec(ctx.by_id[target].kind).label}: {ctx.name(target)}"


def _quote(ctx: DossierContext, row: RecordData, also: Sequence[str]) -> QuoteEntry:
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
        said_on=date_text(v.get("said_on")),
        pinpoint=ctx.text(v.get("pinpoint")),
        also_about=ctx.refs(also),
        citations=ctx.sources_of(row),
        note=ctx.text(v.get("notes")),
    )


# --- Statute appendix and sources ------------------------------------------------------------------


def _appendix(ctx: DossierContext) -> SectionContent:
    """The articles the case records, and those the findings rely on, each with its words."""
    citing = _citing(ctx)
    by_findings = _findings_by_article(ctx)
    articles = sorted(ctx.rows[Kind.ARTICLE], key=_article_key)
    recorded = {str(a.values.get("number") or "") for a in articles}
    keyed: list[tuple[Any, Entry]] = [
        (_article_key(a)[1], _article(ctx, a, citing.get(a.id, []), by_findings.get(str(a.values.get("number")), ())))
        for a in articles
    ]
    relied_on = [n for n in by_findings if n not in recorded]
    keyed += [(_number_key(n), e) for n in relied_on for e in [_library_article(ctx, n, by_findings[n])] if e]
    # In statute order: a paragraph the findings rely on stands after its article.
    entries = [entry for _, entry in sorted(keyed, key=lambda pair: pair[0])]
    groups = (Group("", "appendix-all", tuple(entries)),) if entries else ()
    intro = (
        "The articles the case records and those the findings rely on, with their words from the English text "
        "of the Rome Statute shipped with Casefile (a working reference: for proceedings, use the certified text)."
    )
    return SectionContent(Section.APPENDIX, intro if entries else "The case cites no statute articles.", groups)


def _findings_by_article(ctx: DossierContext) -> dict[str, tuple[Ref, ...]]:
    """Article number ('58(4)') -> the findings whose steps cite it."""
    try:
        findings = _case_findings(ctx)
    except CasefileError:
        return {}
    out: dict[str, list[Ref]] = {}
    for index, finding in enumerate(findings):
        ref = Ref(f"Finding {index + 1}: {ctx.text(finding.headline)}", f"finding-{index}", Section.COMPLIANCE)
        for step in finding.steps:
            for citation in step.citations:
                if citation.kind == CitationKind.ARTICLE and citation.label.startswith("Art. "):
                    refs = out.setdefault(citation.label.removeprefix("Art. "), [])
                    if ref not in refs:
                        refs.append(ref)
    return {number: tuple(refs) for number, refs in out.items()}


def _statute_source(source: str) -> str:
    """The published text cited, without the path of the copy it was read from (that stays in resources/)."""
    return source.split(", as mirrored", 1)[0].strip()


def _number_key(number: str) -> tuple[object, ...]:
    try:
        return ArticleRef.parse(number).sort_key()
    except ValidationError:
        return (9999, number, ())


def _library_article(ctx: DossierContext, number: str, findings: tuple[Ref, ...]) -> Entry | None:
    words = statute_text(number)
    if words is None:
        return None
    items = (
        *labelled(("Text", words.text), ("From", ctx.text(_statute_source(words.source)))),
        Item("Cited by", "", findings),
    )
    anchor = "statute-" + re.sub(r"[^0-9a-z]+", "-", number.lower()).strip("-")
    return Entry(anchor, f"Art. {number}", words.title, items)


def _citing(ctx: DossierContext) -> dict[str, list[str]]:
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


def _article(ctx: DossierContext, row: RecordData, citing: list[str], findings: tuple[Ref, ...] = ()) -> Entry:
    v = row.values
    shown = (*findings, *ctx.refs(citing[:CITED_BY_LIMIT]))
    more = len(citing) - len(shown) + len(findings)
    own_text = ctx.text(v.get("text"))
    rome = str(v.get("instrument") or "Rome Statute").strip().casefold() == "rome statute"
    # An article recorded without its words gets them from the shipped statute text, said so.
    words = statute_text(str(v.get("number") or "")) if not own_text and rome else None
    items = (
        *labelled(("Instrument", ctx.text(v.get("instrument"))), ("Title", ctx.text(v.get("title")))),
        *labelled(("Text", own_text or (words.text if words else ""))),
        *labelled(("From", ctx.text(_statute_source(words.source)) if words else "")),
        Item("Cited by", f"and {more:,} more records" if more > 0 else ("" if shown else "No record"), shown),
    )
    return Entry(ctx.anchors[row.id], ctx.name(row.id), ctx.text(v.get("title")), items)


# --- Link chart --------------------------------------------------------------------------------------

_FIELD_EDGES = (
    (Kind.WARRANT, "subject", "subject"),
    (Kind.WARRANT, "issuer", "issued by"),
    (Kind.VISIT, "person", "visitor"),
    (Kind.VISIT, "state", "host state"),
    (Kind.QUOTE, "speaker", "said by"),
)


def _chart(ctx: DossierContext) -> Chart:
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
    chosen = _neighbourhoods(edges, degree, position)
    chosen.sort(key=position.__getitem__)
    keep = set(chosen)
    nodes = tuple(ChartNode(ctx.anchors[r], _chart_label(ctx, r), ctx.by_id[r].kind.value) for r in chosen)
    drawn = tuple(ChartEdge(ctx.anchors[a], ctx.anchors[b], label) for a, b, label in edges if a in keep and b in keep)
    return Chart(nodes, drawn, omitted=len(degree) - len(chosen))


def _neighbourhoods(edges: list[tuple[str, str, str]], degree: dict[str, int], position: dict[str, int]) -> list[str]:
    """Up to CHART_LIMIT records: the most connected first, each followed by its own neighbours, so that
    every box shown is linked to another one shown (not a scatter of the busiest records)."""
    around: dict[str, set[str]] = {}
    for a, b, _ in edges:
        around.setdefault(a, set()).add(b)
        around.setdefault(b, set()).add(a)

    def busiest(ids: set[str] | list[str]) -> list[str]:
        return sorted(ids, key=lambda rid: (-degree[rid], position[rid]))

    chosen: list[str] = []
    for hub in busiest(list(degree)):
        if len(chosen) >= CHART_LIMIT:
            break
        for rid in [hub, *busiest(around[hub])[:CHART_NEIGHBOURS]]:
            if rid not in chosen and len(chosen) < CHART_LIMIT:
                chosen.append(rid)
    return chosen


def _chart_label(ctx: DossierContext, record_id: str) -> str:
    row = ctx.by_id[record_id]
    if row.kind == Kind.QUOTE:
        return short_quote(ctx.text(row.values.get("text")), 28)
    if row.kind == Kind.WARRANT:
        return f"Warrant for {ctx.name(row.values.get('subject'))}"
    if row.kind == Kind.VISIT:
        return f"Visit to {ctx.name(row.values.get('state'))}"
    name = ctx.name(record_id)
    return name if len(name) <= 40 else name[:39].rstrip() + "…"


_BUILDERS: tuple[tuple[Section, Callable[[DossierContext], SectionContent]], ...] = (
    (Section.KEY_FACTS, _key_facts),
    (Section.COMPLIANCE, _compliance),
    (Section.CHRONOLOGY, _chronology),
    (Section.PERSONS, _cast),
    (Section.WARRANTS, _warrants),
    (Section.VISITS, _visits),
    (Section.COMMENTARY, _commentary),
    (Section.APPENDIX, _appendix),
    (Section.PRECEDENTS, _precedents),
    (Section.EVIDENCE_GAPS, _evidence_gaps),
)

__all__ = ["SECTION_TITLES", "Redactor", "build_dossier"]  # jobs.share takes its pseudonyms from here
