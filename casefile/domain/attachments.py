"""Evidence attachments as pure rules: media type from content, hashes, and file names safe to write anywhere."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from casefile.domain.errors import CasefileError, DamagedCaseFile

# Enough of the start of a file for every magic number and for a saved page's header block.
SNIFF_BYTES = 4096
# Attachments are held in memory while stored and exported, and SQLite's default limit for one
# value is 1 GB; 256 MiB covers scanned reports and saved pages with a wide margin below both.
MAX_ATTACHMENT_BYTES = 256 * 1024 * 1024
TOO_BIG_HINT = "Split the file, or keep it outside the case and cite it from the source's notes."


def too_big(size: int, name: str = "The file") -> str | None:
    """The one message for a file over the attachment limit, wherever it arrives; None when it fits."""
    if size <= MAX_ATTACHMENT_BYTES:
        return None
    return f"{name} has {size:,} bytes; attachments are limited to {MAX_ATTACHMENT_BYTES:,} bytes."


# Room under the 255-byte NAME_MAX of common file systems for " (9999)" and atomic_write's temp name.
MAX_NAME_BYTES = 200
FALLBACK_STEM = "attachment"
# Stored file names are for display only, but a hostile file must not fill memory with one.
MAX_STORED_NAME_CHARS = 1000

PDF, PNG, JPEG, GIF, WEBP = "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"
ZIP, HTML, SVG, MHTML, EMAIL = "application/zip", "text/html", "image/svg+xml", "multipart/related", "message/rfc822"
TEXT, BINARY = "text/plain", "application/octet-stream"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# OpenDocument and EPUB files start with a stored entry "mimetype" naming their type; only these are believed.
_ZIP_MIMETYPES = frozenset(
    {
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.oasis.opendocument.graphics",
        "application/epub+zip",
    }
)
# The tags the WHATWG sniffing algorithm takes as the start of an HTML document.
_HTML_STARTS = (
    b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1", b"<div", b"<font", b"<table", b"<a",
    b"<style", b"<title", b"<b", b"<body", b"<br", b"<p",
)  # fmt: skip
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:[^\r\n]*$|^[ \t][^\r\n]*$")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")

# The extensions a file of each type may keep; the first is the one added when the name has none of them.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg", ".jpe"),
    GIF: (".gif",),
    WEBP: (".webp",),
    ZIP: (".zip", ".docx", ".xlsx", ".pptx"),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "application/vnd.oasis.opendocument.presentation": (".odp",),
    "application/vnd.oasis.opendocument.graphics": (".odg",),
    "application/epub+zip": (".epub",),
    HTML: (".html", ".htm"),
    SVG: (".svg",),
    MHTML: (".mhtml", ".mht"),
    EMAIL: (".eml",),
    TEXT: (".txt", ".md", ".csv", ".tsv", ".log"),
    BINARY: (".bin",),
}

# Names Windows maps to devices whatever their extension; writing "CON.pdf" there writes to the console.
_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in [*"0123456789", "¹", "²", "³"]}
)
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"|?*]')
_SEPARATORS = re.compile(r"[/\\]")
# Control, format (bidi overrides, zero-width and BOM), surrogate and line/paragraph separator characters.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


class AttachmentDamaged(DamagedCaseFile):
    """A stored attachment's bytes no longer match the SHA-256 recorded when it was imported."""


class AttachmentRefused(CasefileError):
    """A file that cannot be attached: empty, too large, or not a file at all."""


@dataclass(frozen=True)
class Mismatch:
    """One stored attachment whose bytes are not the ones imported."""

    attachment_id: str
    file_name: str
    expected_sha256: str
    actual_sha256: str  # empty when the stored value is not bytes at all
    expected_size: int
    actual_size: int

    def describe(self) -> str:
        actual = self.actual_sha256 or "nothing: the stored value is not a file's bytes"
        return (
            f"Attachment '{display_name(self.file_name)}' ({self.attachment_id}): recorded SHA-256 "
            f"{self.expected_sha256} and {self.expected_size} bytes, but the stored bytes hash to {actual} "
            f"({self.actual_size} bytes)."
        )


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_blob(attachment_id: str, file_name: object, expected_sha256: object, expected_size: object,
               data: object) -> Mismatch | None:  # fmt: skip
    """None when data is bytes with the recorded hash and size; otherwise what differs.

    The arguments come straight from a possibly hostile file, so none is trusted to have its type.
    """
    expected, size = str(expected_sha256 or ""), expected_size if isinstance(expected_size, int) else -1
    if not isinstance(data, bytes):
        return Mismatch(attachment_id, str(file_name or ""), expected, "", size, 0)
    actual = sha256_hex(data)
    if actual == expected.lower() and len(data) == size:
        return None
    return Mismatch(attachment_id, str(file_name or ""), expected, actual, size, len(data))


# -- media types -------------------------------------------------------------------------------------------


def sniff_media_type(head: bytes) -> str:
    """The media type of a file from its first bytes (SNIFF_BYTES suffice); its name is never consulted."""
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] in _ZIP_MAGIC:
        return _zip_type(head)
    return _text_type(head)


def _zip_type(head: bytes) -> str:
    # Local file header: name length at 26, extra length at 28, stored size at 18, method at 8.
    if len(head) < 30 or head[:4] != b"PK\x03\x04" or head[8:10] != b"\0\0":
        return ZIP
    name_len, extra_len = int.from_bytes(head[26:28], "little"), int.from_bytes(head[28:30], "little")
    size = int.from_bytes(head[18:22], "little")
    if head[30 : 30 + name_len] != b"mimetype" or size > 100:
        return ZIP
    start = 30 + name_len + extra_len
    declared = head[start : start + size].decode("ascii", "replace")
    return declared if declared in _ZIP_MIMETYPES else ZIP


def _text_type(head: bytes) -> str:
    text = _utf8_prefix(head)
    if text is None or not text or _TEXT_CONTROL.search(text):
        return BINARY
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n\f").lower()
    if start.startswith(b"<?xml") and b"<svg" in start:
        return SVG
    if start.startswith(b"<svg"):
        return SVG
    if start.startswith(b"<!--") or any(_starts_with_tag(start, tag) for tag in _HTML_STARTS):
        return HTML
    headers = _header_block(head)
    if headers is not None:
        if re.search(rb"(?im)^content-type:\s*multipart/related", headers):
            return MHTML
        if re.search(rb"(?im)^mime-version:", headers):
            return EMAIL
    return TEXT


def _starts_with_tag(start: bytes, tag: bytes) -> bool:
    # "<a" must be a whole tag name: "<abbr" or "<address" in a text file is not the start of a page.
    return start.startswith(tag) and start[len(tag) : len(tag) + 1] in (b" ", b">", b"\t", b"\n", b"\r", b"")


def _utf8_prefix(head: bytes) -> str | None:
    """head as text if it is UTF-8, allowing a character cut off by the end of the sample."""
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(head) - 3:
            return head[: exc.start].decode("utf-8", "replace")
        return None


def _header_block(head: bytes) -> bytes | None:
    """The header lines of a MIME message (as saved web pages and mails start), or None if it has none."""
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    lines = block.splitlines()
    if not lines or not all(_HEADER_LINE.match(line) for line in lines):
        return None
    return block


# -- file names --------------------------------------------------------------------------------------------


def display_name(name: str) -> str:
    """A stored file name as it may be shown: control and bidi characters dropped, so it cannot fake its type."""
    return "".join(c for c in name if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)


def safe_file_name(name: str, media_type: str) -> str:
    """A plain file name for writing into a chosen folder, whatever name the case file carried.

    The result has no path separators, no drive, no control or bidi characters and no Windows
    device name; it does not start with a dot, is at most MAX_NAME_BYTES of UTF-8, and ends in an
    extension that fits media_type (the real content), so it cannot pose as another kind of file.
    """
    parts = [p for p in _SEPARATORS.split(unicodedata.normalize("NFC", name)) if p.strip(" .")]
    base = display_name(parts[-1] if parts else "")
    base = "".join(" " if unicodedata.category(c) == "Zs" else c for c in base)
    base = _WINDOWS_FORBIDDEN.sub("_", base).strip(" .")
    stem, extension = _split_extension(base, media_type)
    stem = _truncate_utf8(stem, MAX_NAME_BYTES - 1 - len(extension.encode())).rstrip(" .") or FALLBACK_STEM
    if _is_reserved(stem):
        stem = "_" + stem
    return stem + extension


def _split_extension(base: str, media_type: str) -> tuple[str, str]:
    allowed = EXTENSIONS.get(media_type, EXTENSIONS[BINARY])
    stem, dot, extension = base.rpartition(".")
    if dot and stem and "." + extension.lower() in allowed:
        return stem, "." + extension.lower()
    return base, allowed[0]


def _truncate_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", "ignore")


def _is_reserved(stem: str) -> bool:
    # Windows ignores everything from the first dot, and trailing spaces, when it matches device names.
    return stem.split(".", 1)[0].rstrip(" ").upper() in _RESERVED


def candidate_names(name: str, limit: int = 10_000) -> Iterator[str]:
    """name, then "stem (2).ext", "stem (3).ext" and so on, each within MAX_NAME_BYTES: for a free name."""
    yield name
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    suffix = f".{extension}" if dot else ""
    for number in range(2, limit + 1):
        counter = f" ({number})"
        room = MAX_NAME_BYTES - len(counter.encode()) - len(suffix.encode())
        yield _truncate_utf8(stem, room).rstrip(" .") + counter + suffix


def stored_file_name(name: str) -> str:
    """The original name as stored for display: the last path part, bounded in length, never empty."""
    parts = [p for p in _SEPARATORS.split(name) if p]
    kept = (parts[-1] if parts else "")[:MAX_STORED_NAME_CHARS]
    return kept or FALLBACK_STEM
