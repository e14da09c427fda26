"""Fuzzing the header, the journal and the search index of received files (issue 9, "How we check it").

Each mutated file must give either a clean open (and a search that works or fails with a clear
message) or a clear refusal that leaves every file beside the case exactly as it was. A clear
message is one line of plain words: no SQL, no Python exception names, no SQLite internals.
Mutations come from a fixed seed, so a failure names a file that can be rebuilt.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from casefile.domain.errors import CasefileError
from casefile.services import search
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from tests.storage.filestate import FileState
from tests.storage.journals import crash_copy

# Words that only a programmer's message contains.
_JARGON = ("select ", "insert ", "[sql", "sqlite3.", "traceback", "fts5:", "vtable", "error:", "exception")


def _folder_state(folder: Path) -> dict[str, FileState]:
    return {p.name: FileState.of(p) for p in folder.iterdir() if p.is_file()}


def _assert_clear(error: CasefileError, case: Path) -> None:
    text = f"{error.message} {error.hint}"
    assert "\n" not in text, (case, text)
    assert not any(word in text.lower() for word in _JARGON), (case, text)
    assert error.hint.strip(), (case, text)


def _try(case: Path) -> str:
    """Open for writing and search; return what happened, asserting it happened cleanly."""
    before = _folder_state(case.parent)
    try:
        opened = CaseFile.open(case)
    except CasefileError as error:
        _assert_clear(error, case)
        assert _folder_state(case.parent) == before, f"a refusal changed the files beside {case.name}"
        return "refused"
    with opened:
        try:
            with opened.reading() as session:
                search.search(session, "Монгол")
        except CasefileError as error:
            _assert_clear(error, case)
            return "opened, search refused"
    return "opened"


def _mutate(raw: bytes, rng: random.Random, start: int, end: int) -> bytes:
    mutated = bytearray(raw)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(start, min(end, len(raw)))
        mutated[at] = rng.choice((0, 0xFF, rng.randrange(256), mutated[at] ^ (1 << rng.randrange(8))))
    return bytes(mutated)


def _run(count: int, seed: int, tmp_path: Path, build: Callable[[Path, random.Random], Path]) -> dict[str, int]:
    rng = random.Random(seed)
    outcomes: dict[str, int] = {}
    for number in range(count):
        folder = tmp_path / f"{number:04d}"
        folder.mkdir()
        outcome = _try(build(folder, rng))
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        shutil.rmtree(folder)
    return outcomes


def test_fuzzed_headers(empty_case_path: Path, tmp_path: Path) -> None:
    raw = empty_case_path.read_bytes()

    def build(folder: Path, rng: random.Random) -> Path:
        case = folder / "received.casefile"
        case.write_bytes(_mutate(raw, rng, 0, 100))
        return case

    outcomes = _run(400, 1, tmp_path, build)
    assert sum(outcomes.values()) == 400
    assert outcomes.get("refused", 0) > 100, outcomes


def test_fuzzed_journals(empty_case_path: Path, tmp_path: Path) -> None:
    template = crash_copy(empty_case_path, tmp_path / "template.casefile")
    raw_case = template.read_bytes()
    raw_journal = Path(f"{template}-journal").read_bytes()

    def build(folder: Path, rng: random.Random) -> Path:
        case = folder / "received.casefile"
        case.write_bytes(raw_case)
        # Half the mutations hit the header and the first record, half anywhere, trailer included.
        end = 600 if rng.random() < 0.5 else len(raw_journal)
        Path(f"{case}-journal").write_bytes(_mutate(raw_journal, rng, 0, end))
        return case

    outcomes = _run(300, 2, tmp_path, build)
    assert sum(outcomes.values()) == 300
    assert outcomes.get("opened", 0) > 0 and outcomes.get("refused", 0) > 0, outcomes


def test_fuzzed_search_index(demo_case_path: Path, tmp_path: Path) -> None:
    with closing(sqlite3.connect(demo_case_path)) as conn:
        blocks = conn.execute("SELECT id, block FROM search_index_data").fetchall()
        config = conn.execute("SELECT k, v FROM search_index_config").fetchall()
    raw = demo_case_path.read_bytes()

    def build(folder: Path, rng: random.Random) -> Path:
        case = folder / "received.casefile"
        case.write_bytes(raw)
        with closing(sqlite3.connect(case)) as conn:
            if rng.random() < 0.1:
                key, _ = rng.choice(config)
                conn.execute("UPDATE search_index_config SET v = ? WHERE k = ?", (rng.choice((0, 5, -1, "x")), key))
            else:
                row_id, block = rng.choice(blocks)
                if block:
                    mutated = _mutate(block, rng, 0, len(block))
                    conn.execute("UPDATE search_index_data SET block = ? WHERE id = ?", (mutated, row_id))
            conn.commit()
        return case

    outcomes = _run(300, 3, tmp_path, build)
    assert sum(outcomes.values()) == 300
    assert outcomes.get("opened, search refused", 0) > 0, outcomes


@pytest.mark.parametrize("version", [5, "x"])
def test_a_search_index_of_another_version_gets_one_clear_line(demo_case_path: Path, version: object) -> None:
    with closing(sqlite3.connect(demo_case_path)) as conn:
        conn.execute("UPDATE search_index_config SET v = ? WHERE k = 'version'", (version,))
        conn.commit()
    with CaseFile.open(demo_case_path) as opened, pytest.raises(CasefileError) as caught, opened.reading() as session:
        search.search(session, "Mongolia")
    _assert_clear(caught.value, demo_case_path)
    assert "search index" in caught.value.message
    report = check_file(demo_case_path)
    assert not report.clean
    assert all(not any(word in p.lower() for word in _JARGON) for p in report.problems), report.problems
