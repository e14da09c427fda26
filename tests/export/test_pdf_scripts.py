"""Every script prints: Arabic joined and right to left, Hebrew right to left, Chinese as characters (issue 10 §2).

Before: Hebrew printed reversed, Arabic as unjoined letters in the wrong order, Chinese as
[U+674E] code tags. Checked on what a reader sees (poppler's pdftotext, which puts right-to-left
text back in reading order) and on the fonts embedded.
"""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from test_pdf_support import export

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile

ARABIC = "قال أحمد إن الزيارة تمت في 2 سبتمبر 2024 دون اعتقال."
HEBREW = "המדינה לא עצרה אותו, אמרה דנה ב-2024."
CHINESE = "他说：蒙古没有逮捕他。"
MIXED = "The spokesman, أحمد الاختبار, said Mongolia <b>did not</b> act & nothing followed."


def _case(path: Path) -> Path:
    with CaseFile.create(path, "Scripts — עברית, العربية, 中文") as case_file, case_file.unit_of_work() as s:
        speaker = records.create(s, Kind.PERSON, {"name": "Test Speaker", "original_name": "أحمد الاختبار"}).id
        for text in (ARABIC, HEBREW, CHINESE, MIXED):
            records.create(s, Kind.QUOTE, {"text": text, "speaker": speaker})
    return path


def _seen(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext marks right-to-left runs with embedding controls, and returns Arabic in its joined
    # (presentation) forms; compare what a reader reads.
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_each_script_reads_in_order(tmp_path: Path) -> None:
    report = export(_case(tmp_path / "scripts.casefile"), tmp_path / "scripts.pdf")
    assert report.uncovered == ()
    seen = _seen(report.path)
    assert unicodedata.normalize("NFKC", CHINESE) in seen
    # Each right-to-left run reads in order (pdftotext rebuilds reading order run by run; the
    # digits and punctuation between runs it places by its own rules).
    for phrase in ("המדינה לא עצרה אותו", "אמרה דנה ב", "قال أحمد إن الزيارة تمت في", "دون اعتقال", "أحمد الاختبار"):
        assert phrase in seen, phrase
    assert "The spokesman," in seen and "said Mongolia <b>did not</b> act & nothing followed." in seen
    assert "[U+" not in seen


def test_right_to_left_text_is_drawn_in_visual_order_with_its_own_fonts(tmp_path: Path) -> None:
    report = export(_case(tmp_path / "scripts.casefile"), tmp_path / "scripts.pdf")
    reader = PdfReader(report.path)
    fonts = {
        str(f.get("/BaseFont"))
        for page in reader.pages
        for f in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
        for f in [f.get_object()]
    }
    assert any("NotoNaskhArabic" in f for f in fonts), fonts
    assert any("NotoSansHebrew" in f for f in fonts), fonts
    assert any("WenQuanYiZenHei" in f for f in fonts), fonts
    raw = "".join(page.extract_text() for page in reader.pages)
    # Arabic is drawn in its joined forms, which a reader's text tools fold back.
    assert "ﻗﺎﻝ" in raw


def test_document_properties_and_outline_show_every_script_as_written(tmp_path: Path) -> None:
    path = tmp_path / "scripts.casefile"
    with CaseFile.create(path, "Визит कख 中文 עברית") as case_file, case_file.unit_of_work() as s:
        records.create(s, Kind.PERSON, {"name": "शर्मा Test"})
    report = export(path, tmp_path / "scripts.pdf")
    reader = PdfReader(report.path)
    assert reader.metadata.title == "Визит कख 中文 עברית"  # Devanagari too: the viewer draws it, not our fonts
    outline = str(reader.outline)
    assert "शर्मा Test" in outline and "[U+" not in outline


def test_every_face_is_checked(tmp_path: Path) -> None:
    from casefile.export.pdf import fonts

    covered = fonts.coverage()
    assert ord("ⴰ") not in covered  # Tifinagh: DejaVu draws it upright but not in italic, so it is reported
    assert ord("ق") in covered  # Arabic in an italic quote is set in Noto Naskh Arabic, which every style maps to
    path = tmp_path / "faces.casefile"
    with CaseFile.create(path, "Faces") as case_file, case_file.unit_of_work() as s:
        records.create(s, Kind.QUOTE, {"text": "ⴰⵣⵓⵍ and قال", "notes": "ⴰⵣⵓⵍ in an italic note"})
    report = export(path, tmp_path / "faces.pdf")
    assert "ⴰ" in report.uncovered and "ق" not in report.uncovered
