"""The body sections as generators of flowables, one record at a time, in the dossier's order."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from casefile.domain.dossier import (
    Entry,
    FindingEntry,
    Group,
    LinkLine,
    QuoteEntry,
    Section,
    SectionContent,
    SourceEntry,
    section_anchor,
)
from casefile.export.pdf import report_tables
from casefile.export.pdf.writer import Writer

TABLE_ROOM = 130  # points: a group heading, a table's header row and its first rows


def heading(w: Writer, content: SectionContent) -> Iterator[Flowable]:
    yield w.mark(section_anchor(content.section), content.title, 0)
    yield w.para(w.esc.markup(content.title), w.styles.section)
    if content.intro:
        yield w.text(content.intro, w.styles.intro)


def groups(w: Writer, content: SectionContent) -> Iterator[Flowable]:
    """Each group under its sub-heading, entries below it, one record at a time."""
    for group in content.groups:
        level = 1
        if group.title:
            # A table is not kept whole with its heading (that would push a short table and its heading
            # to the next page, leaving a gap); its heading asks for room for the first rows instead.
            table = bool(group.columns or group.lines)
            yield CondPageBreak(TABLE_ROOM if table else 60)
            yield w.mark(group.anchor, group.title, 1)
            yield from w.heading(group.title, w.styles.table_group if table else w.styles.group)
            level = 2
        else:
            yield w.mark(group.anchor)
        if group.intro:
            yield w.text(group.intro, w.styles.intro)
        if group.columns:
            yield from report_tables.cast(w, group, level)
        else:
            for entry in group.entries:
                yield from _entry(w, entry, level)
                w.tick()
        yield from report_tables.chronology(w, group)
        yield from _quotes(w, group)


def findings(w: Writer, content: SectionContent) -> Iterator[Flowable]:
    for finding in content.findings:
        yield from _finding(w, finding)
        w.tick()


def sources(w: Writer, _content: SectionContent) -> Iterator[Flowable]:
    entries = w.dossier.sources
    if not entries:
        yield w.para("The dossier cites no sources.", w.styles.intro)
    for source in entries:
        if source.notes:
            yield from w.paragraphs(_source(w, source) + "<br/>", source.notes, w.styles.source)
        else:
            yield w.para(_source(w, source), w.styles.source)
        w.tick()


def _entry(w: Writer, entry: Entry, level: int) -> Iterator[Flowable]:
    if entry.anchor:
        yield w.mark(entry.anchor, entry.heading, level)
    yield from w.heading(entry.heading, w.styles.entry, w.notes(entry.citations), entry.para)
    if entry.subheading:
        yield from w.heading(entry.subheading, w.styles.subheading)
    for item in entry.items:
        yield from w.item(item)
    if entry.links:
        yield w.para("<b>Links</b>", w.styles.item)
        for line in entry.links:
            yield from _link(w, line)


def _link(w: Writer, line: LinkLine) -> list[Paragraph]:
    return w.paragraphs(w.link_head(line), line.note, w.styles.link, w.notes(line.citations))


def _quotes(w: Writer, group: Group) -> Iterator[Flowable]:
    for quote in group.quotes:
        if quote.note:
            # A caveat must not be parted from the words it qualifies: they stay on one page. (Only
            # then: keeping every quote together costs a tenth of the layout time of a long dossier.)
            yield KeepTogether(list(_quote(w, quote)))
        else:
            yield from _quote(w, quote)
        w.tick()


def _quote(w: Writer, quote: QuoteEntry) -> Iterator[Flowable]:
    language = f' <font size="7.5" color="#5b6570">[{w.esc.markup(quote.language)}]</font>' if quote.language else ""
    anchor = f'<a name="{quote.anchor}"/>'
    # The pinpoint says where in the source the words are: it goes into the note with the source.
    note = w.notes(quote.citations, quote.pinpoint)
    yield from w.paragraphs(f"{anchor}“", quote.text, w.styles.quote, f"”{language}{note}", quote.para)
    if quote.translation:
        langs = " → ".join(w.esc.markup(x) for x in (quote.language, quote.translation_language) if x)
        label = f"Translation ({langs})" if langs else "Translation"
        yield from w.paragraphs(f"<b>{label}:</b> “", quote.translation, w.styles.quote_meta, "”")
    yield w.para(_attribution(w, quote, with_pinpoint=not note), w.styles.quote_meta)
    if quote.note:
        # A caveat ("English words as reported; the Russian original is not recorded") travels with the words.
        yield from w.paragraphs("<b>Analyst's note:</b> ", quote.note, w.styles.quote_meta, "")
    if quote.also_about:
        yield w.para(f"Also comments on: {w.refs(quote.also_about)}", w.styles.quote_meta)


def _attribution(w: Writer, quote: QuoteEntry, with_pinpoint: bool) -> str:
    speaker = w.ref(quote.speaker) if quote.speaker else "Unattributed"
    parts = [f"— <b>{speaker}</b>"]
    if quote.speaker_role:
        parts.append(w.esc.markup(quote.speaker_role))
    if quote.said_on:
        parts.append(w.esc.markup(quote.said_on))
    if quote.pinpoint and with_pinpoint:
        parts.append(w.esc.markup(quote.pinpoint))
    return " · ".join(parts)


def _finding(w: Writer, finding: FindingEntry) -> Iterator[Flowable]:
    yield CondPageBreak(80)
    yield w.mark(finding.anchor, finding.title, 1)
    yield from w.heading(f"{finding.title} — {finding.status}", w.styles.group, para=finding.para)
    yield w.para(f"<b>Visit:</b> {w.ref(finding.visit)}", w.styles.item)
    if finding.reason:
        yield from w.paragraphs("<b>Why:</b> ", finding.reason, w.styles.item)
    for decision in finding.confirmed_by:
        yield w.para(f"<b>Confirmed by:</b> {w.esc.markup(decision)}", w.styles.item)
    yield Spacer(1, 4)
    for number, step in enumerate(finding.steps, 1):
        result = f' <font color="#5b6570">[{w.esc.markup(step.result)}]</font>' if step.result else ""
        cites = f'<br/><font size="8" color="#5b6570">Rests on:</font> {w.refs(step.cites)}' if step.cites else ""
        yield from w.paragraphs(f"{number}. ", step.text, w.styles.step, f"{result}{cites}")


def _source(w: Writer, source: SourceEntry) -> str:
    """A bibliography entry: every fact a reader needs to find and weigh the source, and what is not recorded."""
    e = w.esc.markup
    kind = f' <font color="#5b6570">({e(source.kind)})</font>' if source.kind else ""
    lines = [f'<a name="{source.anchor}"/><b>[{source.number}]</b> {e(source.title)}{kind}']
    lines.append(f"Outlet: {_or_missing(e(source.outlet))} · Author: {_or_missing(e(source.author))}")
    dates = f"Published: {_or_missing(e(source.published))} · Accessed: {_or_missing(e(source.accessed))}"
    lines.append(dates + (f" · Language: {e(source.language)}" if source.language else ""))
    lines.append(f"URL: {w.esc.url(source.url) if source.url else _MISSING}")
    lines.append(f"Admiralty grade: {e(source.grade) if source.grade else _MISSING_GRADE}")
    return "<br/>".join(lines)


_MISSING = '<font color="#5b6570">not recorded</font>'
_MISSING_GRADE = '<font color="#5b6570">not graded</font>'


def _or_missing(markup: str) -> str:
    return markup or _MISSING


SectionWriter = Callable[[Writer, SectionContent], Iterator[Flowable]]

BODY_WRITERS: dict[Section, tuple[SectionWriter, ...]] = {
    Section.COMPLIANCE: (findings,),
    Section.SOURCES: (sources,),
}


def body(w: Writer, content: SectionContent) -> Iterator[Flowable]:
    """A whole section: its heading, then its findings, groups or sources."""
    yield from heading(w, content)
    for write in BODY_WRITERS.get(content.section, (groups,)):
        yield from write(w, content)
    yield from w.footnotes.flush(w.esc, w.styles)
