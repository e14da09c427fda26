"""Attachments in a case: what is recorded at import, derived files, soft delete, and catching a flipped bit."""

from __future__ import annotations

import hashlib
import inspect
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from casefile.cli.main import main
from casefile.domain.attachments import MAX_ATTACHMENT_BYTES, PDF, PNG, AttachmentDamaged, AttachmentRefused
from casefile.domain.errors import RecordNotFound, ValidationError
from casefile.domain.kinds import Kind
from casefile.services import attachments, audit, case, records
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from tests.conftest import TEST_ANALYST
from tests.postgres import analyst_of

PDF_BYTES = b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def a_source(case_file: CaseFile) -> str:
    with case_file.reading() as session:
        return records.list_records(session, Kind.SOURCE)[0].id


def attach_pdf(case_file: CaseFile, **kwargs: str | None) -> attachments.AttachmentInfo:
    source_id = a_source(case_file)
    with case_file.unit_of_work() as session:
        return attachments.attach(session, source_id, "report.pdf", PDF_BYTES, **kwargs)


def flip_one_bit(path: Path, attachment_id: str, byte: int = 100) -> None:
    """Change the stored blob behind Casefile's back, as damage or tampering would."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        blob = bytearray(conn.execute("SELECT data FROM attachments WHERE id = ?", (attachment_id,)).fetchone()[0])
        blob[byte] ^= 0x01
        conn.execute("UPDATE attachments SET data = ? WHERE id = ?", (bytes(blob), attachment_id))


def test_import_records_hash_size_type_time_and_analyst(demo_case: CaseFile) -> None:
    before = datetime.now(UTC)
    info = attach_pdf(demo_case, analyst="A. Analyst", note="page 3 matters")
    assert info.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert info.size == len(PDF_BYTES)
    assert info.media_type == PDF
    assert info.imported_at.tzinfo is not None and info.imported_at.utcoffset() == timedelta(0)
    assert before <= info.imported_at <= datetime.now(UTC)
    with demo_case.reading() as session:
        stored = attachments.get(session, info.id)
        assert stored == info  # the time comes back from the file as the same aware UTC moment
        assert stored.analyst == "A. Analyst" and stored.note == "page 3 matters"
        _, data = attachments.read_verified(session, info.id)
    assert data == PDF_BYTES


def test_analyst_defaults_to_the_person_attaching_not_the_case_analyst(demo_case: CaseFile) -> None:
    info = attach_pdf(demo_case)
    with demo_case.reading() as session:
        assert info.analyst == analyst_of(demo_case, TEST_ANALYST) != case.the_case(session)["analyst"]


def test_the_type_comes_from_the_content_not_the_name(demo_case: CaseFile) -> None:
    with demo_case.unit_of_work() as session:
        info = attachments.attach(session, a_source(demo_case), "holiday.pdf", PNG_BYTES)
    assert info.media_type == PNG
    assert info.file_name == "holiday.pdf"


def test_attach_refuses_what_is_not_a_live_source(demo_case: CaseFile) -> None:
    with demo_case.reading() as session:
        person = records.list_records(session, Kind.PERSON)[0].id
    with demo_case.unit_of_work() as session, pytest.raises(ValidationError, match="not a source"):
        attachments.attach(session, person, "a.pdf", PDF_BYTES)
    with demo_case.unit_of_work() as session, pytest.raises(ValidationError, match="no live source"):
        attachments.attach(session, "no-such-id", "a.pdf", PDF_BYTES)


def test_empty_and_oversized_files_are_refused(demo_case: CaseFile, monkeypatch: pytest.MonkeyPatch) -> None:
    source_id = a_source(demo_case)
    with demo_case.unit_of_work() as session, pytest.raises(AttachmentRefused, match="empty"):
        attachments.attach(session, source_id, "a.pdf", b"")
    monkeypatch.setattr("casefile.domain.attachments.MAX_ATTACHMENT_BYTES", 10)
    with demo_case.unit_of_work() as session, pytest.raises(AttachmentRefused, match="limited to 10"):
        attachments.attach(session, source_id, "a.pdf", PDF_BYTES)
    assert MAX_ATTACHMENT_BYTES > 10
    with demo_case.reading() as session:
        assert attachments.list_for(session, source_id) == []


def test_a_derived_file_is_new_and_the_original_is_unchanged(demo_case: CaseFile) -> None:
    original = attach_pdf(demo_case)
    redacted = PDF_BYTES.replace(bytes(range(256)), b"\x00" * 256)
    with demo_case.unit_of_work() as session:
        derived = attachments.derive(session, original.id, "report-redacted.pdf", redacted, note="names blacked out")
    assert derived.id != original.id
    assert derived.derived_from == original.id and derived.source_id == original.source_id
    assert derived.sha256 == hashlib.sha256(redacted).hexdigest()
    with demo_case.reading() as session:
        again, data = attachments.read_verified(session, original.id)
        assert again == original and data == PDF_BYTES
        assert [a.id for a in attachments.list_for(session, original.source_id)] == [original.id, derived.id]
        assert attachments.verify(session) == []


def test_the_service_offers_no_way_to_change_stored_bytes() -> None:
    own = {n for n, f in vars(attachments).items() if inspect.isfunction(f) and f.__module__ == attachments.__name__}
    assert {"attach", "derive", "delete", "restore"} <= own
    assert not {n for n in own if n.startswith(("update", "replace", "set_", "edit", "_update"))}


def test_soft_delete_and_restore_keep_the_same_attachment(demo_case: CaseFile) -> None:
    info = attach_pdf(demo_case)
    with demo_case.unit_of_work() as session:
        attachments.delete(session, info.id)
    with demo_case.reading() as session:
        assert attachments.list_for(session, info.source_id) == []
        with pytest.raises(RecordNotFound, match=info.id):
            attachments.get(session, info.id)
        assert attachments.count(session) == 1  # still stored, still verified
    with demo_case.unit_of_work() as session:
        attachments.restore(session, info.id)
    with demo_case.reading() as session:
        assert attachments.list_for(session, info.source_id) == [info]


def test_import_delete_and_restore_are_in_the_audit_trail(demo_case: CaseFile) -> None:
    info = attach_pdf(demo_case)
    with demo_case.unit_of_work() as session:
        attachments.delete(session, info.id)
        attachments.restore(session, info.id)
    with demo_case.reading() as session:
        logged = audit.entries_for(session, info.id, with_links=False)
        assert audit.verify_chain(session) is None
    assert [e.action for e in logged] == ["import", "delete", "restore"]
    assert logged[0].details()["sha256"] == info.sha256


def test_a_one_bit_flip_is_reported_by_verify_and_by_check(demo_case_path: Path) -> None:
    with CaseFile.open(demo_case_path) as case_file:
        good = attach_pdf(case_file)
        bad = attach_pdf(case_file)
    flip_one_bit(demo_case_path, bad.id)
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        found = attachments.verify(session)
        with pytest.raises(AttachmentDamaged, match="use a backup"):
            attachments.read_verified(session, bad.id)
        assert attachments.read_verified(session, good.id)[1] == PDF_BYTES
    assert [m.attachment_id for m in found] == [bad.id]
    assert found[0].expected_sha256 == bad.sha256 and found[0].actual_sha256 != bad.sha256
    assert found[0].file_name == "report.pdf"
    report = check_file(demo_case_path)
    assert [p for p in report.problems if bad.id in p] and not [p for p in report.problems if good.id in p]
    assert main(["check", str(demo_case_path)]) == 1


def test_check_reports_every_mismatch_and_a_blob_that_is_no_longer_bytes(
    demo_case_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with CaseFile.open(demo_case_path) as case_file:
        ids = [attach_pdf(case_file).id for _ in range(3)]
    flip_one_bit(demo_case_path, ids[0])
    flip_one_bit(demo_case_path, ids[2], byte=2000)
    with closing(sqlite3.connect(demo_case_path, isolation_level=None)) as conn:
        conn.execute("UPDATE attachments SET data = 'now text' WHERE id = ?", (ids[1],))
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert sorted(m.attachment_id for m in attachments.verify(session)) == sorted(ids)
    assert main(["check", str(demo_case_path)]) == 1
    out = capsys.readouterr().out
    assert all(attachment_id in out for attachment_id in ids)
    assert "not a file's bytes" in out


def test_verify_reports_progress_and_stops_when_cancelled(demo_case: CaseFile) -> None:
    for _ in range(3):
        attach_pdf(demo_case)
    seen: list[tuple[int, int]] = []
    with demo_case.reading() as session:
        attachments.verify(session, progress=lambda done, total: seen.append((done, total)))
        assert seen == [(1, 3), (2, 3), (3, 3)]
        seen.clear()
        attachments.verify(session, progress=lambda d, t: seen.append((d, t)), cancelled=lambda: len(seen) >= 1)
    assert seen == [(1, 3)]


def test_a_clean_case_with_attachments_passes_check(demo_case_path: Path) -> None:
    with CaseFile.open(demo_case_path) as case_file:
        attach_pdf(case_file)
    assert check_file(demo_case_path).clean
