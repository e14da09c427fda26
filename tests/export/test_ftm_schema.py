"""`casefile export-ftm` checked against FollowTheMoney's own schema definitions (the `ftm` extra)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from casefile.domain.kinds import Kind
from casefile.jobs.ftm_io import export_ftm
from casefile.services import attachments, records
from casefile.storage.casefile import CaseFile

ftm_model = pytest.importorskip(
    "followthemoney",
    reason="FollowTheMoney is not installed: `uv sync --extra test --extra ftm` checks export-ftm against its schema",
).model


def _check(entities: list[dict]) -> None:
    """Every schema, property and value as FollowTheMoney defines them; every reference resolves."""
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities), "ids are unique"
    for entity in entities:
        schema = ftm_model.get(entity["schema"])
        assert schema is not None and not schema.abstract, entity["schema"]
        assert set(entity) == {"id", "schema", "properties"}
        for required in schema.required:
            assert entity["properties"].get(required), (entity["schema"], required, entity)
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            assert prop is not None, (entity["schema"], name)
            assert isinstance(values, list) and values and all(isinstance(v, str) for v in values)
            for value in values:
                assert prop.type.validate(value), (entity["schema"], name, value)
                if prop.type.name == "entity":
                    target = by_id[value]
                    assert ftm_model.get(target["schema"]).is_a(prop.range), (name, target["schema"], prop.range)


def test_the_demo_case_is_valid_followthemoney(demo_case_path: Path, tmp_path: Path) -> None:
    with CaseFile.open(demo_case_path) as case_file, case_file.unit_of_work() as session:
        source = records.list_records(session, Kind.SOURCE)[0]
        attachments.attach(session, source.id, "мой файл <1>.txt", "Улаанбаатар\n".encode())
    out = tmp_path / "demo.jsonl"
    result, _ = export_ftm(demo_case_path, out)
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert entities == result.entities
    _check(entities)
    assert result.left_out == {}
    schemas = {e["schema"] for e in entities}
    expected = {"Person", "PublicBody", "CourtCase", "CourtCaseParty", "Event", "PlainText", "UnknownLink"}
    assert expected | {"Documentation", "Article"} <= schemas
    [document] = [e for e in entities if e["properties"].get("fileName") == ["мой файл <1>.txt"]]
    assert document["properties"]["contentHash"] == [hashlib.sha1("Улаанбаатар\n".encode()).hexdigest()]


def test_a_redacted_export_is_valid_too(demo_case_path: Path, tmp_path: Path) -> None:
    with CaseFile.open(demo_case_path) as case_file, case_file.unit_of_work() as session:
        person = records.create(session, Kind.PERSON, {"name": "José Pérez", "protected": True})
        records.create(session, Kind.SOURCE, {"title": "Pérez speaks", "url": "https://example.org/perez"})
        records.create(session, Kind.QUOTE, {"text": "I am José", "speaker": person.id})
    out = tmp_path / "redacted.jsonl"
    export_ftm(demo_case_path, out, redact=True)
    entities = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    _check(entities)
    assert "pérez" not in out.read_text(encoding="utf-8").casefold()
