"""`casefile attach` and `casefile attachments`: store, list and export evidence files from the command line."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli, names_in

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x01" * 300


def source_id(case_path: Path) -> str:
    with CaseFile.open(case_path, read_only=True) as case_file, case_file.reading() as session:
        return records.list_records(session, Kind.SOURCE)[0].id


def test_attach_list_and_export(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    file = tmp_path / "\u202egpj.exe"
    file.write_bytes(PNG_BYTES)
    run = cli("attach", demo_case_path, source_id(demo_case_path), file, "--note", "photo from the airport")
    assert run.code == 0, run.err
    digest = hashlib.sha256(PNG_BYTES).hexdigest()
    assert digest in run.out and "image/png" in run.out
    assert "\u202e" not in run.out  # the bidi override would make the name read "exe.png" on a terminal
    attachment_id = run.out.split(" as ")[1].split()[0]

    listing = cli("attachments", demo_case_path)
    assert listing.code == 0
    assert attachment_id in listing.out and digest in listing.out and "gpj.exe" in listing.out

    folder = tmp_path / "out"
    folder.mkdir()
    exported = cli("attachments", demo_case_path, "--export", attachment_id, folder)
    assert exported.code == 0, exported.err
    assert names_in(folder) == {"gpj.exe.png"}
    assert (folder / "gpj.exe.png").read_bytes() == PNG_BYTES


def test_no_attachments(cli: RunCli, demo_case_path: Path) -> None:
    run = cli("attachments", demo_case_path)
    assert (run.code, run.out.strip()) == (0, "No attachments.")


def test_refusals_are_one_line(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    file = tmp_path / "a.png"
    file.write_bytes(PNG_BYTES)
    cli("attach", demo_case_path, "no-such-source", file).assert_user_error("no live source with id no-such-source")
    cli("attach", demo_case_path, source_id(demo_case_path), tmp_path / "missing.png").assert_user_error(
        "not an existing file", "Choose the file"
    )
    cli("attachments", demo_case_path, "--export", "nope", tmp_path).assert_user_error("No attachment with id nope")


def test_changed_attachment_makes_export_refuse_and_check_fail(
    cli: RunCli, demo_case_path: Path, tmp_path: Path
) -> None:
    file = tmp_path / "a.png"
    file.write_bytes(PNG_BYTES)
    run = cli("attach", demo_case_path, source_id(demo_case_path), file)
    attachment_id = run.out.split(" as ")[1].split()[0]
    with closing(sqlite3.connect(demo_case_path, isolation_level=None)) as conn:
        conn.execute("UPDATE attachments SET data = ? WHERE id = ?", (PNG_BYTES[:-1] + b"\x00", attachment_id))
    folder = tmp_path / "out"
    folder.mkdir()
    cli("attachments", demo_case_path, "--export", attachment_id, folder).assert_user_error(
        "but the stored bytes hash to", "Nothing was written"
    )
    assert names_in(folder) == set()
    check = cli("check", demo_case_path)
    assert check.code == 1 and attachment_id in check.out
