"""Every change lands in the hash-chained audit trail, in the same transaction, and tampering is named."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from casefile import identity
from casefile.cli.main import main
from casefile.domain.audit import GENESIS, canonical_row, chain_hash
from casefile.domain.errors import ValidationError
from casefile.domain.kinds import Kind
from casefile.jobs.copy import save_copy
from casefile.jobs.json_io import export_json, import_json
from casefile.services import audit, case, links, records
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from tests.conftest import TEST_ANALYST
from tests.postgres import SERVER_USER, analyst_of, on_server

ANALYST = "Тестова Аналитик"  # fictional


@pytest.fixture
def case_file(empty_case: CaseFile) -> CaseFile:
    with empty_case.unit_of_work() as session:
        case.update_case(session, {"analyst": ANALYST})
    return empty_case


def test_the_actor_is_whoever_uses_casefile_at_the_time_of_the_edit(case_file: CaseFile) -> None:
    identity.use("Ханна Коэн")  # Preferences changed while the case is open
    with case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "A"})
    identity.use(None)  # back to CASEFILE_ANALYST
    with case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "B"})
    with case_file.reading() as session:
        actors = [e.actor for e in audit.entries(session)[-2:]]
    if on_server(case_file):
        # A server case names the database user on every row whatever Preferences say: the server, not
        # the app on someone's laptop, vouches for who connected.
        assert actors == [SERVER_USER, SERVER_USER]
    else:
        assert actors == ["Ханна Коэн", TEST_ANALYST]


def test_without_any_name_rows_record_an_unknown_analyst(
    empty_case_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(identity.ANALYST_VARIABLE)
    with CaseFile.open(empty_case_path) as case_file:
        with case_file.unit_of_work() as session:
            case.update_case(session, {"analyst": ANALYST})
        with case_file.reading() as session:
            last = audit.entries(session)[-1]
    assert last.actor is None and identity.shown(last.actor) == "unknown analyst"


def _actions(case_file: CaseFile) -> list[tuple[str, str | None]]:
    with case_file.reading() as session:
        return [(e.action, e.kind) for e in audit.entries(session)]


def _tamper(path: Path, statement: str) -> None:
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(statement)
        conn.commit()


def test_a_new_case_starts_its_log_with_its_own_creation(empty_case: CaseFile) -> None:
    with empty_case.reading() as session:
        (first,) = audit.entries(session)
        the_case = case.the_case(session)
    assert (first.seq, first.prev_hash, first.action, first.record_id) == (1, GENESIS, "create", the_case.id)
    assert first.details()["values"]["title"] == "Empty case"


def test_create_logs_the_values_and_the_person_using_casefile_not_the_case_analyst(case_file: CaseFile) -> None:
    with case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Ivan Fictional", "aliases": ["Иван"]})
    with case_file.reading() as session:
        last = audit.entries(session)[-1]
    expected = ("create", person.id, "person", analyst_of(case_file, TEST_ANALYST))
    assert (last.action, last.record_id, last.kind, last.actor) == expected
    assert last.details()["values"]["aliases"] == ["Иван"]
    assert last.at.endswith("Z")


def test_an_edit_logs_before_and_after_of_the_changed_fields_only(case_file: CaseFile) -> None:
    with case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Ivan Fictional", "role": "Minister"})
        records.update_fields(session, person.id, {"name": "Ivan Fictionalov", "role": "Minister"})
    with case_file.reading() as session:
        edit = audit.entries(session)[-1]
    assert edit.action == "edit"
    assert edit.details() == {"changes": {"name": {"before": "Ivan Fictional", "after": "Ivan Fictionalov"}}}


def test_saving_without_a_change_logs_nothing(case_file: CaseFile) -> None:
    with case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
        before = len(audit.entries(session))
        records.update_fields(session, person.id, {"name": "Ivan Fictional"})
        assert len(audit.entries(session)) == before


def test_delete_and_restore_log_the_record_and_each_link_that_went_with_it(case_file: CaseFile) -> None:
    with case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
        state = records.create(session, Kind.STATE, {"name": "Mongolia", "iso2": "MN"})
        link = links.link(session, person.id, state.id, "visited")
        deleted = records.delete(session, person.id)
        records.restore(session, deleted)
    with case_file.reading() as session:
        rows = audit.entries(session)[-5:]
    assert [(e.action, e.record_id) for e in rows] == [
        ("link", link.id),
        ("delete", person.id),
        ("unlink", link.id),
        ("restore", person.id),
        ("restore", link.id),
    ]
    assert rows[1].details()["links"] == [link.id]
    assert rows[2].details()["with"] == person.id
    assert rows[0].details()["values"]["from"] == person.id


def test_unlinking_a_link_logs_unlink(case_file: CaseFile) -> None:
    with case_file.unit_of_work() as session:
        a = records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
        b = records.create(session, Kind.PERSON, {"name": "Olga Fictional"})
        link = links.link(session, a.id, b.id, "affiliated with")
        links.unlink(session, link.id)
    assert _actions(case_file)[-2:] == [("link", "link"), ("unlink", "link")]


def test_a_bulk_load_logs_one_summary_row(case_file: CaseFile) -> None:
    with case_file.unit_of_work() as session:
        before = len(audit.entries(session))
        ids = records.bulk_create(session, Kind.QUOTE, [{"text": f"quote {i}"} for i in range(50)])
        rows = audit.entries(session)[before:]
    assert len(rows) == 1
    assert (rows[0].action, rows[0].kind) == ("bulk-create", "quote")
    assert rows[0].details() == {"count": 50, "first": ids[0], "last": ids[-1]}


def test_a_refused_or_rolled_back_change_leaves_no_audit_row(case_file: CaseFile) -> None:
    before = _actions(case_file)
    with pytest.raises(ValidationError), case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
        records.create(session, Kind.STATE, {"name": "Nowhere", "iso2": "ZZ"})
    assert _actions(case_file) == before


def test_entries_for_a_record_include_its_links(case_file: CaseFile) -> None:
    with case_file.unit_of_work() as session:
        a = records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
        b = records.create(session, Kind.PERSON, {"name": "Olga Fictional"})
        link = links.link(session, a.id, b.id, "affiliated with")
        records.update_fields(session, b.id, {"role": "Spokesperson"})
    with case_file.reading() as session:
        for_a = audit.entries_for(session, a.id)
        only_a = audit.entries_for(session, a.id, with_links=False)
    assert [(e.action, e.record_id) for e in for_a] == [("create", a.id), ("link", link.id)]
    assert [e.action for e in only_a] == ["create"]


def test_the_chain_verifies_after_many_changes(demo_case: CaseFile) -> None:
    with demo_case.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
        records.update_fields(session, person.id, {"name": "Ivan Fictionalov"})
        records.restore(session, records.delete(session, person.id))
    with demo_case.reading() as session:
        assert audit.verify_chain(session) is None
        assert len(audit.entries(session)) > 90
    if not on_server(demo_case):  # `casefile check` reads a file
        assert check_file(demo_case.path).clean


def _three_edits(path: Path) -> None:
    with CaseFile.open(path) as case_file, case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "Ivan Fictional"})
        records.update_fields(session, person.id, {"name": "Ivan Fictionalov"})
        records.update_fields(session, person.id, {"role": "Minister"})


@pytest.mark.parametrize(
    ("statement", "named", "reason"),
    [
        ("UPDATE audit_log SET detail = replace(detail, 'Fictionalov', 'Innocent') WHERE seq = 3",
         3, "content was changed"),
        ("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2", 2, "content was changed"),
        ("UPDATE audit_log SET at = 'yesterday' WHERE seq = 2", 2, "content was changed"),
        ("DELETE FROM audit_log WHERE seq = 3", 4, "row 3 was removed"),
        ("DELETE FROM audit_log WHERE seq = 1", 2, "earlier rows were removed"),
    ],
    ids=["edited detail", "edited actor", "edited time", "deleted middle row", "deleted first row"],
)  # fmt: skip
def test_tampering_through_plain_sqlite_is_detected_and_named(
    empty_case_path: Path, statement: str, named: int, reason: str
) -> None:
    _three_edits(empty_case_path)
    _tamper(empty_case_path, statement)

    with CaseFile.open(empty_case_path, read_only=True) as case_file, case_file.reading() as session:
        broken = audit.verify_chain(session)
    report = check_file(empty_case_path)

    assert broken is not None and broken.seq == named and reason in broken.reason
    assert [p for p in report.problems if p.startswith("Audit trail")] == [
        f"Audit trail: audit log row {named}: {broken.reason} The log was altered outside Casefile; "
        "the entries before it are intact."
    ]


def test_a_recomputed_hash_is_caught_at_the_next_row(empty_case_path: Path) -> None:
    _three_edits(empty_case_path)
    # A forger who rewrites a row and its own hash still breaks the link to the row after it.
    with CaseFile.open(empty_case_path, read_only=True) as case_file, case_file.reading() as session:
        row = audit.entries(session)[2]
    forged_detail = row.detail.replace("Fictionalov", "Innocent")
    forged = chain_hash(row.prev_hash, canonical_row(row.seq, row.at, row.actor, row.action, row.record_id,
                                                     row.kind, forged_detail))  # fmt: skip
    with closing(sqlite3.connect(empty_case_path)) as conn:
        conn.execute("UPDATE audit_log SET detail = ?, hash = ? WHERE seq = 3", (forged_detail, forged))
        conn.commit()

    broken = check_file(empty_case_path).problems
    assert any(p.startswith("Audit trail: audit log row 4: row 3 before it was changed") for p in broken)


def test_casefile_check_exits_1_and_names_the_row(empty_case_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _three_edits(empty_case_path)
    assert main(["check", str(empty_case_path)]) == 0
    _tamper(empty_case_path, "DELETE FROM audit_log WHERE seq = 2")
    capsys.readouterr()

    assert main(["check", str(empty_case_path)]) == 1
    assert "Audit trail: audit log row 3: row 2 was removed before it." in capsys.readouterr().out


def test_import_export_and_copy_are_logged_but_never_in_a_case_opened_read_only(
    demo_case_path: Path, tmp_path: Path
) -> None:
    export_json(demo_case_path, tmp_path / "case.json")
    imported = import_json(tmp_path / "case.json", tmp_path / "imported.casefile")
    save_copy(demo_case_path, tmp_path / "copy.casefile")
    untouched = _sha256(demo_case_path)
    save_copy(demo_case_path, tmp_path / "second copy.casefile", read_only=True)
    export_json(demo_case_path, tmp_path / "again.json", read_only=True)
    assert _sha256(demo_case_path) == untouched

    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        logged = [(e.action, e.details().get("file")) for e in audit.entries(session)[-2:]]
    with CaseFile.open(imported, read_only=True) as case_file, case_file.reading() as session:
        imported_log = [(e.action, e.details().get("file")) for e in audit.entries(session)]
        assert audit.verify_chain(session) is None
    assert logged == [("export", "case.json"), ("copy", "copy.casefile")]
    assert imported_log[-1] == ("import", "case.json")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
