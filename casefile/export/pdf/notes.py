"""Notes per claim: each statement that rests on sources carries its own numbered note.

The body shows a superscript number that links to its note; the notes of a section follow the
section, each giving the source, the pinpoint, the dates and the web address, and linking to
the source's full entry under Sources (with its Admiralty grade). Numbers run through the whole
dossier, so "note 14" names one note. A statement with no source carries no note: the builder
has already marked it "[unsourced]".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph

from casefile.domain.dossier import SourceEntry, source_anchor
from casefile.export.pdf.escaping import Escaper
from casefile.export.pdf.styles import LINK, Styles


def note_anchor(number: int) -> str:
    return f"note-{number}"


@dataclass(frozen=True)
class Note:
    number: int
    sources: tuple[int, ...]
    pinpoint: str = ""  # where in the first source the statement is found ("para. 4", "p. 12")


class Notes:
    """Hands out note numbers in reading order and keeps a section's notes until its end."""

    def __init__(self, sources: Iterable[SourceEntry], linkable: frozenset[str]) -> None:
        self._sources = {s.number: s for s in sources}
        self._linkable = linkable
        self._pending: list[Note] = []
        self.count = 0

    def mark(self, numbers: Iterable[int], pinpoint: str = "") -> str:
        """The superscript note number for a statement citing these sources; '' when it cites none."""
        cited = tuple(n for n in dict.fromkeys(numbers) if n in self._sources and source_anchor(n) in self._linkable)
        if not cited:
            return ""
        self.count += 1
        self._pending.append(Note(self.count, cited, pinpoint))
        return f'<super><a href="#{note_anchor(self.count)}" color="{LINK}">{self.count}</a></super>'

    def flush(self, esc: Escaper, styles: Styles) -> Iterator[Flowable]:
        """The notes given out since the last flush, under a small heading, to close a section. (Table
        cells get their markup, and so their note numbers, when the table is made: see report_tables.py.)"""
        pending, self._pending = self._pending, []
        if not pending:
            return
        yield Paragraph("Notes", styles.notes_heading)
        for note in pending:
            yield Paragraph(self._markup(note, esc), styles.note)

    def _markup(self, note: Note, esc: Escaper) -> str:
        first = source_anchor(note.sources[0])
        number = f'<a name="{note_anchor(note.number)}"/><a href="#{first}" color="{LINK}"><b>{note.number}</b></a>'
        cited = [citation(self._sources[n], esc, note.pinpoint if i == 0 else "") for i, n in enumerate(note.sources)]
        return f"{number}&nbsp;&nbsp;{'; '.join(cited)}."


def citation(source: SourceEntry, esc: Escaper, pinpoint: str = "") -> str:
    """'[3] Title, Outlet, Author, published …, para. 4, https://… (accessed …)', the number a link to Sources."""
    parts = [f'<a href="#{source.anchor}" color="{LINK}">[{source.number}]</a> {esc.markup(source.title)}']
    parts += [esc.markup(x) for x in (source.outlet, source.author) if x]
    if source.published:
        parts.append(f"published {esc.markup(source.published)}")
    if pinpoint:
        parts.append(esc.markup(pinpoint))
    if source.url:
        parts.append(esc.url(source.url))
    if source.accessed:
        parts.append(f"accessed {esc.markup(source.accessed)}")
    return ", ".join(parts)
