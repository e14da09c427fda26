"""Tables of the dossier (the chronology, the cast), laid out a page at a time.

ReportLab's Table re-creates itself with every remaining row each time it splits across a page,
which makes a table of 50,000 rows quadratic, and it needs all its rows built up front. A
`StreamTable` pulls rows from a generator only as pages need them, and hands each page a plain
LongTable of the rows that fit. The header row is drawn above the first rows and again at the
top of every page the table continues on. A row taller than a page (a 3,000-character word in a
narrow column) is split inside the row, so nothing runs off the page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from reportlab.platypus import Flowable, LongTable, TableStyle

from casefile.export.pdf.fonts import REGULAR
from casefile.export.pdf.styles import RULE

Row = list[list[Flowable]]  # one list of flowables per cell
CELL_PADDING = 3.0  # points between a cell's left edge and its text
FIRST_BATCH = 48  # rows built before the first try; doubled while a page still has room

_STYLE: list[Any] = [  # ReportLab reads the commands by position; their types vary per command
    # Cells hold paragraphs with their own fonts; the table's own font must be ours too, or it would
    # put an unembedded Helvetica into the page's resources.
    ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
]
_HEADER_STYLE: list[Any] = [
    *_STYLE,
    ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
    ("BACKGROUND", (0, 0), (-1, 0), "#eef2f6"),
]


class StreamTable(Flowable):
    """A table fed by a row generator; see the module's docstring."""

    def __init__(self, header: Row, rows: Iterator[Row], widths: Sequence[float], first: bool = True,
                 buffered: Sequence[Row] = ()) -> None:  # fmt: skip
        super().__init__()
        self.header = header
        self.widths = list(widths)  # fractions of the frame's width, adding up to 1
        self._rows = rows
        self._buffer: list[Row] = list(buffered)
        self._done = False
        self.first = first  # the table's start: its header is drawn wherever it lands
        self._table: LongTable | None = None

    def _with_header(self) -> bool:
        frame = getattr(self, "_frame", None)
        return self.first or frame is None or bool(getattr(frame, "_atTop", False))

    def _pull(self, count: int) -> None:
        while len(self._buffer) < count and not self._done:
            try:
                self._buffer.append(next(self._rows))
            except StopIteration:
                self._done = True

    def _make(self, rows: Sequence[Row], width: float) -> LongTable:
        header = self._with_header()
        data = [self.header, *rows] if header else list(rows)
        table = LongTable(data, colWidths=[width * f for f in self.widths], repeatRows=1 if header else 0,
                          splitInRow=1, hAlign="LEFT")  # fmt: skip
        table.setStyle(TableStyle(_HEADER_STYLE if header else _STYLE))
        return table

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        batch = FIRST_BATCH
        while True:
            self._pull(batch)
            table = self._make(self._buffer, availWidth)
            _, height = table.wrap(availWidth, availHeight)
            if height > availHeight or self._done:
                break
            batch *= 2
        self._table = table
        self.width, self.height = availWidth, height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = self._table if self._table is not None else self._make(self._buffer, availWidth)
        parts: list[Any] = table.split(availWidth, availHeight)
        if len(parts) < 2:
            return []
        # Every buffered row went into the table; what did not fit is in the second part, after its header.
        rest = [list(row) for row in parts[1]._cellvalues[1 if table.repeatRows else 0 :]]
        follow = StreamTable(self.header, self._rows, self.widths, first=False, buffered=rest)
        follow._done = self._done
        return [parts[0], follow]

    def draw(self) -> None:
        if self._table is not None:
            self._table.drawOn(self.canv, 0, 0)
