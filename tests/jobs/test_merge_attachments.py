"""Merging evidence files: added, removed and changed on either side (issue 9 §2).

Before this, a colleague's attachment was dropped and merge said "Nothing to merge".
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.jobs.merge import merge_case
from casefile.services import attachments, audit, records
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file

PDF = b"%PDF-1.4\n% a scanned decision \xd0\x9c\xd0\xbe\xd0\xbd\xd0\xb3\xd0\xbe\xd0\xbb\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def theirs_path(demo_case_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "colleague" / "theirs.casefile"
    target.parent.mkdir()
    shutil.copyfile(demo_case_path, target)
    return target


def first_source(path: Path) -> str:
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return records.list_records(session, Kind.SOURCE)[0].id


def attach(path: Path, source: str, name: str, data: bytes) -> str:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        return attachments.attach(session, source, name, data, analyst="Анна <b>&</b>").id


def remove(path: Path, attachment_id: str) -> None:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        attachments.delete(session, attachment_id)


def stored(path: Path) -> dict[str, tuple[str, str, bool]]:
    """Every attachment, removed ones too: id -> (sha256, file name, removed)."""
    with CaseFile.open(path, read_only=True) as case_file, case_file.reading() as session:
        return {
            a.id: (a.sha256, a.file_name, a.deleted_at is not None)
            for a in attachments.list_all(session, include_deleted=True)
        }


def test_their_new_attachment_is_merged_with_its_hash_and_audited(demo_case_path: Path, theirs_path: Path) -> None:
    source = first_source(theirs_path)
    theirs = attach(theirs_path, source, "решение <b>.pdf", PDF)

    report = merge_case(demo_case_path, theirs_path)

    assert report.applied and report.backup is not None
    assert stored(demo_case_path)[theirs] == (hashlib.sha256(PDF).hexdigest(), "решение <b>.pdf", False)
    assert report.attachment_lines()[0] == "Attachments: 1 added, 0 already here, 0 in conflict (both kept)"
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        _, data = attachments.read_verified(session, theirs)
        entries = audit.entries_for(session, theirs)
    assert data == PDF
    assert [e.action for e in entries][-1] == "merge"
    assert check_file(demo_case_path).clean


def test_merging_the_same_copy_twice_brings_nothing_the_second_time(demo_case_path: Path, theirs_path: Path) -> None:
    attach(theirs_path, first_source(theirs_path), "scan.pdf", PDF)
    merge_case(demo_case_path, theirs_path)
    again = merge_case(demo_case_path, theirs_path)
    assert again.backup is None  # nothing written
    assert again.attachment_lines()[0] == "Attachments: 0 added, 1 already here, 0 in conflict (both kept)"
    assert len(stored(demo_case_path)) == 1


def test_the_same_file_attached_on_both_sides_is_kept_once(demo_case_path: Path, theirs_path: Path) -> None:
    source = first_source(demo_case_path)
    attach(demo_case_path, source, "mine.pdf", PDF)
    attach(theirs_path, source, "theirs.pdf", PDF)
    report = merge_case(demo_case_path, theirs_path)
    assert len(stored(demo_case_path)) == 1
    assert report.attachment_lines()[0].startswith("Attachments: 0 added, 1 already here")


def test_the_same_id_with_other_bytes_is_a_conflict_and_both_are_kept(demo_case_path: Path, theirs_path: Path) -> None:
    source = first_source(demo_case_path)
    shared = attach(demo_case_path, source, "decision.pdf", PDF)
    shutil.copyfile(demo_case_path, theirs_path)
    # Their copy says the same attachment holds other bytes (never made by Casefile: forged or broken).
    with closing(sqlite3.connect(theirs_path)) as conn:
        conn.execute(
            "UPDATE attachments SET data = ?, sha256 = ?, size = ? WHERE id = ?",
            (PNG, hashlib.sha256(PNG).hexdigest(), len(PNG), shared),
        )
        conn.commit()

    report = merge_case(demo_case_path, theirs_path)

    after = stored(demo_case_path)
    assert after[shared][0] == hashlib.sha256(PDF).hexdigest()  # mine never overwritten
    [new_id] = set(after) - {shared}
    assert after[new_id][0] == hashlib.sha256(PNG).hexdigest()
    lines = report.attachment_lines()
    assert lines[0] == "Attachments: 0 added, 0 already here, 1 in conflict (both kept)"
    assert "holds other bytes in their copy" in lines[1] and "both kept" in lines[1]
    assert check_file(demo_case_path).clean


def test_removed_on_my_side_stays_removed_and_is_said(demo_case_path: Path, theirs_path: Path) -> None:
    shared = attach(demo_case_path, first_source(demo_case_path), "decision.pdf", PDF)
    shutil.copyfile(demo_case_path, theirs_path)
    remove(demo_case_path, shared)
    report = merge_case(demo_case_path, theirs_path)
    assert stored(demo_case_path)[shared][2] is True
    assert any("was removed here and is still in their copy" in line for line in report.attachment_lines())


def test_removed_on_their_side_stays_here(demo_case_path: Path, theirs_path: Path) -> None:
    shared = attach(demo_case_path, first_source(demo_case_path), "decision.pdf", PDF)
    shutil.copyfile(demo_case_path, theirs_path)
    remove(theirs_path, shared)
    merge_case(demo_case_path, theirs_path)
    assert stored(demo_case_path)[shared][2] is False  # a merge never deletes


def test_added_on_my_side_only_is_kept(demo_case_path: Path, theirs_path: Path) -> None:
    mine = attach(demo_case_path, first_source(demo_case_path), "mine.pdf", PDF)
    report = merge_case(demo_case_path, theirs_path)
    assert report.backup is None
    assert stored(demo_case_path) == {mine: (hashlib.sha256(PDF).hexdigest(), "mine.pdf", False)}


def test_an_attachment_under_their_new_source_and_a_derived_file_come_in_together(
    demo_case_path: Path, theirs_path: Path
) -> None:
    with CaseFile.open(theirs_path) as case_file, case_file.unit_of_work() as session:
        source = records.create(session, Kind.SOURCE, {"title": "מקור חדש & <i>new</i>"}).id
        original = attachments.attach(session, source, "original.pdf", PDF).id
        crop = attachments.derive(session, original, "crop.png", PNG).id
    merge_case(demo_case_path, theirs_path)
    after = stored(demo_case_path)
    assert {original, crop} <= set(after)
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        assert attachments.get(session, crop).derived_from == original
    assert check_file(demo_case_path).clean


def test_their_attachment_whose_bytes_do_not_match_its_hash_is_refused(demo_case_path: Path, theirs_path: Path) -> None:
    theirs = attach(theirs_path, first_source(theirs_path), "scan.pdf", PDF)
    with closing(sqlite3.connect(theirs_path)) as conn:
        conn.execute("UPDATE attachments SET data = ? WHERE id = ?", (PDF.replace(b"scanned", b"SCANNED"), theirs))
        conn.commit()
    before = demo_case_path.read_bytes()
    with pytest.raises(ValidationError) as caught:
        merge_case(demo_case_path, theirs_path)
    assert "nothing was merged" in caught.value.hint.lower()
    assert demo_case_path.read_bytes() == before
