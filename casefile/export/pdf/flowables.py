"""Small flowables of our own: destination marks with outline entries, contents lines, numbered paragraphs."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from casefile.export.pdf.fonts import REGULAR
from casefile.export.pdf.styles import MUTED, RULE
from casefile.export.pdf.template import PageBook, toc_form

NUMBER_SPACE = 40.0  # room kept at the right of a contents line for its page number


class Mark(Flowable):
    """Zero-size: where it is drawn, it binds a destination and, with a title, an outline entry.

    Drawn just before a heading and kept with it, so the outline, the contents page and every
    cross-reference land where the heading does, however the heading itself splits.
    """

    def __init__(self, book: PageBook, anchor: str, title: str = "", level: int = 0) -> None:
        super().__init__()
        self.book = book
        self.anchor = anchor
        self.title = title
        self.level = level

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def getKeepWithNext(self) -> bool:
        return True

    def draw(self) -> None:
        canv = self.canv
        canv.bookmarkHorizontal(self.anchor, 0, 14)
        if self.title:
            canv.addOutlineEntry(self.title, self.anchor, self.level, closed=self.level >= 1)
        self.book.heading_pages.setdefault(self.anchor, canv.getPageNumber())


class TocLine(Flowable):
    """One contents line: the heading's title, a dotted leader and its page number, all clickable."""

    def __init__(self, markup: str, style: ParagraphStyle, anchor: str) -> None:
        super().__init__()
        self.para = Paragraph(markup, style)
        self.style = style
        self.anchor = anchor

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, height = self.para.wrap(availWidth - NUMBER_SPACE, availHeight)
        self.width, self.height = availWidth, height + self.style.spaceBefore
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        self.para.drawOn(canv, 0, 0)
        baseline = self.style.leading - self.style.fontSize
        end = _last_line_end(self.para) + 4
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setDash(1, 2.5)
        if end < self.width - NUMBER_SPACE + 6:
            canv.line(end, baseline, self.width - NUMBER_SPACE + 10, baseline)
        canv.translate(self.width, baseline)
        canv.doForm(toc_form(self.anchor))
        canv.restoreState()
        canv.linkRect("", self.anchor, (0, 0, self.width, self.height), relative=1, thickness=0)


def _last_line_end(para: Paragraph) -> float:
    """Where the paragraph's last line of text ends, from its left edge."""
    lines: list[Any] = para.blPara.lines  # type: ignore[attr-defined]  # set by wrap(), absent from the stubs
    if not lines:
        return 0.0
    last = lines[-1]
    extra = last.extraSpace if hasattr(last, "extraSpace") else last[0]
    return float(para.width - para.style.rightIndent - extra)


class CachedParagraph(Paragraph):
    """A paragraph that breaks its lines once per width: a table cell is wrapped to measure its row,
    again when the table is built for the page, and again when drawn, always at the same width."""

    _wrapped: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # (A copy ReportLab makes when it splits a table row may lack the broken lines: break again.)
        if self._wrapped is not None and self._wrapped[0] == availWidth and "blPara" in self.__dict__:
            return self._wrapped[1]
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, size)
        return size


class NumberedParagraph(CachedParagraph):
    """A paragraph with its number in the left margin, as in a court's decision, so a reader can cite
    "para. 14". When it splits across pages, only its first part carries the number."""

    number = 0
    NUMBER_SIZE = 8.0
    GAP = 7.0  # points between the number and the text frame
    gap = GAP  # from the paragraph's own left edge: more in a table cell, which is padded

    def draw(self) -> None:
        super().draw()
        if not self.number:
            return
        canv = self.canv
        canv.saveState()
        canv.setFont(REGULAR, self.NUMBER_SIZE)
        canv.setFillColor(MUTED)
        canv.drawRightString(-self.gap, self.height - self.style.fontSize, str(self.number))
        canv.restoreState()

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            part.number = self.number if i == 0 else 0
            part.gap = self.gap
        return parts


def numbered(markup: str, style: ParagraphStyle, number: int, cached: bool = False, inset: float = 0) -> Paragraph:
    """A paragraph carrying its number in the margin; a plain one when it has none (table cells cache).
    `inset` is how far the paragraph stands in from the frame's edge (a cell's padding)."""
    if not number:
        return CachedParagraph(markup, style) if cached else Paragraph(markup, style)
    para = NumberedParagraph(markup, style)
    para.number = number
    para.gap = NumberedParagraph.GAP + inset
    return para
