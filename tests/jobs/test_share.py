"""Share a Copy: a clean snapshot without deleted remnants, optionally redacted, written atomically."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from casefile.domain.errors import CaseFileNotFound, StorageFailure
from casefile.domain.kinds import Kind
from casefile.jobs import share
from casefile.jobs.share import share_copy
from casefile.services import audit, records, search
from casefile.services.dossier import Redactor
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from casefile.storage.models import AttachmentRow

# Obviously fictional people; nothing here is about anyone real.
PROTECTED = {
    "name": "Zorbina Quillfeather",
    "original_name": "Зорбина Квилфезер",
    "aliases": ["Zorba Q", "Z. Quillfeather"],
    "role": "Fictional informant of the test suite",
    "nationality": "Testland",
    "protected": True,
    "notes": "Lives above the bakery on Imaginary Lane",
}
SECOND_PROTECTED = {"name": "Hortensia Blumquist", "protected": True}
SECRET_WORDS = ["Zorbina", "Quillfeather", "Зорбина", "Квилфезер", "Zorba", "Imaginary Lane", "Fictional informant",
                "Testland", "Hortensia", "Blumquist"]  # fmt: skip


def _bytes_of(path: Path) -> bytes:
    return path.read_bytes()


def _create(case_file: CaseFile, kind: Kind, values: dict[str, object]) -> str:
    with case_file.unit_of_work() as session:
        return records.create(session, kind, values).id


def _attach(case_file: CaseFile, source_id: str, data: bytes, *, deleted: bool = False) -> None:
    now = datetime.now(UTC)
    row = {"id": records.new_id(), "source_id": source_id, "file_name": "evidence.txt", "media_type": "text/plain",
           "size": len(data), "sha256": "0" * 64, "imported_at": now, "deleted_at": now if deleted else None,
           "data": data}  # fmt: skip
    with case_file.unit_of_work() as session:
        session.execute(insert(AttachmentRow), [row])


@pytest.fixture
def redaction_case(empty_case: CaseFile) -> dict[str, str]:
    ids = {"witness": _create(empty_case, Kind.PERSON, PROTECTED)}
    ids["second"] = _create(empty_case, Kind.PERSON, SECOND_PROTECTED)
    ids["other"] = _create(
        empty_case, Kind.PERSON, {"name": "Tarquin Fellowes", "notes": "Met Zorbina Quillfeather's cousin twice."}
    )
    ids["quote"] = _create(
        empty_case,
        Kind.QUOTE,
        {"text": "Quillfeather said nothing; Блумквист neither.", "speaker": ids["witness"], "speaker_role": "clerk"},
    )
    ids["link"] = _create(
        empty_case,
        Kind.LINK,
        {"from": ids["other"], "to": ids["witness"], "kind": "met Zorba Q", "note": "Hortensia was there"},
    )
    # Revision 4's kinds: a protected name in a correction's note and a precedent's summary goes too.
    state = _create(empty_case, Kind.STATE, {"name": "Testrepublik", "iso2": "HU"})
    correction = {"iso2": "HU", "action": "dispute", "event": "HU:withdrawal_revoked:",
                  "citation": "Interview with Zorba Q", "note": "Zorbina Quillfeather doubts it"}  # fmt: skip
    ids["correction"] = _create(empty_case, Kind.STATUS_CORRECTION, correction)
    precedent = {"chamber": "Test chamber", "person": ids["other"], "state": state, "citation": "Test",
                 "summary": "Hortensia Blumquist and Зорбина Квилфезер testified"}  # fmt: skip
    ids["precedent"] = _create(empty_case, Kind.PRECEDENT, precedent)
    return ids


def test_a_share_leaves_no_remnant_of_a_deleted_record(empty_case: CaseFile, tmp_path: Path) -> None:
    kept = _create(empty_case, Kind.PERSON, {"name": "Alfonse Keepwell"})
    gone = _create(empty_case, Kind.PERSON, {"name": "Gnorbert Vexlemire", "notes": "deleted-marker-7d1f"})
    _create(empty_case, Kind.LINK, {"from": kept, "to": gone, "kind": "link-marker-93ab"})
    with empty_case.unit_of_work() as session:
        records.delete(session, gone)
    assert b"deleted-marker-7d1f" in _bytes_of(empty_case.path)  # the original still holds it (soft delete)

    out = tmp_path / "to send" / "copy.casefile"
    out.parent.mkdir()
    report = share_copy(empty_case.path, out)

    data = _bytes_of(out)
    for marker in (b"Vexlemire", b"deleted-marker-7d1f", b"link-marker-93ab"):
        assert marker not in data
    assert report.records_left_out == 2  # the person and the link that went with it
    assert sorted(p.name for p in out.parent.iterdir()) == ["copy.casefile"]  # no -journal, no temp file
    assert check_file(out).clean
    with CaseFile.open(out, read_only=True) as copy, copy.reading() as session:
        assert [p.values["name"] for p in records.list_records(session, Kind.PERSON)] == ["Alfonse Keepwell"]
        assert search.search(session, "Vexlemire") == []


def test_a_share_keeps_live_data_and_protected_names_when_not_redacting(
    empty_case: CaseFile, redaction_case: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "plain.casefile"
    report = share_copy(empty_case.path, out)
    assert not report.redacted and report.pseudonyms == ()
    assert b"Zorbina Quillfeather" in _bytes_of(out)
    with empty_case.reading() as session:
        original = records.get(session, redaction_case["witness"]).values
    with CaseFile.open(out, read_only=True) as copy, copy.reading() as session:
        assert records.get(session, redaction_case["witness"]).values == original
        assert len(records.list_records(session, Kind.LINK)) == 1


def test_a_redacted_share_holds_no_protected_name_anywhere(
    empty_case: CaseFile, redaction_case: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "redacted.casefile"
    report = share_copy(empty_case.path, out, redact=True)

    data = _bytes_of(out)
    for word in SECRET_WORDS:
        assert word.encode("utf-8") not in data, word
    assert report.redacted and report.pseudonyms == ("Witness A", "Witness B")
    assert check_file(out).clean
    with CaseFile.open(out, read_only=True) as copy, copy.reading() as session:
        witness = records.get(session, redaction_case["witness"]).values
        assert witness["name"] == "Witness A" and witness["protected"] is True
        assert witness["aliases"] == [] and witness["original_name"] is None and witness["notes"] is None
        assert records.get(session, redaction_case["other"]).values["notes"] == "Met Witness A's cousin twice."
        quote = records.get(session, redaction_case["quote"]).values
        assert quote["text"] == "[Witness A] said nothing; Блумквист neither." and quote["speaker_role"] is None
        link = records.get(session, redaction_case["link"]).values
        assert (link["kind"], link["note"]) == ("met Witness A", "Witness B was there")
        # The search index was rebuilt from the redacted text, so it cannot lead back to the name either.
        assert search.search(session, "Quillfeather") == [] and search.search(session, "Zorbina") == []
        assert {hit.id for hit in search.search(session, "Fellowes")} >= {redaction_case["other"]}


def test_redacted_share_uses_the_pseudonyms_of_the_redacted_pdf(
    empty_case: CaseFile, redaction_case: dict[str, str], tmp_path: Path
) -> None:
    with empty_case.reading() as session:
        pdf_names = Redactor(records.list_records(session, Kind.PERSON), True).pseudonyms
    out = tmp_path / "redacted.casefile"
    share_copy(empty_case.path, out, redact=True)
    with CaseFile.open(out, read_only=True) as copy, copy.reading() as session:
        names = {pid: records.get(session, pid).values["name"] for pid in pdf_names}
        # Sharing a redacted copy again, or exporting its redacted PDF, keeps the same pseudonyms.
        assert Redactor(records.list_records(session, Kind.PERSON), True).pseudonyms == pdf_names
    assert names == pdf_names == {redaction_case["witness"]: "Witness A", redaction_case["second"]: "Witness B"}


def test_attachments_deleted_ones_go_and_a_redacted_copy_carries_none(empty_case: CaseFile, tmp_path: Path) -> None:
    source = _create(empty_case, Kind.SOURCE, {"title": "A fictional report"})
    _attach(empty_case, source, b"live-attachment-bytes-55aa")
    _attach(empty_case, source, b"deleted-attachment-bytes-66bb", deleted=True)

    plain = share_copy(empty_case.path, tmp_path / "plain.casefile")
    assert plain.attachments_left_out == 1
    assert b"live-attachment-bytes-55aa" in _bytes_of(plain.path)
    assert b"deleted-attachment-bytes-66bb" not in _bytes_of(plain.path)

    redacted = share_copy(empty_case.path, tmp_path / "redacted.casefile", redact=True)
    assert redacted.attachments_left_out == 2
    assert b"attachment-bytes" not in _bytes_of(redacted.path)


def test_sharing_an_open_demo_case_works_and_the_copy_opens_for_writing(demo_case: CaseFile, tmp_path: Path) -> None:
    out = tmp_path / "demo copy.casefile"
    share_copy(demo_case.path, out)
    with CaseFile.open(out) as copy, copy.reading() as session:
        assert records.list_records(session, Kind.PERSON)
    assert sorted(p.name for p in tmp_path.iterdir() if "copy" in p.name) == ["demo copy.casefile"]


def test_a_missing_target_folder_is_refused_and_writes_nothing(empty_case_path: Path, tmp_path: Path) -> None:
    with pytest.raises(CaseFileNotFound, match="does not exist"):
        share_copy(empty_case_path, tmp_path / "nowhere" / "copy.casefile")
    assert not (tmp_path / "nowhere").exists()


def test_a_failure_mid_write_leaves_the_previous_target_and_no_temp_file(
    empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "copy.casefile"
    target.write_bytes(b"the previous copy")

    def broken_fsync(path: Path) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(share, "fsync_file", broken_fsync)
    with pytest.raises(StorageFailure, match="Input/output error"):
        share_copy(empty_case_path, target)
    assert target.read_bytes() == b"the previous copy"
    assert [p.name for p in folder.iterdir()] == ["copy.casefile"]


def test_an_exception_while_checking_the_copy_leaves_the_previous_target(
    empty_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.casefile"
    target.write_bytes(b"the previous copy")
    before = sorted(p.name for p in tmp_path.iterdir())

    def exploding(copy: Path) -> None:
        assert copy.is_file() and copy.parent == tmp_path  # the temp file sits beside the target
        raise RuntimeError("boom")

    monkeypatch.setattr(share, "_verify", exploding)
    with pytest.raises(RuntimeError, match="boom"):
        share_copy(empty_case_path, target)
    assert target.read_bytes() == b"the previous copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_journal_beside_the_target_is_refused(empty_case_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.casefile"
    target.write_bytes(b"the previous copy")
    (tmp_path / "copy.casefile-journal").write_bytes(b"hot journal")
    with pytest.raises(StorageFailure, match="journal"):
        share_copy(empty_case_path, target)
    assert target.read_bytes() == b"the previous copy"


def test_a_share_cannot_replace_its_own_case(empty_case_path: Path) -> None:
    before = empty_case_path.read_bytes()
    with pytest.raises(StorageFailure, match="cannot replace"):
        share_copy(empty_case_path, empty_case_path)
    assert empty_case_path.read_bytes() == before


def test_cancelling_before_the_rename_writes_nothing(empty_case_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.casefile"
    with pytest.raises(share.ShareCancelled):
        share_copy(empty_case_path, target, cancelled=lambda: True)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == [empty_case_path.name]


def test_the_copy_has_no_audit_history(empty_case: CaseFile, tmp_path: Path) -> None:
    with closing(sqlite3.connect(empty_case.path)) as raw, raw:
        raw.execute(
            "INSERT INTO audit_log (at, action, detail, prev_hash, hash) "
            "VALUES ('2024-01-01 00:00:00', 'delete', '{\"before\": \"audit-marker-c3d4\"}', '', 'h1')"
        )
    out = share_copy(empty_case.path, tmp_path / "copy.casefile").path
    assert b"audit-marker-c3d4" not in _bytes_of(out)


def test_a_share_is_recorded_in_the_original_unless_it_is_open_read_only(empty_case_path: Path, tmp_path: Path) -> None:
    before = empty_case_path.read_bytes()
    share_copy(empty_case_path, tmp_path / "quiet.casefile", read_only=True)
    assert empty_case_path.read_bytes() == before

    share_copy(empty_case_path, tmp_path / "logged.casefile", redact=True)
    with CaseFile.open(empty_case_path, read_only=True) as case_file, case_file.reading() as session:
        last = audit.entries(session)[-1]
        assert last.action == "share"
        assert last.details() == {"file": "logged.casefile", "redacted": True, "records_left_out": 0,
                                  "attachments_left_out": 0}  # fmt: skip
        assert audit.verify_chain(session) is None
