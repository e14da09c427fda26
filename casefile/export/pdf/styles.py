"""Paragraph styles and colours of the dossier, all in the DejaVu family."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from casefile.export.pdf.fonts import BOLD, ITALIC, REGULAR

INK = colors.HexColor("#1d2228")
MUTED = colors.HexColor("#5b6570")
ACCENT = colors.HexColor("#1f4e8c")
RULE = colors.HexColor("#c9d1da")
MARKING = colors.HexColor("#a4161a")
QUOTE_BAR = colors.HexColor("#8aa6c8")
LINK = "#1f4e8c"


def _style(name: str, **kw: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": REGULAR, "fontSize": 9.5, "leading": 13, "textColor": INK,
        # A 20,000-character word must wrap, never overflow the frame or raise LayoutError.
        "splitLongWords": 1, "allowWidows": 1, "allowOrphans": 0,
    }  # fmt: skip
    base.update(kw)
    return ParagraphStyle(name, **base)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Styles:
    cover_title: ParagraphStyle
    cover_marking: ParagraphStyle
    cover_text: ParagraphStyle
    cover_meta: ParagraphStyle
    section: ParagraphStyle
    group: ParagraphStyle
    table_group: ParagraphStyle
    entry: ParagraphStyle
    subheading: ParagraphStyle
    body: ParagraphStyle
    intro: ParagraphStyle
    item: ParagraphStyle
    link: ParagraphStyle
    chrono: ParagraphStyle
    quote: ParagraphStyle
    quote_meta: ParagraphStyle
    source: ParagraphStyle
    step: ParagraphStyle
    toc_0: ParagraphStyle
    toc_1: ParagraphStyle
    small: ParagraphStyle
    notes_heading: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_name: ParagraphStyle
    cell_meta: ParagraphStyle
    cell_link: ParagraphStyle


def make_styles() -> Styles:
    return Styles(
        cover_title=_style("cover_title", fontName=BOLD, fontSize=24, leading=30, spaceAfter=10),
        cover_marking=_style(
            "cover_marking",
            fontName=BOLD,
            fontSize=11,
            leading=15,
            textColor=MARKING,
            alignment=TA_CENTER,
            borderColor=MARKING,
            borderWidth=1,
            borderPadding=6,
            spaceBefore=6,
            spaceAfter=18,
        ),
        cover_text=_style("cover_text", fontSize=10.5, leading=15, spaceAfter=8),
        cover_meta=_style("cover_meta", fontSize=9.5, leading=14, textColor=MUTED),
        section=_style(
            "section",
            fontName=BOLD,
            fontSize=17,
            leading=22,
            textColor=ACCENT,
            spaceBefore=4,
            spaceAfter=10,
            keepWithNext=1,
        ),
        group=_style("group", fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=6, keepWithNext=1),
        table_group=_style("table_group", fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=12, spaceAfter=6),
        entry=_style("entry", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=10, spaceAfter=1, keepWithNext=1),
        subheading=_style("subheading", fontSize=9.5, leading=13, textColor=MUTED, spaceAfter=2, keepWithNext=1),
        body=_style("body", spaceAfter=4),
        intro=_style("intro", fontName=ITALIC, textColor=MUTED, spaceAfter=8),
        item=_style("item", leftIndent=12, firstLineIndent=-12, spaceAfter=1.5),
        link=_style("link", fontSize=8.5, leading=11.5, leftIndent=22, firstLineIndent=-10, textColor=INK),
        chrono=_style("chrono", leftIndent=14, firstLineIndent=-14, spaceAfter=5),
        quote=_style("quote", fontSize=10, leading=14, leftIndent=14, borderPadding=(0, 0, 0, 6), spaceBefore=8),
        quote_meta=_style("quote_meta", fontSize=8.5, leading=11.5, leftIndent=14, textColor=MUTED, spaceAfter=2),
        source=_style("source", leftIndent=22, firstLineIndent=-22, spaceAfter=6),
        step=_style("step", fontSize=9, leading=12.5, leftIndent=26, firstLineIndent=-14, spaceAfter=3),
        toc_0=_style("toc_0", fontName=BOLD, fontSize=10.5, leading=15, spaceBefore=5),
        toc_1=_style("toc_1", fontSize=9.5, leading=13, leftIndent=14),
        small=_style("small", fontSize=8, leading=10.5, textColor=MUTED),
        notes_heading=_style(
            "notes_heading",
            fontName=BOLD,
            fontSize=9,
            leading=12,
            textColor=MUTED,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
        cell=_style("cell", fontSize=8.5, leading=11.5),
        cell_head=_style("cell_head", fontName=BOLD, fontSize=8, leading=10.5, textColor=MUTED),
        cell_name=_style("cell_name", fontName=BOLD, fontSize=8.5, leading=11.5),
        cell_meta=_style("cell_meta", fontSize=7.5, leading=10, textColor=MUTED),
        cell_link=_style("cell_link", fontSize=7.5, leading=10, leftIndent=8, firstLineIndent=-8, spaceBefore=1.5),
        note=_style("note", fontSize=8, leading=10.5, leftIndent=16, firstLineIndent=-16, spaceAfter=2),
    )
