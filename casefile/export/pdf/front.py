"""The front matter: the cover page and the table of contents."""

from __future__ import annotations

from collections.abc import Iterator

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from casefile.domain.dates import PartialDate
from casefile.domain.dossier import Dossier
from casefile.export.pdf.flowables import TocLine
from casefile.export.pdf.fonts import BOLD, REGULAR
from casefile.export.pdf.styles import INK, MUTED, RULE
from casefile.export.pdf.writer import Writer

CONTENTS_ANCHOR = "sec-contents"
TOC_TITLE_LIMIT = 160  # characters; the full title stands at the heading itself


def cover(w: Writer, dossier: Dossier) -> Iterator[Flowable]:
    c = dossier.cover
    s = w.styles
    yield Spacer(1, 18 * mm)
    if c.classification:
        yield w.text(c.classification, s.cover_marking)
    yield w.text(c.title, s.cover_title)
    if c.redacted:
        yield w.para(
            "<b>Redacted edition.</b> Persons marked protected appear under pseudonyms such as “Witness A”.",
            s.cover_text,
        )
    if c.summary:
        yield from w.paragraphs("", c.summary, s.cover_text)
    yield Spacer(1, 6 * mm)
    meta = [
        ("Analyst", w.esc.markup(c.analyst) if c.analyst else "Not recorded"),
        ("Exported", PartialDate.from_date(c.exported_on).display()),
        ("Produced by", f"Casefile {w.esc.markup(c.version)}"),
    ]
    for label, value in meta:
        yield w.para(f"<b>{label}:</b> {value}", s.cover_meta)
    yield Spacer(1, 8 * mm)
    yield _counts(c.counts)
    w.tick()


def _counts(counts: tuple[tuple[str, int], ...]) -> Table:
    """The number of records of each kind: app labels and numbers only, so a table is safe here."""
    rows = [[label, f"{n:,}"] for label, n in counts]
    table = Table(rows, colWidths=[55 * mm, 25 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 9),
                ("FONT", (1, 0), (1, -1), BOLD, 9),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("TEXTCOLOR", (1, 0), (1, -1), INK),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ]
        )
    )
    return table


def contents(w: Writer, dossier: Dossier) -> Iterator[Flowable]:
    """Every heading with its page number; the numbers are filled in when the build ends."""
    yield w.mark(CONTENTS_ANCHOR, "Contents", 0)
    yield w.para("Contents", w.styles.section)
    for level, title, anchor in dossier.headings():
        w.book.toc_anchors.append(anchor)
        shown = title if len(title) <= TOC_TITLE_LIMIT else title[: TOC_TITLE_LIMIT - 1].rstrip() + "…"
        style = w.styles.toc_0 if level == 0 else w.styles.toc_1
        yield TocLine(w.esc.markup(shown), style, anchor)
    w.tick()
