"""A redacted dossier: protected persons appear only as pseudonyms, in every part of the file."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_pdf_support import decoded_streams, export, flat, outline_entries, page_texts, same_dossier

from casefile.domain.kinds import Kind
from casefile.jobs.demo import write_demo
from casefile.services import records
from casefile.storage.casefile import CaseFile

# Putin is protected here only to test redaction on the richest record of the demo case.
HIDDEN = ("Putin", "Путин", "Vladimir", "Владимир", "Vasiliev", "Sergey")


@pytest.fixture(scope="module")
def protected_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write_demo(tmp_path_factory.mktemp("redaction") / "demo.casefile")
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        for person in records.list_records(session, Kind.PERSON):
            if person["name"] in ("Vladimir Putin", "Sergey Vasiliev"):
                records.update_fields(session, person.id, {"protected": True})
    return path


@pytest.fixture(scope="module")
def redacted(protected_case: Path) -> bytes:
    return export(protected_case, protected_case.with_name("redacted.pdf"), redact=True).path.read_bytes()


def _encodings(word: str) -> list[bytes]:
    return [word.encode("utf-8"), word.encode("utf-16-be"), word.upper().encode("utf-8")]


def test_names_are_absent_from_the_text(redacted: bytes) -> None:
    text = " ".join(page_texts(PdfReader(io.BytesIO(redacted))))
    for word in HIDDEN:
        assert not re.search(word, text, re.IGNORECASE), word
    assert "Witness A in Mongolia" in flat(text)
    assert "REDACTED EDITION" in text


def test_names_are_absent_from_outline_metadata_and_every_stream(redacted: bytes) -> None:
    reader = PdfReader(io.BytesIO(redacted))
    titles = " ".join(t for _, t, _ in outline_entries(reader))
    assert "Witness A" in titles and "Witness B" in titles
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values())
    assert reader.metadata is not None and reader.metadata.title == "Witness A in Mongolia, 2–3 September 2024"
    blobs = [redacted, *decoded_streams(redacted)]
    for word in HIDDEN:
        assert word.lower() not in titles.lower() and word.lower() not in metadata.lower(), word
        for blob in blobs:
            for encoded in _encodings(word):
                assert encoded not in blob, word


def test_quotes_of_a_protected_speaker_carry_the_pseudonym(redacted: bytes) -> None:
    text = flat(" ".join(page_texts(PdfReader(io.BytesIO(redacted)))))
    assert "— Witness B · 2 September 2024" in text
    assert "published 2 September 2024, para. 4" in text, "the quote's pinpoint is in its note"
    assert "Expert in international law" not in text, "the speaker's role would point at who they are"
    assert "Identity: Withheld" in text


def test_the_link_chart_shows_the_pseudonyms(redacted: bytes) -> None:
    reader = PdfReader(io.BytesIO(redacted))
    chart = reader.pages[-1].extract_text()
    assert "Link chart" in chart
    assert "Witness A" in chart and "Witness B" in chart


def test_pseudonyms_are_stable_and_the_plain_edition_keeps_names(protected_case: Path, redacted: bytes) -> None:
    again = export(protected_case, protected_case.with_name("again.pdf"), redact=True).path.read_bytes()
    assert same_dossier(again, redacted)
    plain = export(protected_case, protected_case.with_name("plain.pdf")).path
    text = " ".join(page_texts(PdfReader(plain)))
    assert "Vladimir Putin" in text and "Witness A" not in text
