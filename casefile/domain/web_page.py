"""What a saved web page says about itself, and its text as passages (pure, standard library only).

The page is only parsed, never rendered: scripts are skipped unread, nothing remote is fetched.
Metadata comes from the tags publishers write for search engines and reference managers
(`citation_*` for Google Scholar and Zotero, Open Graph `og:*`, `article:*`, Dublin Core), in
that order of trust. A saved page (.mhtml) is a MIME message; its HTML part is read the same way.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from html.parser import HTMLParser

from casefile.domain.dates import PartialDate
from casefile.domain.errors import ValidationError


@dataclass(frozen=True)
class Passage:
    pinpoint: str  # "para. 3" for a page, "p. 2" for a PDF
    text: str


@dataclass(frozen=True)
class DocumentFacts:
    kind: str  # a source kind: "web_page", "news_article", "report"…
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None  # ISO partial date
    language: str | None = None
    passages: tuple[Passage, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what the analyst should know (scripts skipped, JavaScript seen)


# Meta names in order of trust, for each fact.
_TITLE = ("citation_title", "dc.title", "og:title", "twitter:title")
_AUTHOR = ("citation_author", "author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
_OUTLET = ("og:site_name", "citation_journal_title", "citation_publisher", "dc.publisher", "application-name")
_PUBLISHED = ("citation_publication_date", "citation_date", "article:published_time", "dc.date",
              "date", "pubdate", "publish-date", "parsely-pub-date", "og:published_time")  # fmt: skip
_URL = ("citation_public_url", "og:url")
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td", "dd", "dt"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "form", "button", "select"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def from_html(html: str, *, saved_url: str | None = None) -> DocumentFacts:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    meta = parser.meta
    kind = "news_article" if _first(meta, ("og:type",)) == "article" or "article:published_time" in meta else "web_page"
    title = _first(meta, _TITLE) or _clean(parser.title_text) or None
    url = parser.canonical or _first(meta, _URL) or saved_url
    notes = []
    if parser.scripts:
        scripts = "1 script" if parser.scripts == 1 else f"{parser.scripts} scripts"
        notes.append(f"{scripts} in the page {'was' if parser.scripts == 1 else 'were'} skipped, never run")
    passages = tuple(Passage(f"para. {i}", text) for i, text in enumerate(parser.blocks, start=1))
    return DocumentFacts(
        kind=kind,
        title=title,
        outlet=_first(meta, _OUTLET),
        author="; ".join(dict.fromkeys(meta.get("citation_author", []))) or _first(meta, _AUTHOR),
        url=url if url and url.startswith(("http://", "https://")) else None,
        published=partial_date(_first(meta, _PUBLISHED)),
        language=(parser.language or "").split("-")[0].lower() or None,
        passages=passages,
        notes=tuple(notes),
    )


def from_mhtml(data: bytes) -> DocumentFacts:
    """A page saved by a browser as one file (.mhtml, .mht): a MIME message with the page inside."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    saved_url = message.get("Snapshot-Content-Location")
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_content()
            location = part.get("Content-Location") or saved_url
            return from_html(html if isinstance(html, str) else html.decode("utf-8", "replace"), saved_url=location)
    raise ValidationError.single("", "the saved page holds no HTML part; save the page again from the browser")


def decode_html(data: bytes) -> str:
    """The page's text by its byte-order mark, its <meta charset>, or UTF-8 (undecodable bytes marked, not fatal)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    declared = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", data[:4096], re.IGNORECASE)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return data.decode(encoding, "replace")
    except LookupError:  # a charset Python does not know
        return data.decode("utf-8", "replace")


def partial_date(text: str | None) -> str | None:
    """'2024-09-02T10:15:00+08:00', '2024/09/02', 'D:20240902…' (PDF) → '2024-09-02'; anything else → None."""
    if not text:
        return None
    value = text.strip().removeprefix("D:")
    if m := re.match(r"^(\d{4})(\d{2})(\d{2})", value):
        value = f"{m[1]}-{m[2]}-{m[3]}"
    value = value.replace("/", "-")[:10]
    try:
        return PartialDate.parse(value).iso()
    except ValidationError:
        return None


def _first(meta: dict[str, list[str]], names: tuple[str, ...]) -> str | None:
    for name in names:
        for value in meta.get(name, []):
            if value.strip():
                return _clean(value)
    return None


def _clean(text: str) -> str:
    return " ".join(text.split())


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.canonical: str | None = None
        self.language: str | None = None
        self.title_text = ""
        self.blocks: list[str] = []
        self.scripts = 0
        self._skipping: list[str] = []
        self._in_title = False
        self._block: list[str] | None = None
        self._block_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and values.get("lang"):
            self.language = values["lang"]
        elif tag == "meta":
            key = (values.get("name") or values.get("property") or values.get("itemprop") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, []).append(values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href")
        elif tag == "title" and not self._skipping:
            self._in_title = True
        if tag in _VOID:
            return
        if tag == "script":
            self.scripts += 1
        if tag in _SKIP:
            self._skipping.append(tag)
        elif tag in _BLOCKS and not self._skipping:
            if self._block is None:
                self._block, self._block_depth = [], 0
            self._block_depth += 1
        elif tag == "br" and self._block is not None:
            self._block.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        elif tag in _BLOCKS and self._block is not None:
            self._block_depth -= 1
            if self._block_depth <= 0:
                text = _clean("".join(self._block))
                if text:
                    self.blocks.append(text)
                self._block = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_text += data
        elif self._block is not None and not self._skipping:
            self._block.append(data)
