"""Shared state of one rendering, and the markup pieces every section uses (refs, notes, items)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from casefile.domain.dossier import Dossier, Item, LinkLine, Ref, section_anchor
from casefile.export.pdf.escaping import Escaper
from casefile.export.pdf.flowables import Mark, numbered
from casefile.export.pdf.notes import Notes
from casefile.export.pdf.styles import LINK, Styles
from casefile.export.pdf.template import PageBook

HEADING_LIMIT = 300  # characters; a heading kept with the next paragraph must never outgrow a page
# ReportLab re-breaks the rest of a paragraph on every page it spills onto, so one huge paragraph
# costs time quadratic in its length (20,000 words: 8 s). Long texts go out in pieces this size.
CHUNK = 2000


class Writer:
    """What the section builders share: styles, the escaper, the page book and the known anchors."""

    def __init__(self, dossier: Dossier, styles: Styles, escaper: Escaper, book: PageBook, tick: Callable[[], None]):
        self.dossier = dossier
        self.styles = styles
        self.esc = escaper
        self.book = book
        self.tick = tick
        self.anchors = defined_anchors(dossier)
        self.footnotes = Notes(dossier.sources, self.anchors)
        self._variants: dict[tuple[str, bool, bool], ParagraphStyle] = {}

    def para(self, markup: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(markup, style)

    def text(self, value: object, style: ParagraphStyle) -> Paragraph:
        """A paragraph of user text and nothing else."""
        return Paragraph(self.esc.markup(value), style)

    def paragraphs(self, head: str, text: str, style: ParagraphStyle, tail: str = "", para: int = 0) -> list[Paragraph]:
        """Markup, then user text, then markup; a long text becomes several paragraphs that read as one.
        With a paragraph number, the first carries it in the margin."""
        pieces = chunks(text)
        out = []
        for i, piece in enumerate(pieces):
            first, last = i == 0, i == len(pieces) - 1
            markup = (head if first else "") + self.esc.markup(piece) + (tail if last else "")
            shape = style if first and last else self._variant(style, first, last)
            out.append(numbered(markup, shape, para if first else 0))
        return out

    def _variant(self, style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
        key = (style.name, first, last)
        if key not in self._variants:
            changes: dict[str, Any] = {} if first else {"firstLineIndent": 0, "spaceBefore": 0}
            if not last:
                changes["spaceAfter"] = 0
            self._variants[key] = ParagraphStyle(f"{style.name}-{first}-{last}", parent=style, **changes)
        return self._variants[key]

    def heading(self, text: str, style: ParagraphStyle, extra: str = "", para: int = 0) -> list[Paragraph]:
        """A heading that always fits on a page: a longer text is cut, and then given in full below it.
        With a paragraph number, the heading carries it in the margin."""
        if len(text) <= HEADING_LIMIT:
            return [numbered(self.esc.markup(text) + extra, style, para)]
        short = text[: HEADING_LIMIT - 1].rstrip() + "…"
        return [numbered(self.esc.markup(short) + extra, style, para), *self.paragraphs("", text, self.styles.body)]

    def mark(self, anchor: str, title: str = "", level: int = 0) -> Mark:
        return Mark(self.book, anchor, self.esc.metadata(title)[:200], level)

    def ref(self, ref: Ref) -> str:
        """A mention of a record: a link to its entry when the dossier has one."""
        shown = self.esc.markup(ref.text)
        if ref.anchor in self.anchors:
            return f'<a href="#{ref.anchor}" color="{LINK}">{shown}</a>'
        return shown

    def refs(self, refs: Iterable[Ref]) -> str:
        return "; ".join(self.ref(r) for r in refs)

    def notes(self, numbers: Iterable[int], pinpoint: str = "") -> str:
        """The statement's note number, a link to its note at the end of the section (notes.py)."""
        return self.footnotes.mark(numbers, pinpoint)

    def link_head(self, line: LinkLine) -> str:
        """'→ met Vladimir Putin (3 September 2024) — ', before the link's note."""
        arrow = "→" if line.outgoing else "←"
        head = f"{arrow} {self.esc.markup(line.kind)} {self.ref(line.other)}"
        if line.date:
            head += f" ({self.esc.markup(line.date)})"
        return head + (" — " if line.note else "")

    def item(self, item: Item) -> list[Paragraph]:
        head = f"<b>{self.esc.markup(item.label)}:</b> {self.refs(item.refs)}"
        if item.refs and item.text:
            head += "; "
        return self.paragraphs(head, item.text, self.styles.item, self.notes(item.citations))


def defined_anchors(dossier: Dossier) -> frozenset[str]:
    """Every destination the rendering will draw; links go only to these."""
    found: set[str] = {section_anchor(s.section) for s in dossier.sections}
    found.update(s.anchor for s in dossier.sources)
    for content in dossier.sections:
        found.update(f.anchor for f in content.findings)
        for group in content.groups:
            found.add(group.anchor)
            found.update(e.anchor for e in group.entries if e.anchor)
            found.update(q.anchor for q in group.quotes)
    return frozenset(found)


def chunks(text: str, limit: int = CHUNK) -> list[str]:
    """Cut a long text at line ends, else sentence ends, else spaces, else anywhere; short text stays whole."""
    pieces = []
    while len(text) > limit:
        window = text[:limit]
        cut = window.rfind("\n")
        if cut < limit // 2:
            cut = max(window.rfind(". "), window.rfind(" "))
        if cut < limit // 2:
            pieces.append(window)
            text = text[limit:]
            continue
        pieces.append(text[: cut + 1].rstrip())
        text = text[cut + 1 :]
    pieces.append(text)
    return pieces
