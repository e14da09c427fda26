"""Shared state of one rendering, and the markup pieces every section uses (refs, notes, items)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from casefile.domain.dossier import Dossier, Item, Ref, section_anchor, source_anchor
from casefile.export.pdf.escaping import Escaper
from casefile.export.pdf.flowables import Mark
from casefile.export.pdf.styles import LINK, Styles
from casefile.export.pdf.template import PageBook


class Writer:
    """What the section builders share: styles, the escaper, the page book and the known anchors."""

    def __init__(self, dossier: Dossier, styles: Styles, escaper: Escaper, book: PageBook, tick: Callable[[], None]):
        self.dossier = dossier
        self.styles = styles
        self.esc = escaper
        self.book = book
        self.tick = tick
        self.anchors = defined_anchors(dossier)

    def para(self, markup: str, style: ParagraphStyle) -> Paragraph:
        return Paragraph(markup, style)

    def text(self, value: object, style: ParagraphStyle) -> Paragraph:
        """A paragraph of user text and nothing else."""
        return Paragraph(self.esc.markup(value), style)

    def mark(self, anchor: str, title: str = "", level: int = 0) -> Mark:
        return Mark(self.book, anchor, self.esc.plain(title)[:200], level)

    def ref(self, ref: Ref) -> str:
        """A mention of a record: a link to its entry when the dossier has one."""
        shown = self.esc.markup(ref.text)
        if ref.anchor in self.anchors:
            return f'<a href="#{ref.anchor}" color="{LINK}">{shown}</a>'
        return shown

    def refs(self, refs: Iterable[Ref]) -> str:
        return "; ".join(self.ref(r) for r in refs)

    def notes(self, numbers: Iterable[int]) -> str:
        """Footnote-style source numbers, each a link to its entry in Sources."""
        links = [
            f'<a href="#{source_anchor(n)}" color="{LINK}">{n}</a>' for n in numbers if source_anchor(n) in self.anchors
        ]
        return f"<super>{','.join(links)}</super>" if links else ""

    def item(self, item: Item) -> Paragraph:
        parts = [p for p in (self.refs(item.refs), self.esc.markup(item.text) if item.text else "") if p]
        value = "; ".join(parts)
        return Paragraph(f"<b>{self.esc.markup(item.label)}:</b> {value}{self.notes(item.citations)}", self.styles.item)


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
