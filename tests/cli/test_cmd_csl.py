"""`casefile export-csl` and `import-csl`: the Zotero round trip, dry runs, redaction and bad files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from casefile.domain.kinds import Kind
from casefile.services import records
from casefile.storage.casefile import CaseFile
from tests.cli.conftest import RunCli


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_then_import_into_a_new_case_then_export_gives_the_same_file(
    cli: RunCli, demo_case_path: Path, tmp_path: Path
) -> None:
    first, second, new = tmp_path / "first.json", tmp_path / "second.json", tmp_path / "new.casefile"
    assert cli("export-csl", demo_case_path, first).out == f"Wrote 10 sources to {first}.\n"
    assert cli("new", new, "--title", "Received").code == 0
    imported = cli("import-csl", new, first)
    assert imported.code == 0, imported.err
    assert imported.out.startswith(f"Added 10 sources to {new}.\nOutlets to create as organisations: 'ASIL',")
    assert cli("export-csl", new, second).code == 0
    assert second.read_bytes() == first.read_bytes()
    again = cli("import-csl", new, first)
    unchanged = "10 already in the case, unchanged: left as they are."
    assert again.out.splitlines()[:2] == [f"Added 0 sources to {new}.", unchanged]


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    csl_file = tmp_path / "z.json"
    csl_file.write_text(json.dumps([{"type": "webpage", "title": "Нова сторінка", "container-title": "Укрінформ"}]))
    before = _digest(demo_case_path)
    run = cli("import-csl", demo_case_path, csl_file, "--dry-run")
    assert run.out.splitlines() == [
        f"Would add 1 source to {demo_case_path}; nothing was written (dry run).",
        "Outlets to create as organisations: 'Укрінформ'.",
    ]
    assert _digest(demo_case_path) == before


def test_a_bad_file_is_one_line_naming_the_item_and_the_case_is_untouched(
    cli: RunCli, demo_case_path: Path, tmp_path: Path
) -> None:
    csl_file = tmp_path / "z.json"
    csl_file.write_text(json.dumps([{"title": "Fine"}, {"title": "Bad", "issued": {"date-parts": [[2024, 2, 30]]}}]))
    before = _digest(demo_case_path)
    cli("import-csl", demo_case_path, csl_file).assert_user_error("item 2", "February 2024 has no day 30", "Zotero")
    assert _digest(demo_case_path) == before
    csl_file.write_text("{not json")
    cli("import-csl", demo_case_path, csl_file).assert_user_error("is not valid JSON: line 1")


def test_export_never_writes_over_the_case(cli: RunCli, demo_case_path: Path) -> None:
    before = _digest(demo_case_path)
    cli("export-csl", demo_case_path, demo_case_path).assert_user_error("is the case file itself")
    assert _digest(demo_case_path) == before


def test_a_redacted_export_carries_no_protected_name(cli: RunCli, empty_case_path: Path, tmp_path: Path) -> None:
    with CaseFile.open(empty_case_path) as case_file, case_file.unit_of_work() as session:
        records.create(session, Kind.PERSON, {"name": "José Pérez", "protected": True})
        outlet = records.create(session, Kind.ORGANISATION, {"name": "Radio <b>Pérez</b> & Co", "kind": "outlet"})
        records.create(
            session,
            Kind.SOURCE,
            {
                "title": "Interview with Jose Perez",
                "author": "JOSÉ PÉREZ",
                "url": "https://example.org/jose-perez",
                "outlet": outlet.id,
                "notes": "Pé\u00adrez asked not to be named.",
            },
        )
    out = tmp_path / "redacted.json"
    run = cli("export-csl", empty_case_path, out, "--redact", "--report")
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8").casefold()
    assert "perez" not in text and "pérez" not in text and "pe\u00adrez" not in text
    [item] = json.loads(out.read_text(encoding="utf-8"))
    assert item["URL"] == "[link withheld]"
    assert item["title"] == "[title withheld]"
    assert item["author"] == [{"literal": "Witness A"}]
    assert "Witness A" in run.out  # the report, on stdout, never in the file
