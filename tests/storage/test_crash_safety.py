"""kill -9 in the middle of writing: every edit acknowledged before the kill is there after it, intact."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage import locking
from casefile.storage.casefile import CaseFile
from casefile.storage.engine import sqlite_uri
from tests.storage.processes import Child

# Writes edits as fast as it can and prints each id only once its transaction has committed:
# a printed id is an edit the user was told was saved.
WRITER = """
import sys
from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
case = CaseFile.open(sys.argv[1])
i = 0
while True:
    with case.unit_of_work() as session:
        new = records.create(session, Kind.PERSON, {"name": f"Crash test person {i}", "notes": "x" * 2000})
        if i % 3:
            records.update_fields(session, new.id, {"role": f"edited {i}"})
    print(new.id, flush=True)
    i += 1
"""


@pytest.mark.parametrize("acknowledged", [1, 7, 25])
def test_kill_9_during_writes_keeps_every_acknowledged_edit(empty_case_path: Path, acknowledged: int) -> None:
    writer = Child(WRITER, empty_case_path)
    ids = [writer.read_line() for _ in range(acknowledged)]
    writer.kill()  # it is already busy with the next edit: killed inside a transaction or its commit

    # Reopened the way the app reopens it: the dead writer's lock is stale and reclaimed, and an
    # interrupted transaction is rolled back from its journal.
    with CaseFile.open(empty_case_path) as case_file:
        assert not case_file.read_only
        with case_file.reading() as session:
            stored = {p.id: p.values for p in records.list_records(session, Kind.PERSON)}
        for i, record_id in enumerate(ids):
            assert stored[record_id]["name"] == f"Crash test person {i}"
            assert stored[record_id]["role"] == (f"edited {i}" if i % 3 else None)
        # The edit the kill interrupted is all there or not there at all: never half of it.
        unacknowledged = [values for record_id, values in stored.items() if record_id not in ids]
        assert len(unacknowledged) <= 1
        for values in unacknowledged:
            n = len(ids)
            assert (values["name"], values["role"]) == (f"Crash test person {n}", f"edited {n}" if n % 3 else None)
        with case_file.unit_of_work() as session:
            records.create(session, Kind.PERSON, {"name": "Written after the crash"})
    assert not locking.lock_path(empty_case_path.resolve()).exists()
    assert not empty_case_path.with_name(empty_case_path.name + "-journal").exists()
    with closing(sqlite3.connect(sqlite_uri(empty_case_path, read_only=True), uri=True)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
