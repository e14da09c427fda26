"""One line of text drawn straight on the canvas (headers, chart labels) in the right fonts and order.

Paragraphs get their script fonts as markup (escaping.py); a canvas string has one font, so a
line is cut into runs, each drawn in the font of its script, after right-to-left text has been
put in visual order.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Group, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from casefile.export.pdf import fonts
from casefile.export.pdf.escaping import script_runs, visual_order

Run = tuple[str, str]  # (font name, text)


def runs(text: str, base: str) -> list[Run]:
    """The line in visual order, cut into runs with the font each must be drawn in."""
    bold = base in (fonts.BOLD, fonts.BOLD_ITALIC)
    return [(base if family is None else family + ("-Bold" if bold else ""), part)
            for family, part in script_runs(visual_order(text))]  # fmt: skip


def width(text: str, base: str, size: float) -> float:
    return sum(stringWidth(part, font, size) for font, part in runs(text, base))


def fit(text: str, base: str, size: float, room: float) -> str:
    """Shorten text with an ellipsis until it fits; the full text is on the cover."""
    if width(text, base, size) <= room:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if width(text[:middle] + "…", base, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def draw(canv: Canvas, x: float, y: float, text: str, base: str, size: float, anchor: str = "start") -> None:
    """Draw a line starting at, ending at or centred on x ("start", "end", "middle")."""
    x = _start(x, width(text, base, size), anchor)
    for font, part in runs(text, base):
        canv.setFont(font, size)
        canv.drawString(x, y, part)
        x += stringWidth(part, font, size)


def strings(x: float, y: float, text: str, base: str, size: float, fill: Color, anchor: str = "middle") -> Group:
    """The same line as graphics strings, for drawings such as the link chart."""
    group = Group()
    x = _start(x, width(text, base, size), anchor)
    for font, part in runs(text, base):
        group.add(String(x, y, part, fontName=font, fontSize=size, fillColor=fill))
        x += stringWidth(part, font, size)
    return group


def _start(x: float, total: float, anchor: str) -> float:
    return x - total if anchor == "end" else x - total / 2 if anchor == "middle" else x
