"""`casefile export-ftm`: one entity per line, what is not carried said, and redaction."""

from __future__ import annotations

import json
from pathlib import Path

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli


def test_the_demo_case_goes_out_one_entity_per_line(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "demo.jsonl"
    run = cli("export-ftm", demo_case_path, out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert run.out == f"Wrote {len(lines)} entities to {out}.\n"
    entities = [json.loads(line) for line in lines]
    [putin] = [e for e in entities if e["properties"].get("name") == ["Vladimir Putin"]]
    assert putin["schema"] == "Person" and "Владимир Владимирович Путин" in putin["properties"]["alias"]
    [visit] = [e for e in entities if e["schema"] == "Event"]
    assert visit["properties"]["involved"] == [putin["id"]]
    assert visit["properties"]["startDate"] == ["2024-09-02"]


def test_a_redacted_export_names_no_protected_person_and_says_what_is_left_out(
    cli: RunCli, empty_case_path: Path, tmp_path: Path
) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        witness = records.create(session, Kind.PERSON, {"name": "李娜", "aliases": ["Li Na"], "protected": True})
        records.create(session, Kind.QUOTE, {"text": "我是李娜。", "speaker": witness.id})
    out = tmp_path / "r.jsonl"
    run = cli("export-ftm", empty_case_path, out, "--redact", "--report")
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8")
    assert "李娜" not in text and "Li Na" not in text
    assert "Witness A" in text
    assert run.out.startswith(f"Wrote 2 entities (redacted) to {out}.\n")
