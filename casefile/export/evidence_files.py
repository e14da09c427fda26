"""Reading a saved web page (.html, .mhtml) or a PDF an analyst keeps as evidence: its facts and text.

The file itself is stored untouched as an attachment; what is read here is derived from it and
can always be read again. Nothing in the file is run or fetched: HTML is only parsed, and a PDF's
JavaScript is never executed (pypdf does not run it; we say it was there).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from casefile.domain.errors import CasefileError
from casefile.domain.web_page import DocumentFacts, Passage, decode_html, from_html, from_mhtml, partial_date

# A saved article is a few megabytes at most; a 100 MB "page" is not one, and parsing it would
# keep the analyst waiting for nothing.
MAX_PAGE_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 3000
MAX_TEXT_CHARS = 20_000_000
KINDS = {"html": "a web page", "mhtml": "a saved web page", "pdf": "a PDF"}


class NotEvidence(CasefileError):
    """The file is not a web page or PDF Casefile can read, or it cannot be read safely."""


def file_type(name: str, data: bytes) -> str:
    """'pdf', 'mhtml' or 'html', by the file's first bytes (its name only breaks a tie)."""
    head = data[:2048].lstrip()
    lowered = head.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    mime_headers = (b"mime-version:", b"from:", b"snapshot-content-location:")
    if lowered.startswith(mime_headers) or b"multipart/related" in lowered:
        return "mhtml"
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta")) or b"<html" in lowered:
        return "html"
    suffix = PurePath(name).suffix.lower()
    if suffix in (".html", ".htm") and b"<" in head:
        return "html"
    raise NotEvidence(
        f"'{name}' is not a web page (.html, .mhtml) or a PDF that Casefile can read.",
        "Save the article from the browser (File › Save Page As…) or choose its PDF.",
    )


def read_facts(name: str, data: bytes) -> DocumentFacts:
    kind = file_type(name, data)
    if kind in ("html", "mhtml") and len(data) > MAX_PAGE_BYTES:
        raise NotEvidence(
            f"'{name}' has {len(data):,} bytes; a saved web page is far smaller (the limit is {MAX_PAGE_BYTES:,}).",
            "If it is an article, save it again as 'Web Page, HTML only'; otherwise attach it to a source as a file.",
        )
    if kind == "mhtml":
        return from_mhtml(data)
    if kind == "html":
        return from_html(decode_html(data))
    return _pdf_facts(name, data)


def _pdf_facts(name: str, data: bytes) -> DocumentFacts:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        notes = []
        if reader.is_encrypted:
            # Many PDFs are "encrypted" only against editing, with an empty password to open them.
            if not reader.decrypt(""):
                raise NotEvidence(
                    f"'{name}' is protected by a password, so Casefile cannot read its text.",
                    "Open it in a PDF reader with the password and save an unprotected copy, then choose that.",
                )
            notes.append("the PDF is encrypted with an empty password; its text was read")
        if _has_javascript(reader):
            notes.append("the PDF contains JavaScript, which Casefile never runs")
        info: Mapping[str, Any] = reader.metadata or {}
        passages, pages = _pdf_pages(reader, notes)
    except NotEvidence:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, IndexError, RecursionError, MemoryError) as exc:
        raise NotEvidence(
            f"'{name}' could not be read as a PDF ({type(exc).__name__}).",
            "Open it in a PDF reader; if it shows there, print it to a new PDF and choose that.",
        ) from None
    first_line = next((p.text.split("\n")[0] for p in passages if p.text.strip()), None)
    title = _text(info.get("/Title")) or (first_line[:200] if first_line else None)
    return DocumentFacts(
        kind="report",
        title=title,
        author=_text(info.get("/Author")),
        published=partial_date(_text(info.get("/CreationDate"))),
        passages=tuple(passages),
        notes=(*notes, f"{pages} pages"),
    )


def _pdf_pages(reader: object, notes: list[str]) -> tuple[list[Passage], int]:
    pages = reader.pages  # type: ignore[attr-defined]
    count = len(pages)
    passages: list[Passage] = []
    total = 0
    for number, page in enumerate(pages, start=1):
        if number > MAX_PDF_PAGES or total > MAX_TEXT_CHARS:
            notes.append(f"only the first {number - 1} pages were read for the reader pane")
            break
        text = (page.extract_text() or "").strip()
        total += len(text)
        if text:
            passages.append(Passage(f"p. {number}", text))
    return passages, count


def _has_javascript(reader: object) -> bool:
    root = reader.trailer.get("/Root", {})  # type: ignore[attr-defined]
    names = root.get("/Names", {}) if hasattr(root, "get") else {}
    action = root.get("/OpenAction") if hasattr(root, "get") else None
    return bool(hasattr(names, "get") and names.get("/JavaScript")) or "/JS" in str(action or "")


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None
