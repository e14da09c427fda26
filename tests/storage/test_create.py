"""CaseFile.create writes a complete case at schema head, atomically, and never overwrites."""

from __future__ import annotations

import sqlite3
import struct
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import Connection

from casefile import __version__
from casefile.domain.errors import CaseFileExists, CaseFileNotFound, StorageFailure
from casefile.domain.kinds import Kind
from casefile.services import case, records
from casefile.storage import migrate
from casefile.storage.casefile import CaseFile
from casefile.storage.schema import APPLICATION_ID, HEAD_REVISION, SCHEMA_REVISION
from tests.storage.filestate import FileState, sqlite_sidecars

TITLE = 'Путин в Монгол Улс: <b>bold</b> & <font color="x">red</font>'


def _header_ints(path: Path) -> tuple[int, int]:
    """(user_version, application_id) read straight from the 100-byte header, big-endian."""
    raw = path.read_bytes()[:100]
    return struct.unpack(">i", raw[60:64])[0], struct.unpack(">I", raw[68:72])[0]


def test_a_new_case_carries_our_mark_and_revision_in_its_header(tmp_path: Path) -> None:
    path = tmp_path / "new.casefile"

    CaseFile.create(path, "A case").close()

    user_version, application_id = _header_ints(path)
    assert application_id == APPLICATION_ID == 0x4346494C
    assert path.read_bytes()[68:72] == b"CFIL"
    assert user_version == SCHEMA_REVISION


def test_a_new_case_is_at_alembic_head_and_says_who_wrote_it(tmp_path: Path) -> None:
    path = tmp_path / "new.casefile"

    with CaseFile.create(path, "A case") as case_file, case_file.engine.connect() as conn:
        revision = migrate.current_revision(conn)
        meta = dict(conn.exec_driver_sql("SELECT key, value FROM file_meta").fetchall())

    assert revision == HEAD_REVISION
    assert meta == {"created_by": f"Casefile {__version__}", "written_by": f"Casefile {__version__}"}


def test_the_title_round_trips_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "Монгол Улс & <b>.casefile"
    CaseFile.create(path, TITLE, analyst="Аналитик <i>").close()

    with CaseFile.open(path) as case_file, case_file.reading() as session:
        record = case.the_case(session)

    assert record["title"] == TITLE
    assert record["analyst"] == "Аналитик <i>"


def test_exactly_one_case_record_is_written(tmp_path: Path) -> None:
    path = tmp_path / "new.casefile"
    CaseFile.create(path, "A case").close()

    with closing(sqlite3.connect(path)) as conn:
        kinds = conn.execute("SELECT kind, count(*) FROM records GROUP BY kind").fetchall()

    assert kinds == [("case", 1)]


def test_create_leaves_only_the_case_file_in_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "new.casefile"

    CaseFile.create(path, "A case").close()

    assert [p.name for p in tmp_path.iterdir()] == ["new.casefile"]


def test_create_refuses_an_existing_file_and_leaves_it_alone(empty_case_path: Path) -> None:
    before = FileState.of(empty_case_path)

    with pytest.raises(CaseFileExists) as caught:
        CaseFile.create(empty_case_path, "Overwrite?")

    assert "already exists" in caught.value.message
    assert str(empty_case_path) in caught.value.message
    assert FileState.of(empty_case_path) == before


def test_create_refuses_an_existing_file_of_any_kind(tmp_path: Path) -> None:
    path = tmp_path / "thesis.casefile"
    path.write_text("not mine to overwrite", encoding="utf-8")
    before = FileState.of(path)

    with pytest.raises(CaseFileExists):
        CaseFile.create(path, "A case")

    assert FileState.of(path) == before


def test_create_refuses_a_missing_folder_and_makes_none(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "case.casefile"

    with pytest.raises(CaseFileNotFound) as caught:
        CaseFile.create(path, "A case")

    assert "typo" in caught.value.message
    assert "does not exist" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def test_a_failure_midway_leaves_no_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_upgrade(connection: Connection, target: str = "head") -> None:
        connection.exec_driver_sql("CREATE TABLE half_done (x)")
        raise RuntimeError("migration exploded")

    monkeypatch.setattr(migrate, "upgrade", broken_upgrade)
    path = tmp_path / "new.casefile"

    with pytest.raises(RuntimeError, match="migration exploded"):
        CaseFile.create(path, "A case")

    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_placing_leaves_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "new.casefile"

    def collide(src: Path, dst: Path) -> None:
        raise FileExistsError(dst)

    monkeypatch.setattr("casefile.storage.casefile.os.link", collide)

    with pytest.raises(CaseFileExists):
        CaseFile.create(path, "A case")

    assert list(tmp_path.iterdir()) == []


def test_a_created_case_opens_again_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "new.casefile"
    CaseFile.create(path, TITLE).close()

    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert sqlite_sidecars(path) == []


def test_create_refuses_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "cases"
    blocker.write_text("a file, not a folder", encoding="utf-8")

    with pytest.raises(CaseFileNotFound) as caught:
        CaseFile.create(blocker / "new.casefile", "A case")

    assert "is a file, not a folder" in caught.value.message
    assert [p.name for p in tmp_path.iterdir()] == ["cases"]


def test_create_with_a_name_too_long_gets_a_message_and_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(StorageFailure) as caught:
        CaseFile.create(tmp_path / ("Монгол Улс " * 30 + ".casefile"), "A case")

    assert "too long" in caught.value.message.lower()
    assert list(tmp_path.iterdir()) == []


def test_the_longest_name_sqlite_can_journal_can_be_created(tmp_path: Path) -> None:
    # SQLite writes '<name>-journal' beside the file, so the name must leave room for that suffix.
    path = tmp_path / ("x" * (255 - len("-journal") - len(".casefile")) + ".casefile")

    CaseFile.create(path, "A case").close()
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Путин"})

    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_a_name_without_room_for_the_journal_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    path = tmp_path / ("x" * (256 - len("-journal") - len(".casefile")) + ".casefile")

    with pytest.raises(StorageFailure) as caught:
        CaseFile.create(path, "A case")

    assert "too long" in caught.value.message
    assert caught.value.hint == "Choose a shorter name."
    assert list(tmp_path.iterdir()) == []


def test_a_missing_migrations_folder_is_reported_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Our own "reinstall Casefile" message must not be disguised as a problem with the user's path.
    def missing() -> Path:
        raise FileNotFoundError("Casefile's 'migrations' folder is missing from this installation; reinstall Casefile.")

    monkeypatch.setattr(migrate, "migrations_dir", missing)

    with pytest.raises(FileNotFoundError, match="reinstall Casefile"):
        CaseFile.create(tmp_path / "new.casefile", "A case")

    assert list(tmp_path.iterdir()) == []
