"""Renders a Dossier to PDF bytes in one pass, reporting progress and honouring cancellation."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from reportlab import rl_config
from reportlab.platypus import CondPageBreak, Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer

from casefile.domain.dossier import Dossier, ExportCancelled, Section, SectionContent, section_anchor
from casefile.export.pdf import fonts, front, sections
from casefile.export.pdf.chart import LinkChart, legend
from casefile.export.pdf.escaping import Escaper
from casefile.export.pdf.styles import make_styles
from casefile.export.pdf.template import BODY, CHART, DocInfo, DossierDoc, FrameText
from casefile.export.pdf.writer import Writer

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class RenderResult:
    pages: int
    uncovered: tuple[str, ...]  # characters the font cannot draw, shown as code-point tags such as [U+4E2D]


class _Ticker:
    """Counts laid-out items; reports progress now and then, and stops the build when cancelled."""

    def __init__(self, total: int, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled
        self._last = 0.0

    def __call__(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._last < 0.05:  # about 20 reports a second keep a progress bar smooth and cheap
            return
        self._last = now
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled("The export was cancelled.", "Nothing was written.")
        if self._progress is not None:
            self._progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total)


def render(
    dossier: Dossier, stream: BinaryIO, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> RenderResult:
    """Write the dossier as PDF to the stream."""
    fonts.register()
    # Binary streams instead of ASCII85 text: 8% faster and smaller files; every PDF reader accepts them.
    rl_config.useA85 = 0
    uncovered = fonts.uncovered(dossier.texts())
    escaper = Escaper(fonts.coverage())
    doc = DossierDoc(stream, dossier.options.paper, _info(dossier, escaper), _frame_text(dossier, escaper),
                     dossier.options.deterministic)  # fmt: skip
    if _first_is_chart(dossier):
        doc.pageTemplates.reverse()  # the first page template is the first page's
    ticker = _Ticker(dossier.item_count(), progress, cancelled)
    writer = Writer(dossier, make_styles(), escaper, doc.book, ticker)
    pages = doc.build_stream(story(writer, dossier))
    ticker.finish()
    return RenderResult(pages, tuple(uncovered))


def _info(dossier: Dossier, esc: Escaper) -> DocInfo:
    cover = dossier.cover
    edition = "Redacted case dossier" if cover.redacted else "Case dossier"
    marking = esc.metadata(cover.classification)
    return DocInfo(
        title=esc.metadata(cover.title),
        subject=f"{edition} — {marking}" if marking else edition,
        author=esc.metadata(cover.analyst),
        creator=f"Casefile {cover.version}",
        keywords=dossier.audit_anchor,
    )


def _frame_text(dossier: Dossier, esc: Escaper) -> FrameText:
    edition = "REDACTED EDITION" if dossier.cover.redacted else ""
    return FrameText(esc.plain(dossier.cover.classification), esc.plain(dossier.cover.title), edition)


def _first_is_chart(dossier: Dossier) -> bool:
    front_matter = dossier.has(Section.COVER) or dossier.has(Section.CONTENTS)
    return not front_matter and bool(dossier.sections) and dossier.sections[0].section == Section.LINK_CHART


def story(w: Writer, dossier: Dossier) -> Iterator[Flowable]:
    """Every flowable of the dossier, in order, made one at a time as the layout asks for them."""
    started = False
    if dossier.has(Section.COVER):
        yield from front.cover(w, dossier)
        started = True
    if dossier.has(Section.CONTENTS):
        yield from _page_break(started)
        yield from front.contents(w, dossier)
        started = True
    in_body = False
    for content in dossier.sections:
        if content.section == Section.LINK_CHART:
            yield from _page_break(started, CHART)
            yield from _chart(w, content)
        elif in_body and content.section not in _OWN_PAGE:
            # A section follows the last one on its page when a good part of the page is left, so no
            # page stands mostly empty; its heading keeps with what follows.
            yield Spacer(1, 18)
            yield CondPageBreak(_ROOM_FOR_A_SECTION)
            yield from sections.body(w, content)
        else:
            yield from _page_break(started, BODY)
            yield from sections.body(w, content)
            in_body = content.section not in _OWN_PAGE
        started = True
    if not started:
        yield Paragraph("No section was chosen for this dossier.", w.styles.intro)


# The summary is read on its own; the statute annex and the sources are looked things up in.
_OWN_PAGE = frozenset({Section.SUMMARY, Section.APPENDIX, Section.SOURCES})
_ROOM_FOR_A_SECTION = 220  # points: about a third of an A4 text frame


def _page_break(started: bool, template: str = BODY) -> Iterator[Flowable]:
    if started:
        yield NextPageTemplate(template)
        yield PageBreak()


def _chart(w: Writer, content: SectionContent) -> Iterator[Flowable]:
    chart = w.dossier.chart
    yield w.mark(section_anchor(content.section), content.title, 0)
    yield w.para(w.esc.markup(content.title), w.styles.section)
    if not chart.nodes:
        yield w.para("The case has no linked records to draw.", w.styles.intro)
        return
    drawing = LinkChart(chart, w.esc.plain, w.anchors)
    count = len(chart.nodes)
    if chart.omitted:
        shown = (f"Showing {count} of {count + chart.omitted:,} linked records: the most connected and their "
                 "neighbours, with the links among them")  # fmt: skip
    else:
        shown = f"All {count} linked records and the links among them"
    left = drawing.labels_left_out
    labels = (
        f" The kinds of {left} link{'s' if left != 1 else ''} are left out where there was no room." if left else ""
    )
    yield w.para(f"{shown}. Each box links to its entry in this dossier.{labels}", w.styles.intro)
    yield legend({n.kind for n in chart.nodes})
    yield Spacer(1, 6)
    yield drawing
    w.tick()
