"""The page frame of the dossier: page templates, header and footer, and a single-pass build.

"Page X of Y" and the contents page numbers are only known at the end, so they are drawn as
form XObjects that each page refers to by name and that the canvas defines just before it
saves. The whole layout then takes one pass, instead of the two or three of multiBuild.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from casefile.domain.dossier import Paper
from casefile.export.pdf import runs
from casefile.export.pdf.fonts import BOLD, REGULAR
from casefile.export.pdf.styles import MARKING, MUTED, RULE

BODY, CHART = "body", "chart"
MARGIN = 20 * mm
HEADER_SIZE = 7.5
LOOKAHEAD = 32  # flowables built ahead of the layout; enough for any keep-with-next chain of ours


@dataclass
class PageBook:
    """What only the end of the build knows: where each heading landed, and how many pages there are."""

    heading_pages: dict[str, int] = field(default_factory=dict)
    toc_anchors: list[str] = field(default_factory=list)
    pages: int = 0


@dataclass(frozen=True)
class FrameText:
    """The strings of the header and footer, already made safe by the escaper."""

    classification: str
    title: str
    edition: str = ""


@dataclass(frozen=True)
class DocInfo:
    title: str
    subject: str
    author: str
    creator: str
    keywords: str = ""


def page_form(page: int) -> str:
    return f"pageno{page}"


def toc_form(anchor: str) -> str:
    return f"toc_{anchor.replace('-', '_')}"


class DossierCanvas(Canvas):
    """A canvas that, on save, defines the forms holding page numbers and the page count."""

    def __init__(self, *args: Any, book: PageBook, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._book = book

    def save(self) -> None:
        total = self.getPageNumber() - 1  # the build has already shown the last page
        self._book.pages = total
        for page in range(1, total + 1):
            self._number_form(page_form(page), f"Page {page} of {total}", HEADER_SIZE, 260)
        for anchor in self._book.toc_anchors:
            found = self._book.heading_pages.get(anchor)
            self._number_form(toc_form(anchor), str(found) if found else "–", 10, 60)
        super().save()

    def _number_form(self, name: str, text: str, size: float, width: float) -> None:
        self.beginForm(name, round(-width), -4, 0, round(size + 4))
        self.setFont(REGULAR, size)
        self.setFillColor(MUTED)
        self.drawRightString(0, 0, text)
        self.endForm()


class DossierDoc(BaseDocTemplate):
    """Portrait pages for the text and a landscape page for the link chart, all framed alike."""

    def __init__(self, stream: BinaryIO, paper: Paper, info: DocInfo, frame_text: FrameText, invariant: bool) -> None:
        size = A4 if paper == Paper.A4 else LETTER
        super().__init__(
            stream, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 4 * mm,
            bottomMargin=MARGIN, title=info.title, subject=info.subject, author=info.author, creator=info.creator,
            keywords=[info.keywords], invariant=int(invariant), pageCompression=1,
            lang="en",  # the dossier's own words are English; screen readers and text tools read /Lang
            initialFontName=REGULAR,
        )  # fmt: skip
        self.book = PageBook()
        self._frame_text = frame_text
        self.addPageTemplates([self._template(BODY, size), self._template(CHART, landscape(size))])

    def _template(self, name: str, size: tuple[float, float]) -> PageTemplate:
        width, height = size
        frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN - 4 * mm, id=name, showBoundary=0)
        return PageTemplate(id=name, frames=[frame], onPage=self._decorate, pagesize=size)

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        width, height = canv._pagesize  # type: ignore[attr-defined]  # the page's own size; no public getter
        draw_frame(canv, self._frame_text, width, height, self.page)

    def build_stream(self, story: Iterator[Flowable]) -> int:
        """Lay out flowables as the generator yields them; returns the page count."""
        self.build(_Story(story), canvasmaker=self._canvas)  # type: ignore[arg-type]
        return self.book.pages

    def _canvas(self, *args: Any, **kw: Any) -> DossierCanvas:
        return DossierCanvas(*args, book=self.book, **kw)


def draw_frame(canv: Canvas, text: FrameText, width: float, height: float, page: int) -> None:
    """Header and footer: classification marking, case title, edition and 'Page X of Y'."""
    top, bottom = height - MARGIN + 2 * mm, MARGIN - 8 * mm
    usable = width - 2 * MARGIN
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN, top - 2.5 * mm, width - MARGIN, top - 2.5 * mm)
    canv.line(MARGIN, bottom + 4 * mm, width - MARGIN, bottom + 4 * mm)
    canv.setFillColor(MARKING)
    marking = runs.fit(text.classification, BOLD, HEADER_SIZE, usable * 0.45)
    runs.draw(canv, MARGIN, top, marking, BOLD, HEADER_SIZE)
    runs.draw(canv, MARGIN, bottom, marking, BOLD, HEADER_SIZE)
    canv.setFillColor(MUTED)
    title = runs.fit(text.title, REGULAR, HEADER_SIZE, usable * 0.5)
    runs.draw(canv, width - MARGIN, top, title, REGULAR, HEADER_SIZE, "end")
    if text.edition:
        canv.setFont(REGULAR, HEADER_SIZE)
        canv.drawCentredString(width / 2, bottom, text.edition)
    canv.translate(width - MARGIN, bottom)
    canv.doForm(page_form(page))
    canv.restoreState()


def fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten text with an ellipsis until it fits the width; the full text is on the cover."""
    return runs.fit(text, font, size, width)


class _Story:
    """A list-like story fed by a generator, so only a few dozen flowables exist at any time.

    BaseDocTemplate.build only indexes, slices, deletes and inserts near the front of its
    story; this gives it a small buffer for that, and pulls more from the generator on demand.
    A 100,000-quote dossier then never holds 100,000 Paragraphs, and deleting from the front
    stays cheap.
    """

    def __init__(self, source: Iterator[Flowable]) -> None:
        self._buffer: list[Flowable] = []
        self._source = source
        self._done = False

    def _fill(self, count: int) -> None:
        while len(self._buffer) < count and not self._done:
            try:
                self._buffer.append(next(self._source))
            except StopIteration:
                self._done = True

    def __len__(self) -> int:
        self._fill(LOOKAHEAD)
        return len(self._buffer)

    def __getitem__(self, index: int | slice) -> Any:
        self._fill(_reach(index))
        return self._buffer[index]

    def __delitem__(self, index: int | slice) -> None:
        self._fill(_reach(index))
        del self._buffer[index]

    def __setitem__(self, index: int | slice, value: Any) -> None:
        self._buffer[index] = value

    def insert(self, index: int, value: Flowable) -> None:
        self._buffer.insert(index, value)


def _reach(index: int | slice) -> int:
    if isinstance(index, slice):
        return LOOKAHEAD if index.stop is None or index.stop < 0 else index.stop
    return LOOKAHEAD if index < 0 else index + 1
