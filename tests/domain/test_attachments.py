"""Media types from content, and export names that always land inside the chosen folder."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile.domain.attachments import (
    BINARY,
    EMAIL,
    GIF,
    HTML,
    JPEG,
    MAX_NAME_BYTES,
    MHTML,
    PDF,
    PNG,
    SVG,
    TEXT,
    WEBP,
    ZIP,
    candidate_names,
    check_blob,
    display_name,
    safe_file_name,
    sha256_hex,
    sniff_media_type,
    stored_file_name,
)

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def _odt_head() -> bytes:
    # A stored first entry named "mimetype", as OpenDocument requires.
    content = b"application/vnd.oasis.opendocument.text"
    header = b"PK\x03\x04" + b"\x14\x00" + b"\x00\x00" + b"\x00\x00" + b"\x00\x00" * 2 + b"\x00" * 4
    header += len(content).to_bytes(4, "little") * 2 + len(b"mimetype").to_bytes(2, "little") + b"\x00\x00"
    return header + b"mimetype" + content + b"PK\x03\x04rest"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", JPEG),
        (b"GIF89a\x01\x00\x01\x00", GIF),
        (b"GIF87a\x01\x00", GIF),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", WEBP),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml", ZIP),
        (b"PK\x05\x06" + b"\x00" * 18, ZIP),
        (_odt_head(), "application/vnd.oasis.opendocument.text"),
        (b"\xef\xbb\xbf<!DOCTYPE html>\n<html lang=en>", HTML),
        (b"  \n<HTML><head><title>x</title>", HTML),
        (b"<!-- saved from url=(0014)about:internet -->\n<html>", HTML),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">', SVG),
        (
            b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/\r\n"
            b"Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
            b'\ttype="text/html";\r\n\tboundary="----MultipartBoundary"\r\n\r\n------MultipartBoundary',
            MHTML,
        ),
        (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x", MHTML),
        (b"MIME-Version: 1.0\r\nFrom: a@example.org\r\nSubject: hi\r\n\r\nbody", EMAIL),
        ("Путин прибыл в Монголию.\nNote: a plain line\n".encode(), TEXT),
        (b"<abbr> is not the start of a web page", TEXT),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", BINARY),
        (b"\x00\x01\x02\x03", BINARY),
        (b"", BINARY),
        (b"\xc3\x28 invalid UTF-8", BINARY),
    ],
)
def test_sniffing_reads_the_content(head: bytes, expected: str) -> None:
    assert sniff_media_type(head) == expected


def test_text_cut_inside_a_character_is_still_text() -> None:
    head = "Улан-Батор".encode()
    assert sniff_media_type(head[:-1]) == TEXT  # the sample ends in the middle of "р"


def test_a_zip_claiming_an_unknown_mimetype_stays_a_zip() -> None:
    head = _odt_head().replace(b"vnd.oasis.opendocument.text", b"x-msdownload-but-long-")
    assert sniff_media_type(head) == ZIP


NASTY_NAMES = [
    "../../x",
    "../../../../etc/passwd",
    "/etc/x",
    "C:\\x",
    "C:\\Windows\\System32\\drivers\\etc\\hosts",
    "\\\\server\\share\\x.pdf",
    "CON",
    "con.pdf",
    "PRN",
    "aux.txt",
    "NUL",
    "nul.tar.gz",
    "COM1",
    "com9.pdf",
    "LPT1",
    "lpt¹.pdf",
    "CONIN$",
    "CON .pdf",
    "a\x00b.pdf",
    "\x00",
    "line\nbreak\r.pdf",
    "\x1b[31mred.pdf",
    "\u202egpj.exe",
    "invoice\u202efdp.exe",
    "\u2066evil\u2069.pdf",
    "zero\u200bwidth\ufeff.pdf",
    "trailing.pdf. . .",
    "trailing   ",
    "...",
    "..",
    ".",
    "",
    " ",
    ".hidden",
    "a:b.pdf",
    'what?*<>|".pdf',
    "x" * 1000 + ".pdf",
    "Путин" * 200 + ".pdf",
    "😀" * 300,
    "dir/",
    "\ud800lone-surrogate.pdf",
]


def _written_inside(folder: Path, name: str) -> Path:
    target = folder / name
    target.write_bytes(b"evidence")
    resolved = target.resolve()
    assert resolved.parent == folder.resolve(), (name, resolved)
    return resolved


@pytest.mark.parametrize("name", NASTY_NAMES)
@pytest.mark.parametrize("media_type", [PDF, BINARY])
def test_every_nasty_name_lands_inside_the_folder(tmp_path: Path, name: str, media_type: str) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    safe = safe_file_name(name, media_type)
    written = _written_inside(folder, safe)
    assert [p.name for p in folder.iterdir()] == [safe]
    assert written.name == safe
    assert not (tmp_path / "x").exists() and not (tmp_path / "etc").exists()


@pytest.mark.parametrize(
    ("name", "media_type", "expected"),
    [
        ("../../x", BINARY, "x.bin"),
        ("/etc/x", PDF, "x.pdf"),
        ("C:\\x", PDF, "x.pdf"),
        ("CON", PDF, "_CON.pdf"),
        ("con.pdf", PDF, "_con.pdf"),
        ("nul.tar.gz", BINARY, "_nul.tar.gz.bin"),
        ("a\x00b.pdf", PDF, "ab.pdf"),
        ("\u202egpj.exe", JPEG, "gpj.exe.jpg"),
        ("\u202egpj.exe", BINARY, "gpj.exe.bin"),
        ("", PDF, "attachment.pdf"),
        ("trailing.pdf. . .", PDF, "trailing.pdf"),
        ("Report.PDF", PDF, "Report.pdf"),
        ("photo.jpeg", JPEG, "photo.jpeg"),
        ("statement.docx", ZIP, "statement.docx"),
        ("page.html", TEXT, "page.html.txt"),
        ("notes.txt", TEXT, "notes.txt"),
        ("a:b.pdf", PDF, "a_b.pdf"),
        (".hidden", BINARY, "hidden.bin"),
    ],
)
def test_safe_names_keep_what_they_can(name: str, media_type: str, expected: str) -> None:
    assert safe_file_name(name, media_type) == expected


def test_the_shown_extension_is_the_real_one() -> None:
    # U+202E would show "\u202egpj.exe" as "exe.jpg"; once removed, the name ends in the content's type.
    assert safe_file_name("invoice\u202efdp.exe", BINARY).endswith(".bin")
    assert safe_file_name("invoice\u202efdp.exe", PDF) == "invoicefdp.exe.pdf"


def test_long_names_are_cut_to_the_byte_limit_keeping_the_extension() -> None:
    name = safe_file_name("Путин" * 200 + ".pdf", PDF)
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert name.endswith(".pdf") and name.startswith("Путин")


_forbidden_chars = set('/\\:*?"<>|') | {os.sep} | ({os.altsep} if os.altsep else set())


def _assert_safe(name: str) -> None:
    assert name and name not in {".", ".."}
    assert not set(name) & _forbidden_chars
    assert not any(unicodedata.category(c) in {"Cc", "Cf", "Cs", "Zl", "Zp"} for c in name)
    assert not name.startswith((".", " ")) and not name.endswith((".", " "))
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(name=st.text(max_size=300), media_type=st.sampled_from([PDF, PNG, JPEG, HTML, MHTML, TEXT, ZIP, BINARY]))
def test_any_name_is_safe_and_stays_inside(tmp_path: Path, name: str, media_type: str) -> None:
    safe = safe_file_name(name, media_type)
    _assert_safe(safe)
    target = tmp_path / safe
    assert target.resolve().parent == tmp_path.resolve()
    target.write_bytes(b"x")  # the file system accepts it
    target.unlink()


@settings(max_examples=100, deadline=None)
@given(name=st.text(max_size=300))
def test_numbered_candidates_stay_safe_and_distinct(name: str) -> None:
    safe = safe_file_name(name, PDF)
    candidates = list(candidate_names(safe, limit=12))
    assert candidates[0] == safe
    assert len({c.casefold() for c in candidates}) == len(candidates)
    for candidate in candidates:
        _assert_safe(candidate)
        assert candidate.endswith(".pdf")


def test_candidates_number_before_the_extension() -> None:
    assert list(candidate_names("report.pdf", limit=3)) == ["report.pdf", "report (2).pdf", "report (3).pdf"]


def test_display_name_drops_what_could_disguise_a_name() -> None:
    assert display_name("\u202egpj.exe") == "gpj.exe"
    assert display_name("a\x00b\x1b[0m\u200b.pdf") == "ab[0m.pdf"
    assert display_name("Путин.pdf") == "Путин.pdf"


def test_stored_names_keep_only_the_last_path_part() -> None:
    assert stored_file_name("C:\\Users\\me\\report.pdf") == "report.pdf"
    assert stored_file_name("") == "attachment"
    assert stored_file_name("\u202egpj.exe") == "\u202egpj.exe"  # kept as evidence; shown through display_name
    assert len(stored_file_name("x" * 5000)) == 1000


def test_check_blob_reports_a_changed_or_missing_blob() -> None:
    data = b"evidence bytes"
    assert check_blob("id", "a.pdf", sha256_hex(data), len(data), data) is None
    flipped = bytes([data[0] ^ 1]) + data[1:]
    mismatch = check_blob("id", "a.pdf", sha256_hex(data), len(data), flipped)
    assert mismatch is not None and mismatch.actual_sha256 == sha256_hex(flipped)
    assert sha256_hex(data) in mismatch.describe() and "a.pdf" in mismatch.describe()
    not_bytes = check_blob("id", "a.pdf", sha256_hex(data), len(data), "evidence bytes")
    assert not_bytes is not None and not_bytes.actual_sha256 == ""
    assert check_blob("id", "a.pdf", sha256_hex(data), len(data) + 1, data) is not None
