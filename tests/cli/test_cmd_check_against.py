"""`casefile check CASE --against EXPORT`: the audit trail anchored outside the file (issue 9 §3).

Each attack on the trail is run twice: against an earlier export it is detected, and without
one it is not (the chain's hash has no key, so whoever holds the file can rewrite it whole).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from casefile import identity, signing
from casefile.domain import audit_anchor
from casefile.domain.audit import GENESIS, AuditEntry, canonical_json, expected_hash
from casefile.domain.dossier import PdfOptions
from casefile.domain.kinds import Kind
from casefile.jobs.json_io import export_json
from casefile.jobs.pdf import export_pdf
from casefile.jobs.share import share_copy
from casefile.services import records
from casefile.storage import audit_log
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli
from tests.conftest import TEST_ANALYST

Attack = Callable[[Path], None]


def _entries(case: Path) -> list[AuditEntry]:
    with CaseFile.open(case, read_only=True) as case_file, case_file.reading() as session:
        return audit_log.entries(session)


def _rewrite(case: Path, entries: list[AuditEntry]) -> None:
    """Replace the whole trail with these entries, their chain recomputed from the start."""
    previous = GENESIS
    with closing(sqlite3.connect(case)) as conn:
        conn.execute("DELETE FROM audit_log")
        for entry in entries:
            entry = dataclasses.replace(entry, prev_hash=previous)
            entry = dataclasses.replace(entry, hash=expected_hash(entry))
            conn.execute(
                "INSERT INTO audit_log (seq, at, actor, action, record_id, kind, detail, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entry.seq, entry.at.replace("T", " ").rstrip("Z"), entry.actor, entry.action, entry.record_id,
                 entry.kind, entry.detail, entry.prev_hash, entry.hash),
            )  # fmt: skip
            previous = entry.hash
        conn.commit()


def delete_newest(case: Path) -> None:
    """Remove the two newest entries: after an export, the export's own entry and the edit before it."""
    with closing(sqlite3.connect(case)) as conn:
        conn.execute("DELETE FROM audit_log WHERE seq >= (SELECT max(seq) - 1 FROM audit_log)")
        conn.commit()


def delete_all(case: Path) -> None:
    with closing(sqlite3.connect(case)) as conn:
        conn.execute("DELETE FROM audit_log")
        conn.commit()


def rewrite_and_rechain(case: Path) -> None:
    entries = _entries(case)
    entries[0] = dataclasses.replace(entries[0], detail=canonical_json({"forged": "Путин <b>&</b>"}))
    _rewrite(case, entries)


def append_forged(case: Path) -> None:
    entries = _entries(case)
    last = entries[-1]
    forged = dataclasses.replace(last, seq=last.seq + 1, detail=canonical_json({"forged": True}))
    _rewrite(case, [*entries, forged])


def _edited(case: Path) -> Path:
    with CaseFile.open(case) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "Свидетель א"})
    return case


@pytest.mark.parametrize(
    ("attack", "words"),
    [
        (delete_newest, "the newest were removed"),
        (delete_all, "holds 0 of the"),
        (rewrite_and_rechain, "was rewritten"),
    ],
)
def test_each_attack_is_detected_against_an_earlier_export(
    cli: RunCli, demo_case_path: Path, tmp_path: Path, attack: Attack, words: str
) -> None:
    export = tmp_path / "sent.json"
    export_json(_edited(demo_case_path), export)
    assert cli("check", demo_case_path, "--against", export).code == 0

    attack(demo_case_path)

    run = cli("check", demo_case_path, "--against", export)
    assert run.code == 1, run.out
    assert "is no longer in the case" in run.out and words in run.out


@pytest.mark.parametrize("attack", [delete_newest, delete_all, rewrite_and_rechain, append_forged])
def test_without_an_export_the_chain_alone_cannot_see_these(cli: RunCli, demo_case_path: Path, attack: Attack) -> None:
    attack(_edited(demo_case_path))
    run = cli("check", demo_case_path)
    assert run.code == 0, run.out  # the documented limit: the hash has no key


def test_a_forged_row_appended_after_the_export_is_counted_not_vouched_for(
    cli: RunCli, demo_case_path: Path, tmp_path: Path
) -> None:
    export = tmp_path / "sent.json"
    export_json(demo_case_path, export)
    append_forged(demo_case_path)
    run = cli("check", demo_case_path, "--against", export)
    assert run.code == 0
    assert "then 2 later entries that no export has recorded yet" in run.out  # the export's own row, and the forgery


def test_the_pdf_and_the_share_copy_carry_the_anchor_too(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    pdf, shared = tmp_path / "dossier.pdf", tmp_path / "shared.casefile"
    export_pdf(demo_case_path, pdf, PdfOptions())
    share_copy(demo_case_path, shared, redact=True)
    for export in (pdf, shared):
        run = cli("check", demo_case_path, "--against", export)
        assert run.code == 0, run.out
        assert "holds the audit history" in run.out
        assert f"signed in the name of {TEST_ANALYST} by the key" in run.out  # the person who exported
    rewrite_and_rechain(demo_case_path)
    for export in (pdf, shared):
        assert cli("check", demo_case_path, "--against", export).code == 1


def test_an_edited_record_in_the_export_breaks_its_signature(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    export = tmp_path / "sent.json"
    export_json(demo_case_path, export)
    document = json.loads(export.read_text(encoding="utf-8"))
    document["audit_anchor"]["entries"] -= 1  # to pass off a shortened trail as the one exported
    export.write_text(json.dumps(document), encoding="utf-8")
    delete_newest(demo_case_path)
    run = cli("check", demo_case_path, "--against", export)
    assert run.code == 1
    assert "does NOT match: it was altered" in run.out


def test_the_signature_stands_for_the_analyst_named_in_the_anchor(
    cli: RunCli, demo_case_path: Path, tmp_path: Path
) -> None:
    identity.use("Ана Аналитик & <Co>")
    pdf, export = tmp_path / "dossier.pdf", tmp_path / "sent.json"
    export_pdf(demo_case_path, pdf, PdfOptions())
    export_json(demo_case_path, export)
    anchor = audit_anchor.find_in_text(_pdf_keywords(pdf))
    assert anchor is not None and anchor.analyst == "Ана Аналитик & <Co>"
    assert "in the name of Ана Аналитик & <Co>" in cli("check", demo_case_path, "--against", pdf).out
    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["audit_anchor"]["analyst"] == "Ана Аналитик & <Co>"
    document["audit_anchor"]["analyst"] = "Someone Else"  # claiming another person signed it
    export.write_text(json.dumps(document), encoding="utf-8")
    run = cli("check", demo_case_path, "--against", export)
    assert run.code == 1 and "does NOT match: it was altered" in run.out


def test_an_anchor_that_names_no_one_signs_what_it_always_did() -> None:
    unnamed = audit_anchor.AuditAnchor(3, "a" * 64)
    assert unnamed.signed_bytes() == b"casefile-audit-head/1\n3\n" + b"a" * 64 + b"\n"
    signed = signing.sign(unnamed)
    assert signing.check_signature(signed).valid
    assert audit_anchor.find_in_text(signed.text()) == signed


def _pdf_keywords(path: Path) -> str:
    from pypdf import PdfReader

    return str(PdfReader(path).metadata.get("/Keywords", ""))


def test_the_signing_key_stays_out_of_the_case_and_is_private(demo_case_path: Path, tmp_path: Path) -> None:
    export_json(demo_case_path, tmp_path / "sent.json")
    key = Path(os.environ["CASEFILE_KEY_DIR"]) / "analyst-signing-key.pem"
    assert key.stat().st_mode & 0o077 == 0
    assert b"PRIVATE KEY" not in demo_case_path.read_bytes()
    assert key.read_bytes()[40:80] not in (tmp_path / "sent.json").read_bytes()


def test_an_export_without_an_anchor_or_a_pipe_gets_one_line(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text('{"format": "casefile/1"}', encoding="utf-8")
    cli("check", demo_case_path, "--against", old).assert_user_error("holds no record of an audit trail")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    cli("check", demo_case_path, "--against", pipe).assert_user_error("not an ordinary file")


def test_no_command_blocks_on_a_named_pipe(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "input.json"
    os.mkfifo(pipe)
    cli("import-json", pipe, tmp_path / "new.casefile").assert_user_error("not an ordinary file")
    cli("attach", demo_case_path, "00000000-0000-0000-0000-000000000000", pipe).assert_user_error(
        "not an ordinary file"
    )
    cli("merge", demo_case_path, pipe).assert_user_error("not an ordinary file")
    cli("info", pipe).assert_user_error("not an ordinary file")
