"""Attaching from disk, exporting under a safe unique name, and verifying a whole case."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.attachments import PDF, AttachmentDamaged, AttachmentRefused
from casefile.domain.errors import RecordNotFound, StorageFailure
from casefile.domain.kinds import Kind
from casefile.jobs.attachments import attach_file, export_attachment, verify_attachments
from casefile.services import attachments, audit, records
from casefile.storage.casefile import CaseFile

PDF_BYTES = b"%PDF-1.4\n" + b"evidence " * 500 + b"\n%%EOF\n"


def source_of(case_path: Path) -> str:
    with CaseFile.open(case_path, read_only=True) as case_file, case_file.reading() as session:
        return records.list_records(session, Kind.SOURCE)[0].id


def store(case_path: Path, name: str, data: bytes = PDF_BYTES) -> str:
    """Attach a file whose stored name is `name` (it may hold characters no disk allows)."""
    with CaseFile.open(case_path) as case_file, case_file.unit_of_work() as session:
        return attachments.attach(session, source_of(case_path), name, data).id


def test_attach_file_reads_the_file_and_records_it(demo_case_path: Path, tmp_path: Path) -> None:
    file = tmp_path / "Moscow Times.pdf"
    file.write_bytes(PDF_BYTES)
    info = attach_file(demo_case_path, source_of(demo_case_path), file, note="as saved on 2024-09-03")
    assert (info.file_name, info.media_type, info.size) == ("Moscow Times.pdf", PDF, len(PDF_BYTES))
    assert info.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert attachments.list_for(session, info.source_id) == [info]


def test_attach_file_works_on_an_open_case(demo_case: CaseFile, tmp_path: Path) -> None:
    file = tmp_path / "a.pdf"
    file.write_bytes(PDF_BYTES)
    info = attach_file(demo_case, source_of(demo_case.path), file)
    with demo_case.reading() as session:
        assert attachments.get(session, info.id) == info


def test_attach_file_refuses_folders_missing_and_oversized_files(
    demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source_id = source_of(demo_case_path)
    with pytest.raises(AttachmentRefused, match="is a folder"):
        attach_file(demo_case_path, source_id, tmp_path)
    with pytest.raises(AttachmentRefused, match="not an existing file"):
        attach_file(demo_case_path, source_id, tmp_path / "missing.pdf")
    big = tmp_path / "big.pdf"
    big.write_bytes(PDF_BYTES)
    monkeypatch.setattr("casefile.domain.attachments.MAX_ATTACHMENT_BYTES", 100)
    with pytest.raises(AttachmentRefused, match="limited to 100"):
        attach_file(demo_case_path, source_id, big)


@pytest.mark.parametrize(
    "stored_name", ["../../x", "/etc/x", "C:\\x", "CON", "a\x00b.pdf", "\u202egpj.exe", "", "..", "x" * 600]
)
def test_export_lands_inside_the_folder(demo_case_path: Path, tmp_path: Path, stored_name: str) -> None:
    attachment_id = store(demo_case_path, stored_name)
    folder = tmp_path / "out" / "inner"
    folder.mkdir(parents=True)
    written = export_attachment(demo_case_path, attachment_id, folder)
    assert written.resolve().parent == folder.resolve()
    assert [p.name for p in folder.iterdir()] == [written.name]
    assert written.read_bytes() == PDF_BYTES
    assert written.suffix == ".pdf"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["inner"]  # nothing beside the folder


def test_export_never_overwrites(demo_case_path: Path, tmp_path: Path) -> None:
    attachment_id = store(demo_case_path, "report.pdf")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "report.pdf").write_bytes(b"someone else's file")
    first = export_attachment(demo_case_path, attachment_id, folder)
    second = export_attachment(demo_case_path, attachment_id, folder)
    assert (first.name, second.name) == ("report (2).pdf", "report (3).pdf")
    assert (folder / "report.pdf").read_bytes() == b"someone else's file"
    assert first.read_bytes() == second.read_bytes() == PDF_BYTES
    assert not [p for p in folder.iterdir() if p.name.endswith(".part")]


def test_export_refuses_a_changed_attachment_and_writes_nothing(demo_case_path: Path, tmp_path: Path) -> None:
    attachment_id = store(demo_case_path, "report.pdf")
    with closing(sqlite3.connect(demo_case_path, isolation_level=None)) as conn:
        conn.execute("UPDATE attachments SET data = ? WHERE id = ?", (PDF_BYTES[:-1] + b"X", attachment_id))
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(AttachmentDamaged, match="Nothing was written"):
        export_attachment(demo_case_path, attachment_id, folder)
    assert list(folder.iterdir()) == []


def test_export_refuses_a_missing_folder_or_unknown_id(demo_case_path: Path, tmp_path: Path) -> None:
    attachment_id = store(demo_case_path, "report.pdf")
    with pytest.raises(StorageFailure, match="does not exist"):
        export_attachment(demo_case_path, attachment_id, tmp_path / "nowhere")
    with pytest.raises(RecordNotFound, match="No attachment with id nope"):
        export_attachment(demo_case_path, "nope", tmp_path)


def test_export_is_logged(demo_case_path: Path, tmp_path: Path) -> None:
    attachment_id = store(demo_case_path, "report.pdf")
    written = export_attachment(demo_case_path, attachment_id, tmp_path)
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        exports = [e for e in audit.entries(session) if e.action == "export"]
    assert exports and exports[-1].details()["path"] == str(written)


def test_verify_reports_mismatches_and_progress(demo_case_path: Path, tmp_path: Path) -> None:
    ids = [store(demo_case_path, f"{n}.pdf") for n in range(3)]
    assert verify_attachments(demo_case_path).clean
    with closing(sqlite3.connect(demo_case_path, isolation_level=None)) as conn:
        data = bytearray(PDF_BYTES)
        data[50] ^= 0x80
        conn.execute("UPDATE attachments SET data = ? WHERE id = ?", (bytes(data), ids[1]))
    seen: list[tuple[int, int]] = []
    report = verify_attachments(demo_case_path, lambda d, t: seen.append((d, t)))
    assert seen[-1] == (3, 3)
    assert report.complete and not report.clean
    assert [m.attachment_id for m in report.mismatches] == [ids[1]]
    assert "1 of 3" in report.summary()


def test_cancelled_verify_says_it_stopped(demo_case_path: Path, tmp_path: Path) -> None:
    for n in range(2):
        store(demo_case_path, f"{n}.pdf")
    report = verify_attachments(demo_case_path, cancelled=lambda: True)
    assert (report.checked, report.total, report.complete) == (0, 2, False)
    assert "Stopped after 0 of 2" in report.summary()
