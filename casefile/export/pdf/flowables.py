"""Small flowables of our own: destination marks with outline entries, and contents lines."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from casefile.export.pdf.styles import RULE
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
    lines: list[Any] = para.blPara.lines
    if not lines:
        return 0.0
    last = lines[-1]
    extra = last.extraSpace if hasattr(last, "extraSpace") else last[0]
    return float(para.width - para.style.rightIndent - extra)
