"""Several analysts writing one server case at once: the audit trail stays one verifiable chain."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import text

from casefile.domain.errors import EditConflict
from casefile.domain.kinds import Kind
from casefile.services import audit, records
from casefile.storage.server import ServerCase
from tests.postgres import ServerCases

WRITERS, EDITS = 8, 15


def _writer(case: ServerCase, number: int) -> int:
    for edit in range(EDITS):
        with case.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": f"Свидетель {number}-{edit} <b>&</b>"})
    return number


def test_concurrent_appends_keep_one_chain(server_cases: ServerCases) -> None:
    with server_cases.open("case") as case:
        with case.reading() as session:
            before = len(audit.entries(session))
        # Each thread takes its own connection from the case's pool: as many sessions as writers.
        with ThreadPoolExecutor(WRITERS) as pool:
            assert sorted(pool.map(lambda n: _writer(case, n), range(WRITERS))) == list(range(WRITERS))
        with case.reading() as session:
            entries = audit.entries(session)
            assert audit.verify_chain(session) is None
    assert len(entries) == before + WRITERS * EDITS
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))


def test_two_sessions_saving_one_field_at_the_same_moment_lose_nothing(server_cases: ServerCases) -> None:
    """The second save waits for the first's row lock, then sees its change and is refused."""
    with server_cases.open("case") as case:
        with case.unit_of_work() as session:
            seen = records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
        first_wrote, release = threading.Event(), threading.Event()

        def first() -> None:
            with case.unit_of_work() as session:
                records.update_fields(session, seen.id, {"name": "Иван"}, expected=seen.values)
                first_wrote.set()
                release.wait(10)  # hold the transaction open while the second save starts

        def second() -> EditConflict | None:
            first_wrote.wait(10)
            try:
                with case.unit_of_work() as session:
                    records.update_fields(session, seen.id, {"name": "Ivan F."}, expected=seen.values)
            except EditConflict as exc:
                return exc
            return None

        with ThreadPoolExecutor(2) as pool:
            done_first = pool.submit(first)
            outcome = pool.submit(second)
            _wait_until_a_session_waits_for_a_lock(case, outcome)
            release.set()
            done_first.result(10)
            conflict = outcome.result(10)
        assert conflict is not None and (conflict.theirs, conflict.mine) == ("Иван", "Ivan F.")
        with case.reading() as session:
            assert records.get(session, seen.id).values["name"] == "Иван"
            assert audit.verify_chain(session) is None


def _wait_until_a_session_waits_for_a_lock(case: ServerCase, outcome: Future[EditConflict | None]) -> None:
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    deadline = time.monotonic() + 10
    with case.engine.connect() as conn:
        while not conn.execute(query).scalar():
            if outcome.done():
                outcome.result()  # raises what the second save met
                raise AssertionError("the second save finished without waiting for the first")
            assert time.monotonic() < deadline, "the second save never waited for the first"
            conn.rollback()  # pg_stat_activity is read once per transaction: end it to see it anew
            time.sleep(0.01)
