"""Another analyst's committed change is announced to a listening window (LISTEN/NOTIFY), never a rolled-back one."""

from __future__ import annotations

import select
import time

import pytest

from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.server import ServerCase
from casefile.storage.server_notify import Listener, Notice
from tests.postgres import ServerCases


def test_a_commit_is_heard_within_a_second_with_who_and_what(server_cases: ServerCases) -> None:
    with server_cases.database() as url, ServerCase.open(url, "case") as theirs, Listener(url, "case") as mine:
        assert mine.notices() == []
        with theirs.unit_of_work() as session:
            person = records.create(session, Kind.PERSON, {"name": "Свидетель <b>&</b>"})
            assert mine.notices() == []  # not before the commit
        started = time.monotonic()
        readable, _, _ = select.select([mine], [], [], 5)  # what a window's socket notifier waits on
        heard = mine.notices(timeout=1)
        assert readable and time.monotonic() - started < 1
    assert heard == [Notice(heard[0].seq, "create", person.id, "person", "postgres")]


def test_a_rolled_back_change_is_never_announced(server_cases: ServerCases) -> None:
    with server_cases.database() as url, ServerCase.open(url, "case") as theirs, Listener(url, "case") as mine:
        with pytest.raises(ValidationError), theirs.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": "Gone"})
            records.create(session, Kind.VISIT, {})  # refused: the whole unit of work rolls back
        with theirs.unit_of_work() as session:
            kept = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
        assert [(n.action, n.record_id) for n in mine.notices(timeout=2)] == [("create", kept.id)]
