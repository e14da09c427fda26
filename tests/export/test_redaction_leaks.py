"""Each way a protected name used to leak, checked in the redacted PDF, the redacted share copy and the JSON.

Every person here is invented. The leaks: a label cut before redaction, a Chinese name inside Chinese text
(printed as code tags), a two-letter name, an accent variant, a soft hyphen or zero-width character inside
the name, and Arabic proclitics attached to the name.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session
from test_pdf_support import decoded_streams, export, page_texts

from casefile.cli.main import main
from casefile.domain.kinds import Kind
from casefile.domain.redaction import fold
from casefile.jobs.json_io import export_json
from casefile.jobs.share import share_copy
from casefile.services import records
from casefile.storage.casefile import CaseFile

PERSONS = (
    {"name": "José Pérez", "protected": True},
    {"name": "Li Na", "original_name": "李娜", "protected": True},
    {"name": "Ahmad Nadim", "original_name": "أحمد نديم", "aliases": ["أحمد"], "protected": True},
    {"name": "Orla Brennick"},
)
# 56 characters before the name, so a 60-character label cut used to keep "Pér".
CUT = "The statement read out in court that morning was read by Pérez, who then left the room."
LEAKS = {
    "cut": CUT,
    "chinese": "我们昨天在法院见到了李娜，她说了很多。",
    "two_letters": "Li said the convoy left early.",
    "accent": "Jose Perez was there & <b>saw</b> it.",
    "format": "Reported by Pé\u00adrez and by Pe\u200brez.",
    "arabic": "قال وأحمد ثم بأحمد والأحمد في المحكمة",
}


def _case(path: Path) -> Path:
    with CaseFile.create(path, "Invented case") as case_file, case_file.unit_of_work() as session:
        ids = [records.create(session, Kind.PERSON, p).id for p in PERSONS]
        # Each quote and link cites the source named after a protected person, so its title and address
        # are in every note; the dated links are rows of the chronology table.
        source = records.create(
            session,
            Kind.SOURCE,
            {"title": "Interview with José Pérez", "url": "https://example.org/jose-perez", "notes": LEAKS["format"]},
        ).id
        for key, text in LEAKS.items():
            quote = records.create(
                session, Kind.QUOTE, {"text": text, "speaker": ids[3], "pinpoint": key, "source": source}
            ).id
            records.create(session, Kind.LINK, {
                "from": ids[3], "to": quote, "kind": "said", "note": text, "date": "2024-09-02", "source": source,
            })  # fmt: skip
        records.create(session, Kind.ORGANISATION, {"name": "Court watchers", "notes": LEAKS["arabic"]})
        _corrections_and_precedents(session, ids)
    return path


def _corrections_and_precedents(session: Session, ids: list[str]) -> None:
    """Revision 4: a correction's note and a precedent about a protected person, cited by a raised finding."""
    state = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"}).id
    court = records.create(session, Kind.ORGANISATION, {"name": "Invented chamber", "icc_organ": True}).id
    records.create(session, Kind.WARRANT, {"issuer": court, "subject": ids[3], "issued": "2020-01-01"})
    visit = {"person": ids[3], "state": state, "start": "2024-09-02", "outcome": "not_arrested"}
    records.create(session, Kind.VISIT, visit)
    correction = {"iso2": "MN", "action": "add", "event_kind": "article_124_declaration", "date": "2024-01-01",
                  "citation": LEAKS["accent"], "note": LEAKS["chinese"]}  # fmt: skip
    records.create(session, Kind.STATUS_CORRECTION, correction)
    precedent = {"chamber": "Invented chamber", "person": ids[0], "state": state, "outcome": "informed_only",
                 "citation": LEAKS["cut"], "summary": LEAKS["arabic"]}  # fmt: skip
    records.create(session, Kind.PRECEDENT, precedent)


CODE_TAG = re.compile(r"\[(?:[A-Z]+ )?U\+[0-9A-F]{4,6}\]")  # how the PDF shows a character it cannot draw


def assert_no_leak(text: str, where: str) -> None:
    assert "U+674E" not in text and "U+5A1C" not in text, (where, "code tags")
    folded = fold(CODE_TAG.sub("", text))  # "Pé[SHY U+00AD]rez" is still a name
    for term in ("perez", "李", "娜", "احمد", "دمحا"):  # pdftotext gives Arabic in visual order
        assert term not in folded, (where, term)
    assert not re.search(r"(?<!\w)pe…", folded), (where, "a label cut inside the name")
    assert not re.search(r"(?<!\w)li(?!\w)", folded), (where, "Li")


@pytest.fixture(scope="module")
def case_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _case(tmp_path_factory.mktemp("leaks") / "leaks.casefile")


@pytest.fixture(scope="module")
def pdf(case_path: Path) -> Path:
    return export(case_path, case_path.with_name("redacted.pdf"), redact=True).path


def test_the_pdf_as_a_reader_sees_it_has_no_protected_name(pdf: Path) -> None:
    seen = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
    text = seen.decode("utf-8")
    assert "[Witness A]" in text and "[Witness B]" in text
    assert_no_leak(text, "pdftotext")


def test_notes_and_tables_carry_no_protected_name(pdf: Path) -> None:
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())  # fmt: skip
    # The notes cite the source by its withheld title and address; the cast table lists the pseudonyms.
    assert re.search(r"\d+ \[1\] \[title withheld\], \[link withheld\]", text), "a note per statement"
    assert "Date Event What happened" in text and "Name Role or title Nationality Notes and links" in text
    assert re.search(r"\d+ +Witness A +Identity: Withheld", text)
    assert_no_leak(text, "notes and tables")


def test_the_pdf_text_outline_metadata_and_streams_have_no_protected_name(pdf: Path) -> None:
    data = pdf.read_bytes()
    reader = PdfReader(io.BytesIO(data))
    assert_no_leak(" ".join(page_texts(reader)), "pypdf")
    assert_no_leak(" ".join(str(v) for v in (reader.metadata or {}).values()), "metadata")
    for stream in decoded_streams(data):
        assert "Pérez".encode() not in stream and b"Perez" not in stream
        assert "李娜".encode("utf-16-be") not in stream and b"U+674E" not in stream


def test_the_share_copy_has_no_protected_name_in_any_byte_or_column(case_path: Path) -> None:
    out = share_copy(case_path, case_path.with_name("shared.casefile"), redact=True).path
    data = out.read_bytes()
    for word in ("Pérez", "Perez", "Pé\u00adrez", "李娜", "أحمد", "احمد"):
        for encoded in (word.encode("utf-8"), word.encode("utf-16-le"), word.encode("utf-16-be")):
            assert encoded not in data, word
    with closing(sqlite3.connect(out)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                assert_no_leak(" ".join(str(v) for v in row if isinstance(v, str)), table)


def test_the_json_export_has_no_protected_name(case_path: Path) -> None:
    out = case_path.with_name("redacted.json")
    report = export_json(case_path, out, redact=True)
    text = out.read_text("utf-8")
    assert_no_leak(text, "json")
    assert "[Witness C]" in json.dumps(json.loads(text), ensure_ascii=False)
    assert report is not None and report.replaced


def test_each_substitution_shows(case_path: Path) -> None:
    out = case_path.with_name("shown.json")
    export_json(case_path, out, redact=True)
    text = json.dumps(json.loads(out.read_text("utf-8")), ensure_ascii=False)
    assert "read by [Witness A], who then left" in text  # quoted text: the change is in square brackets
    assert "قال و[Witness C] ثم ب[Witness C] وال[Witness C]" in text  # the proclitic stays, the name goes
    assert "[link withheld]" in text and "[title withheld]" in text


def test_the_report_says_where_each_name_was_replaced(
    case_path: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["export-pdf", str(case_path), str(tmp_path / "r.pdf"), "--redact", "--report"]) == 0
    printed = capsys.readouterr().out
    assert "Witness B: quote “我们昨天在法院见到了[Witness B]，她说了很多。”, field text: 1×" in printed
    assert "Witness A: source “[title withheld]”, field url: 1×" in printed
    report_file = tmp_path / "share-report.txt"
    share_args = ["share", str(case_path), str(tmp_path / "s.casefile"), "--redact", "--report", str(report_file)]
    assert main(share_args) == 0
    assert "Witness C: organisation “Court watchers”, field notes: 3×" in report_file.read_text("utf-8")
    assert b"Redaction report" not in (tmp_path / "s.casefile").read_bytes()


def test_report_without_redact_is_refused(case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-json", str(case_path), str(tmp_path / "x.json"), "--report"]) == 2
    assert "needs --redact" in capsys.readouterr().err


def test_the_report_never_replaces_the_export(
    case_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "same.json"
    assert main(["export-json", str(case_path), str(out), "--redact", "--report", str(out)]) == 2
    assert "cannot be written over the export" in capsys.readouterr().err and not out.exists()
    report = tmp_path / "report.txt"
    assert main(["export-json", str(case_path), str(out), "--redact", "--report", str(report)]) == 0
    assert "Witness B: quote “[Witness B] said the convoy left early.”, field text: 1×" in report.read_text("utf-8")
    assert "Redaction report" not in out.read_text("utf-8")
