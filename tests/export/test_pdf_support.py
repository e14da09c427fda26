"""Helpers shared by the PDF dossier tests: exporting, and reading a PDF back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import StreamObject

from casefile.domain.dossier import (
    Cover,
    Dossier,
    Group,
    PdfOptions,
    QuoteEntry,
    Section,
    SectionContent,
)
from casefile.export.pdf.render import RenderResult, render
from casefile.jobs.pdf import PdfReport, export_pdf

EXPORT_DAY = date(2024, 11, 1)


def export(case_path: Path, out: Path, **options: Any) -> PdfReport:
    """Export with a fixed date and deterministic bytes, as every test wants."""
    options.setdefault("exported_on", EXPORT_DAY)
    options.setdefault("deterministic", True)
    return export_pdf(case_path, out, PdfOptions(**options))


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def without_frame(texts: list[str], *frame: str) -> str:
    """The pages' text joined, with the running header and footer taken out of each page."""
    pages = []
    for text in texts:
        text = re.sub(r"Page \d+ of \d+", " ", text)
        for line in frame:
            text = text.replace(line, " ")
        pages.append(text)
    return " ".join(pages)


def flat(text: str) -> str:
    """Whitespace normalised to single spaces."""
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """All whitespace removed: a word broken across lines reads as one again."""
    return re.sub(r"\s+", "", text)


def outline_entries(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number from 1) of every outline entry, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, str(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return out


def decoded_streams(data: bytes) -> list[bytes]:
    """Every stream of the file, decompressed: page contents, forms, fonts and their ToUnicode maps."""
    reader = PdfReader(io.BytesIO(data))
    streams = (reader.get_object(number) for number in range(1, int(reader.trailer["/Size"])))
    return [obj.get_data() for obj in streams if isinstance(obj, StreamObject)]


def link_annotations(reader: PdfReader) -> list[dict[str, Any]]:
    """Every annotation of every page, resolved."""
    found = []
    for page in reader.pages:
        for ref in page.get("/Annots") or []:
            found.append(ref.get_object())
    return found


FRAME_TITLE = "Test dossier"


def quote_dossier(text: str, translation: str = "") -> Dossier:
    """A one-quote dossier built directly, for fast rendering tests of arbitrary text."""
    quote = QuoteEntry("q1", text, translation=translation)
    content = SectionContent(Section.COMMENTARY, groups=(Group("Quotes", "g1", quotes=(quote,)),))
    cover = Cover(FRAME_TITLE, "", "", "", EXPORT_DAY, "0", False)
    options = PdfOptions(sections=frozenset({Section.COMMENTARY}), exported_on=EXPORT_DAY, deterministic=True)
    return Dossier(cover, (content,), options=options)


def render_bytes(dossier: Dossier) -> tuple[bytes, RenderResult]:
    buffer = io.BytesIO()
    result = render(dossier, buffer)
    return buffer.getvalue(), result


def same_dossier(first: bytes, second: bytes) -> bool:
    """Byte for byte, apart from the audit anchor in the keywords: exporting logs itself, so the
    second export of a case records one more audit entry (the anchor keeps its length)."""
    varying = re.compile(rb"casefile-audit-head/1 [0-9]+ [0-9a-f ]+|/ID\s*\[<[0-9a-f]+><[0-9a-f]+>\]")
    return varying.sub(b"-", first) == varying.sub(b"-", second)
