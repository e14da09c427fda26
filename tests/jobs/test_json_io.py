"""export_json and import_json: lossless round trips, and no case file left behind by bad input."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from casefile.domain.errors import CasefileError, CaseFileExists, StorageFailure, ValidationError
from casefile.domain.kinds import Kind
from casefile.jobs.json_io import export_json, import_json
from casefile.services import audit, case, records, search
from casefile.storage.casefile import CaseFile
from tests.interchange_cases import anchor_entries, assert_every_field_filled, build_full_case, without_anchor


def _round_trip(case_path: Path, folder: Path) -> tuple[bytes, bytes]:
    first, second = folder / "first.json", folder / "second.json"
    export_json(case_path, first)
    imported = import_json(first, folder / "imported.casefile")
    export_json(imported, second)
    # Each case's own audit anchor ends the document: the imported case has a history of its own.
    assert without_anchor(first) == without_anchor(second)
    return first.read_bytes(), second.read_bytes()


def test_demo_case_round_trip_is_byte_identical(demo_case_path: Path, tmp_path: Path) -> None:
    first, _second = _round_trip(demo_case_path, tmp_path)
    assert "Владимир Владимирович Путин".encode() in first


def test_full_case_round_trip_is_byte_identical(empty_case_path: Path, tmp_path: Path) -> None:
    with CaseFile.open(empty_case_path) as case_file:
        with case_file.unit_of_work() as session:
            build_full_case(session)
        with case_file.reading() as session:
            assert_every_field_filled(session)
    first, _second = _round_trip(empty_case_path, tmp_path)
    text = first.decode("utf-8")
    assert '<font color=\\"x\\">red</font> &amp;' in text
    assert "Путин — «цитата»" in text
    assert json.loads(text)["party_corrections"][0]["iso2"] == "UA"


def test_imported_case_is_sound_and_searchable(demo_case_path: Path, tmp_path: Path) -> None:
    export_json(demo_case_path, tmp_path / "demo.json")
    imported = import_json(tmp_path / "demo.json", tmp_path / "copy.casefile")
    with closing(sqlite3.connect(imported)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with CaseFile.open(demo_case_path) as original, original.reading() as session:
        expected = case.counts(session)
    with CaseFile.open(imported) as copy, copy.reading() as session:
        assert case.counts(session) == expected
        assert {hit.kind for hit in search.search(session, "путин")} >= {Kind.PERSON}


def test_deleted_records_are_not_exported(demo_case_path: Path, tmp_path: Path) -> None:
    with CaseFile.open(demo_case_path) as case_file, case_file.unit_of_work() as session:
        ou = next(o for o in records.list_records(session, Kind.ORGANISATION) if o["name"] == "Open Universiteit")
        deleted = records.delete(session, ou.id)
    export_json(demo_case_path, tmp_path / "out.json")
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert ou.id not in text
    assert all(link_id not in text for link_id in deleted.link_ids)
    assert import_json(tmp_path / "out.json", tmp_path / "again.casefile").exists()


def _only_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _bad_import(tmp_path: Path, content: str | bytes) -> CasefileError:
    source = tmp_path / "bad.json"
    source.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(CasefileError) as caught:
        import_json(source, tmp_path / "new.casefile")
    assert _only_files(tmp_path) == ["bad.json"], "a failed import must leave no case or temporary file"
    return caught.value


def test_broken_syntax_names_line_and_column(tmp_path: Path) -> None:
    error = _bad_import(tmp_path, '{\n  "format": "casefile/1",\n  "case": {"title": "x",}\n}\n')
    assert "line 3, column" in str(error)
    assert "\n" not in str(error)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    error = _bad_import(tmp_path, b'{"format": "casefile/1", "case": {"title": "\xff"}}')
    assert "not UTF-8" in str(error)


def _document(**overrides: Any) -> dict[str, Any]:
    person = "11111111-1111-4111-8111-111111111111"
    document: dict[str, Any] = {
        "format": "casefile/1",
        "case": {"id": "00000000-0000-4000-8000-000000000000", "title": "Дело <b>"},
        "persons": [{"id": person, "name": "Тест"}],
    }
    return document | overrides


def test_every_problem_is_listed_with_its_path_and_nothing_is_created(tmp_path: Path) -> None:
    person = "11111111-1111-4111-8111-111111111111"
    missing = "99999999-9999-4999-8999-999999999999"
    document = _document(
        persons=[{"id": person, "name": "Тест"}, {"id": person, "name": "Дубль"}],
        quotes=[{"id": "22222222-2222-4222-8222-222222222222", "text": 42}],
        links=[{"id": "33333333-3333-4333-8333-333333333333", "from": missing, "to": person, "kind": "cites"}],
        visits="not a list",
    )
    error = _bad_import(tmp_path, json.dumps(document))
    assert isinstance(error, ValidationError)
    paths = {p.field for p in error.problems}
    assert paths == {"$.persons[1].id", "$.quotes[0].text", "$.links[0].from", "$.visits"}
    message = str(error)
    assert message.startswith("The JSON document has 4 problems: ")
    assert f"$.links[0].from: no record with id {missing}" in message
    assert "$.quotes[0].text: Verbatim text must be text" in message


def test_existing_target_is_refused_and_untouched(demo_case_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(_document()), encoding="utf-8")
    before = demo_case_path.read_bytes()
    with pytest.raises(CaseFileExists):
        import_json(source, demo_case_path)
    assert demo_case_path.read_bytes() == before


def test_missing_json_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CasefileError, match="There is no file at"):
        import_json(tmp_path / "nowhere.json", tmp_path / "new.casefile")
    assert _only_files(tmp_path) == []


def test_interrupted_import_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(_document()), encoding="utf-8")

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("casefile.services.interchange.load_document", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_json(source, tmp_path / "new.casefile")
    assert _only_files(tmp_path) == ["doc.json"]


def test_minimal_hand_written_document_imports(tmp_path: Path) -> None:
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(_document()), encoding="utf-8")
    imported = import_json(source, tmp_path / "new.casefile")
    with CaseFile.open(imported) as case_file, case_file.reading() as session:
        assert case.the_case(session).id == "00000000-0000-4000-8000-000000000000"
        assert case.the_case(session)["title"] == "Дело <b>"
        assert [p["name"] for p in records.list_records(session, Kind.PERSON)] == ["Тест"]


def test_export_onto_the_case_file_itself_is_refused(demo_case_path: Path) -> None:
    before = demo_case_path.read_bytes()
    with pytest.raises(ValidationError, match="would destroy the case"):
        export_json(demo_case_path, demo_case_path)
    assert demo_case_path.read_bytes() == before


def test_failed_export_leaves_previous_json_untouched(
    demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_bytes(b'{"previous": true}\n')

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("casefile.export.atomic.os.replace", disk_full)
    with pytest.raises(StorageFailure, match="No space left on device"):
        export_json(demo_case_path, target)
    assert target.read_bytes() == b'{"previous": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.casefile", "out.json"]


def test_export_of_a_case_open_read_only_leaves_the_file_unchanged(demo_case_path: Path, tmp_path: Path) -> None:
    before = demo_case_path.read_bytes()
    export_json(demo_case_path, tmp_path / "out.json", read_only=True)
    assert demo_case_path.read_bytes() == before


def test_export_changes_nothing_but_logging_itself(demo_case_path: Path, tmp_path: Path) -> None:
    export_json(demo_case_path, tmp_path / "before.json", read_only=True)
    export_json(demo_case_path, tmp_path / "out.json")
    export_json(demo_case_path, tmp_path / "after.json", read_only=True)
    assert without_anchor(tmp_path / "after.json") == without_anchor(tmp_path / "before.json")
    assert anchor_entries(tmp_path / "after.json") == anchor_entries(tmp_path / "before.json") + 1
    with CaseFile.open(demo_case_path, read_only=True) as case_file, case_file.reading() as session:
        last = audit.entries(session)[-1]
        assert (last.action, last.details()) == ("export", {"format": "json", "file": "out.json"})
        assert audit.verify_chain(session) is None


def test_the_documented_example_is_exactly_what_casefile_writes(tmp_path: Path) -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "case-format.md"
    example = doc.read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0]
    source = tmp_path / "example.json"
    source.write_text(example, encoding="utf-8")
    imported = import_json(source, tmp_path / "example.casefile")
    export_json(imported, tmp_path / "again.json")
    assert without_anchor(tmp_path / "again.json") == without_anchor(source)


def _attach_two(case_path: Path) -> tuple[str, bytes]:
    from casefile.services import attachments, tables

    pdf = b"%PDF-1.4\n" + bytes(range(256)) * 4 + "Путин <b>&</b>".encode()
    with CaseFile.open(case_path) as case_file, case_file.unit_of_work() as session:
        source = tables.table_rows(session, Kind.SOURCE)[0][0]
        original = attachments.attach(session, source, "Решение <b>.pdf", pdf, note="original")
        attachments.derive(session, original.id, "crop.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, note="crop")
    return original.id, pdf


def test_attachments_travel_in_json_and_round_trip_byte_identical(demo_case_path: Path, tmp_path: Path) -> None:
    original_id, pdf = _attach_two(demo_case_path)
    first, _second = _round_trip(demo_case_path, tmp_path)
    document = json.loads(first)
    assert [a["file_name"] for a in document["attachments"]] == ["Решение <b>.pdf", "crop.png"]
    assert document["attachments"][1]["derived_from"] == original_id
    with CaseFile.open(tmp_path / "imported.casefile", read_only=True) as case_file, case_file.reading() as session:
        from casefile.services import attachments

        assert attachments.verify(session) == []
        assert attachments.read_verified(session, original_id)[1] == pdf


def test_a_changed_attachment_in_json_is_refused_and_nothing_is_created(demo_case_path: Path, tmp_path: Path) -> None:
    _attach_two(demo_case_path)
    exported = tmp_path / "case.json"
    export_json(demo_case_path, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["attachments"][0]["data"] = document["attachments"][1]["data"]
    exported.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"\$\.attachments\[0\]\.data: its SHA-256 is not the one recorded"):
        import_json(exported, tmp_path / "never.casefile")
    assert not (tmp_path / "never.casefile").exists()


def test_an_attachment_over_the_limit_gets_the_same_message_as_attach(
    demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casefile.domain import attachments as rules
    from casefile.domain.attachments import AttachmentRefused
    from casefile.jobs.attachments import attach_file

    _attach_two(demo_case_path)
    exported = tmp_path / "case.json"
    export_json(demo_case_path, exported)
    monkeypatch.setattr(rules, "MAX_ATTACHMENT_BYTES", 1000)  # one limit, used by both paths
    with pytest.raises(ValidationError) as caught:
        import_json(exported, tmp_path / "never.casefile")
    assert "attachments are limited to 1,000 bytes" in str(caught.value)
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4" + b"x" * 2000)
    with pytest.raises(AttachmentRefused) as refused:
        attach_file(demo_case_path, "00000000-0000-0000-0000-000000000000", big)
    assert "attachments are limited to 1,000 bytes" in refused.value.message
    assert not (tmp_path / "never.casefile").exists()


def test_the_declared_type_of_an_imported_attachment_is_not_trusted(demo_case_path: Path, tmp_path: Path) -> None:
    from casefile.services import attachments

    _attach_two(demo_case_path)
    exported = tmp_path / "case.json"
    export_json(demo_case_path, exported)
    document = json.loads(exported.read_text(encoding="utf-8"))
    page = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    document["attachments"][1].update(
        file_name="report.pdf", media_type="application/pdf", data=base64.b64encode(page).decode(),
        sha256=hashlib.sha256(page).hexdigest(), size=len(page),
    )  # fmt: skip
    exported.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    imported = import_json(exported, tmp_path / "imported.casefile")
    with CaseFile.open(imported, read_only=True) as case_file, case_file.reading() as session:
        stored = attachments.get(session, document["attachments"][1]["id"])
    assert stored.media_type == "text/html"


def test_export_works_when_the_cases_own_disk_is_full(
    demo_case_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from casefile.storage import locking

    def disk_full(path: Path, owner: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(locking, "_create", disk_full)  # the case's folder cannot take even the lock file
    before = demo_case_path.read_bytes()
    export_json(demo_case_path, tmp_path / "elsewhere.json")
    assert "Путин" in (tmp_path / "elsewhere.json").read_text(encoding="utf-8")
    assert demo_case_path.read_bytes() == before  # nothing could be logged, and nothing was
