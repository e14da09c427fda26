"""Several analysts writing one server case at once: the audit trail stays one verifiable chain."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

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
