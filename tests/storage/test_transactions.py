"""Units of work are real transactions: all or nothing, durable, and visible to the next one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from casefile.domain.errors import StorageFailure
from casefile.domain.kinds import Kind
from casefile.services import records, search
from casefile.storage.casefile import CaseFile
from casefile.storage.models import Record


class Boom(Exception):
    pass


def _names(case_file: CaseFile, kind: Kind = Kind.PERSON) -> set[str]:
    with case_file.reading() as session:
        return {r["name"] for r in records.list_records(session, kind)}


def _record_count(case_file: CaseFile) -> int:
    with case_file.reading() as session:
        return session.execute(select(func.count()).select_from(Record)).scalar_one()


def test_an_error_rolls_back_every_write_of_the_unit(empty_case: CaseFile) -> None:
    before = _record_count(empty_case)

    with pytest.raises(Boom), empty_case.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Владимир Путин"})
        records.create(session, Kind.STATE, {"name": "Монгол Улс", "iso2": "MN"})
        records.create(session, Kind.PERSON, {"name": "<b>bold</b> & co"})
        raise Boom

    assert _record_count(empty_case) == before
    assert _names(empty_case) == set()
    with empty_case.reading() as session:
        assert search.search(session, "Путин") == []


def test_an_error_after_an_update_restores_the_old_value(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Путин"})

    with pytest.raises(Boom), empty_case.unit_of_work() as session:
        records.update_fields(session, person.id, {"name": "changed"})
        records.delete(session, person.id)
        raise Boom

    assert _names(empty_case) == {"Путин"}


def test_a_committed_edit_survives_closing_and_reopening(empty_case_path: Path) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.STATE, {"name": "Монгол Улс", "iso2": "MN", "notes": '<font color="x">&</font>'})

    with CaseFile.open(empty_case_path) as case_file, case_file.reading() as session:
        (state,) = records.list_records(session, Kind.STATE)

    assert state["name"] == "Монгол Улс"
    assert state["notes"] == '<font color="x">&</font>'


def test_sequential_units_of_work_see_each_others_commits(empty_case: CaseFile) -> None:
    with empty_case.unit_of_work() as session:
        first = records.create(session, Kind.PERSON, {"name": "Путин"})
    with empty_case.unit_of_work() as session:
        records.update_fields(session, first.id, {"name": "Владимир Путин"})
        records.create(session, Kind.PERSON, {"name": "Khürelsükh"})
    with empty_case.unit_of_work() as session:
        assert records.get(session, first.id)["name"] == "Владимир Путин"

    assert _names(empty_case) == {"Владимир Путин", "Khürelsükh"}


def test_a_reading_session_never_commits(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        records.create(session, Kind.PERSON, {"name": "never saved"})

    assert _names(empty_case) == set()


@pytest.fixture
def small_disk(empty_case_path: Path) -> Iterator[CaseFile]:
    """A case whose connections may grow the file by only a few pages, like a nearly full disk."""
    case_file = CaseFile.open(empty_case_path)
    pages = empty_case_path.stat().st_size // 4096 + 4

    def limit(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(case_file.engine, "connect", limit)
    try:
        yield case_file
    finally:
        case_file.close()


def test_a_full_disk_raises_a_clear_error_and_keeps_the_last_commit(small_disk: CaseFile) -> None:
    with small_disk.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Путин"})

    with pytest.raises(StorageFailure) as caught, small_disk.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Огромный", "notes": "Монгол Улс " * 80_000})

    assert "full" in caught.value.message
    assert "not saved" in caught.value.message
    assert "Free some space" in caught.value.hint
    assert _names(small_disk) == {"Путин"}
    with small_disk.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
