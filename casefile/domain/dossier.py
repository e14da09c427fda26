"""The PDF dossier as plain, frozen data: what the renderer draws, decided before it draws anything."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from casefile.domain.errors import CasefileError, ValidationError
from casefile.domain.sections import Section as Section  # re-exported: the dossier's users import it from here

SECTION_TITLES: dict[Section, str] = {
    Section.COVER: "Cover",
    Section.CONTENTS: "Contents",
    Section.SUMMARY: "Executive summary",
    Section.KEY_FACTS: "Key facts",
    Section.COMPLIANCE: "Compliance assessment",
    Section.CHRONOLOGY: "Chronology",
    Section.PERSONS: "Persons, states and organisations",
    Section.WARRANTS: "Warrants",
    Section.VISITS: "Visits",
    Section.COMMENTARY: "Expert commentary",
    Section.APPENDIX: "Statute appendix",
    Section.PRECEDENTS: "Precedents annex",
    Section.EVIDENCE_GAPS: "Evidence gaps",
    Section.SOURCES: "Sources",
    Section.LINK_CHART: "Link chart",
}


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"


class ExportCancelled(CasefileError):
    """The user cancelled an export; the previous file, if any, is untouched."""


@dataclass(frozen=True)
class PdfOptions:
    """What the user chose in the export dialog or on the command line."""

    sections: frozenset[Section] = frozenset(Section)
    redact: bool = False
    paper: Paper = Paper.A4
    exported_on: date | None = None  # None means today; tests fix it
    deterministic: bool = False  # identical bytes for identical input (ReportLab's invariant mode)

    def has(self, section: Section) -> bool:
        return section in self.sections


def parse_sections(text: str) -> frozenset[Section]:
    """Read 'cover,chronology,sources' (names as in Section); 'all' means every section."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not names:
        raise ValidationError.single("sections", "name at least one section, or 'all'")
    if names == ["all"]:
        return frozenset(Section)
    known = {s.value for s in Section}
    unknown = [n for n in names if n not in known]
    if unknown:
        choices = ", ".join(s.value for s in Section)
        raise ValidationError.single("sections", f"unknown section {', '.join(unknown)}; choose from: {choices}")
    return frozenset(Section(n) for n in names)


@dataclass(frozen=True)
class Ref:
    """A mention of another record: its text, and the anchor of its entry when the dossier has one."""

    text: str
    anchor: str = ""
    section: Section | None = None


@dataclass(frozen=True)
class Item:
    """One labelled line of an entry: 'Issued by: ICC Pre-Trial Chamber II'."""

    label: str
    text: str = ""
    refs: tuple[Ref, ...] = ()
    citations: tuple[int, ...] = ()


@dataclass(frozen=True)
class LinkLine:
    """A link seen from one of its records: 'met → Vladimir Putin (3 September 2024)'."""

    kind: str
    outgoing: bool
    other: Ref
    date: str = ""
    note: str = ""
    citations: tuple[int, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A record's entry in a section: heading, labelled items, links and the sources it cites."""

    anchor: str
    heading: str
    subheading: str = ""
    items: tuple[Item, ...] = ()
    links: tuple[LinkLine, ...] = ()
    citations: tuple[int, ...] = ()
    protected: bool = False
    para: int = 0  # its paragraph number in the body ("para. 14"); 0 outside the numbered body


@dataclass(frozen=True)
class Group:
    """Entries under one sub-heading (Persons, Art. 87(7), 2024), with its own outline entry."""

    title: str
    anchor: str
    entries: tuple[Entry, ...] = ()
    lines: tuple[ChronoLine, ...] = ()
    quotes: tuple[QuoteEntry, ...] = ()
    intro: str = ""
    # When set, the entries are drawn as a table: the heading, then one column for each of these item
    # labels, then the notes and links; other items stand under the heading.
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChronoLine:
    """One dated event of the chronology, its date shown at the precision it was entered."""

    date: str
    precision: str  # "day", "month" or "year"
    kind: str
    text: str
    ref: Ref
    citations: tuple[int, ...] = ()
    para: int = 0


@dataclass(frozen=True)
class QuoteEntry:
    """A verbatim quote with who said it, when, where it was published, and its translation."""

    anchor: str
    text: str
    language: str = ""
    translation: str = ""
    translation_language: str = ""
    speaker: Ref | None = None
    speaker_role: str = ""
    said_on: str = ""
    pinpoint: str = ""
    also_about: tuple[Ref, ...] = ()
    citations: tuple[int, ...] = ()
    note: str = ""  # the analyst's note or caveat: how far the words are verbatim, what is unknown
    para: int = 0


@dataclass(frozen=True)
class SourceEntry:
    """A numbered entry of the bibliography; body notes point here."""

    number: int
    anchor: str
    title: str
    kind: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: str = ""
    accessed: str = ""
    language: str = ""
    grade: str = ""
    notes: str = ""


@dataclass(frozen=True)
class FindingStep:
    text: str
    result: str = ""
    cites: tuple[Ref, ...] = ()
    citations: tuple[int, ...] = ()


@dataclass(frozen=True)
class FindingEntry:
    """One compliance finding for a visit, with its reasoning step by step."""

    anchor: str
    title: str
    status: str
    visit: Ref
    steps: tuple[FindingStep, ...] = ()
    reason: str = ""
    confirmed_by: tuple[str, ...] = ()
    para: int = 0


@dataclass(frozen=True)
class ChartNode:
    id: str
    label: str
    kind: str


@dataclass(frozen=True)
class ChartEdge:
    a: str
    b: str
    label: str


@dataclass(frozen=True)
class Chart:
    nodes: tuple[ChartNode, ...] = ()
    edges: tuple[ChartEdge, ...] = ()
    omitted: int = 0  # records left out to keep the drawing readable


@dataclass(frozen=True)
class Cover:
    title: str
    classification: str
    summary: str
    analyst: str
    exported_on: date
    version: str
    redacted: bool
    counts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class SectionContent:
    """A section's groups, in order; a section with no groups says why in its intro."""

    section: Section
    intro: str = ""
    groups: tuple[Group, ...] = ()
    findings: tuple[FindingEntry, ...] = ()

    @property
    def title(self) -> str:
        return SECTION_TITLES[self.section]


@dataclass(frozen=True)
class Dossier:
    """Everything the renderer needs; it holds no session and no record of the database.

    `sections` lists the body sections the user switched on, in order; the Sources and Link
    chart sections draw from `sources` and `chart`.
    """

    cover: Cover
    sections: tuple[SectionContent, ...]
    sources: tuple[SourceEntry, ...] = ()
    chart: Chart = field(default_factory=Chart)
    options: PdfOptions = field(default_factory=PdfOptions)
    audit_anchor: str = ""  # the case's audit head when exported (domain/audit_anchor.py), in the PDF's keywords

    def has(self, section: Section) -> bool:
        return self.options.has(section)

    def section(self, section: Section) -> SectionContent | None:
        return next((s for s in self.sections if s.section == section), None)

    def headings(self) -> list[tuple[int, str, str]]:
        """(level, title, anchor) of every heading the body will draw, for the contents page."""
        out: list[tuple[int, str, str]] = []
        for content in self.sections:
            out.append((0, content.title, section_anchor(content.section)))
            out += [(1, g.title, g.anchor) for g in content.groups if g.title]
        return out

    def item_count(self) -> int:
        """How many things the renderer will lay out, for progress reports."""
        total = len(self.sources) + 3
        for content in self.sections:
            total += 1 + len(content.findings)
            total += sum(1 + len(g.entries) + len(g.lines) + len(g.quotes) for g in content.groups)
        return total

    def texts(self) -> Iterator[str]:
        """Every user string the dossier will print, for the font coverage check."""
        yield from _cover_texts(self.cover)
        for content in self.sections:
            yield from _section_texts(content)
        for source in self.sources:
            yield from (source.title, source.outlet, source.author, source.url, source.notes, source.kind)
        for node in self.chart.nodes:
            yield node.label
        for edge in self.chart.edges:
            yield edge.label


# The body, whose paragraphs are numbered so a reader can cite "para. 14": not the front matter,
# the executive summary or the annexes.
NUMBERED_SECTIONS = (
    Section.KEY_FACTS, Section.COMPLIANCE, Section.CHRONOLOGY, Section.PERSONS, Section.WARRANTS, Section.VISITS,
    Section.COMMENTARY,
)  # fmt: skip


def number_paragraphs(contents: tuple[SectionContent, ...]) -> tuple[SectionContent, ...]:
    """The sections with each finding, entry, chronology line and quote of the body numbered, one
    count running through the body in reading order (findings, then each group's entries, lines, quotes)."""
    count = 0

    def next_number() -> int:
        nonlocal count
        count += 1
        return count

    out = []
    for content in contents:
        if content.section not in NUMBERED_SECTIONS:
            out.append(content)
            continue
        findings = tuple(replace(f, para=next_number()) for f in content.findings)
        groups = tuple(
            replace(
                g,
                entries=tuple(replace(e, para=next_number()) for e in g.entries),
                lines=tuple(replace(line, para=next_number()) for line in g.lines),
                quotes=tuple(replace(q, para=next_number()) for q in g.quotes),
            )
            for g in content.groups
        )
        out.append(replace(content, findings=findings, groups=groups))
    return tuple(out)


def section_anchor(section: Section) -> str:
    return f"sec-{section.value}"


def source_anchor(number: int) -> str:
    return f"src-{number}"


def _cover_texts(cover: Cover) -> Iterator[str]:
    yield from (cover.title, cover.classification, cover.summary, cover.analyst)


def _section_texts(content: SectionContent) -> Iterator[str]:
    for group in content.groups:
        yield group.title
        yield group.intro
        for entry in group.entries:
            yield from (entry.heading, entry.subheading)
            for item in entry.items:
                yield item.text
                yield from (r.text for r in item.refs)
            for line in entry.links:
                yield from (line.kind, line.other.text, line.note)
        for chrono in group.lines:
            yield from (chrono.text, chrono.ref.text)
        for quote in group.quotes:
            yield from (quote.text, quote.translation, quote.speaker_role, quote.pinpoint, quote.language)
            yield from (quote.translation_language, quote.speaker.text if quote.speaker else "")
            yield from (r.text for r in quote.also_about)
    for finding in content.findings:
        yield from (finding.title, finding.status, finding.visit.text, finding.reason, *finding.confirmed_by)
        for step in finding.steps:
            yield step.text
            yield from (r.text for r in step.cites)
