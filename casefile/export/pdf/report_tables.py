"""The chronology and the cast (persons, states, organisations) as tables, one row per event or record.

Each row carries its paragraph number in the margin, like the rest of the body, and its notes.
Every cell is user text through the escaper, so right-to-left text is in visual order and each
script in its own font; long words wrap inside the cell (tables.py splits a row taller than a page).

The cells' markup is written when the table is made, so note numbers follow the reading order
(the story is built a few dozen flowables ahead of the layout); their paragraphs are made only
as the pages need them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from casefile.domain.dossier import ChronoLine, Entry, Group, Item, Ref
from casefile.export.pdf.flowables import CachedParagraph, numbered
from casefile.export.pdf.tables import CELL_PADDING, Row, StreamTable
from casefile.export.pdf.writer import HEADING_LIMIT, Writer, chunks

CHRONOLOGY_WIDTHS = (0.22, 0.12, 0.66)
NAME_WIDTH = 0.26
# Room for each fact column of the cast; the notes and links take what is left.
COLUMN_WIDTHS = {"Role or title": 0.22, "Nationality": 0.13, "ISO 3166 code": 0.1, "ICC": 0.34, "Type": 0.15}
DEFAULT_WIDTH = 0.15
HEADERS = {"ISO 3166 code": "ISO code"}  # a narrow column's header in fewer words
NOTES = "Notes"

Piece = tuple[str, ParagraphStyle, int] | Flowable  # a paragraph's markup, style and number; or a flowable
Spec = list[list[Piece]]  # a row: its cells' pieces


def _built(specs: Iterable[Spec]) -> Iterator[Row]:
    for spec in specs:
        yield [[_flowable(piece) for piece in cell] for cell in spec]


def _flowable(piece: Piece) -> Flowable:
    if isinstance(piece, Flowable):
        return piece
    markup, style, number = piece
    return numbered(markup, style, number, cached=True, inset=CELL_PADDING)


def chronology(w: Writer, group: Group) -> Iterator[Flowable]:
    if group.lines:
        rows = [_chrono_row(w, line) for line in group.lines]
        yield StreamTable(_header(w, ("Date", "Event", "What happened")), _built(rows), CHRONOLOGY_WIDTHS)


def _chrono_row(w: Writer, line: ChronoLine) -> Spec:
    s = w.styles
    precision = "" if line.precision == "day" else f'<br/><font color="#5b6570">({line.precision} only)</font>'
    # The event's own words link to the record's entry; repeating the record's name would say it twice.
    text = w.ref(Ref(line.text, line.ref.anchor, line.ref.section)) + w.notes(line.citations)
    w.tick()
    date = f"<b>{w.esc.markup(line.date)}</b>{precision}"
    return [[(date, s.cell, line.para)], [(w.esc.markup(line.kind), s.cell, 0)], [(text, s.cell, 0)]]


def cast(w: Writer, group: Group, level: int) -> Iterator[Flowable]:
    """A kind's records as rows: name (with original-script name, aliases), a column per fact, notes and links."""
    if not group.entries:
        return
    facts = [COLUMN_WIDTHS.get(label, DEFAULT_WIDTH) for label in group.columns]
    widths = (NAME_WIDTH, *facts, 1 - NAME_WIDTH - sum(facts))
    header = _header(w, ("Name", *(HEADERS.get(c, c) for c in group.columns), "Notes and links"))
    yield StreamTable(header, _built([_cast_row(w, group, entry, level) for entry in group.entries]), widths)


def _cast_row(w: Writer, group: Group, entry: Entry, level: int) -> Spec:
    by_label = {item.label: item for item in entry.items}
    extra = [i for i in entry.items if i.label not in group.columns and i.label != NOTES]
    name = _name_cell(w, entry, extra, level)
    facts = [_item_cell(w, by_label.get(label)) for label in group.columns]
    last = _notes_and_links(w, entry, by_label.get(NOTES))
    if len(entry.heading) > HEADING_LIMIT:
        # A name too long for its narrow cell is cut there and given in full in the widest column, so it
        # reads as one text rather than interleaved, page by page, with the cells beside it.
        last = [*_text(w, "<b>Full name:</b> ", entry.heading, w.styles.cell), *last]
    w.tick()
    return [name, *facts, last]


def _name_cell(w: Writer, entry: Entry, extra: list[Item], level: int) -> list[Piece]:
    s = w.styles
    cell: list[Piece] = [w.mark(entry.anchor, entry.heading, level)] if entry.anchor else []
    shown = entry.heading if len(entry.heading) <= HEADING_LIMIT else entry.heading[: HEADING_LIMIT - 1].rstrip() + "…"
    cell.append((w.esc.markup(shown) + w.notes(entry.citations), s.cell_name, entry.para))
    if entry.subheading:
        cell.append((w.esc.markup(entry.subheading), s.cell, 0))
    for item in extra:
        head = f"{w.esc.markup(item.label)}: {w.refs(item.refs)}" + ("; " if item.refs and item.text else "")
        cell += _text(w, head, item.text, s.cell_meta, w.notes(item.citations))
    return cell


def _item_cell(w: Writer, item: Item | None) -> list[Piece]:
    if item is None:
        return []
    head = w.refs(item.refs) + ("; " if item.refs and item.text else "")
    return _text(w, head, item.text, w.styles.cell, w.notes(item.citations))


def _notes_and_links(w: Writer, entry: Entry, notes: Item | None) -> list[Piece]:
    cell = _item_cell(w, notes)
    for line in entry.links:
        cell += _text(w, w.link_head(line), line.note, w.styles.cell_link, w.notes(line.citations))
    return cell


def _text(w: Writer, head: str, text: str, style: ParagraphStyle, tail: str = "") -> list[Piece]:
    """Markup, user text, markup; a long text in pieces, so a cell taller than a page splits between them."""
    pieces = chunks(text)
    last = len(pieces) - 1
    return [
        ((head if i == 0 else "") + w.esc.markup(piece) + (tail if i == last else ""), style, 0)
        for i, piece in enumerate(pieces)
    ]


def _header(w: Writer, labels: Sequence[str]) -> Row:
    return [[CachedParagraph(w.esc.markup(label), w.styles.cell_head)] for label in labels]
