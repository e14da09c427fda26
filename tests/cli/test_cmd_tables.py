"""`export-table` and `import-table`: the whole demo case through spreadsheets and back, and bad sheets."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from casefile.domain.kinds import RECORD_KINDS
from tests.cli.conftest import RunCli

# The order a person would import in: what is referred to before what refers to it.
ORDER = [
    "person",
    "state",
    "organisation",
    "article",
    "source",
    "warrant",
    "visit",
    "quote",
    "link",
    "status_correction",
    "precedent",
]


def _cells(path: Path) -> list[tuple]:
    book = load_workbook(path, read_only=True)
    try:
        return list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()  # read-only workbooks keep their file open until closed


def test_every_kind_of_the_demo_goes_out_and_back_unchanged(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    assert sorted(ORDER) == sorted(k.value for k in RECORD_KINDS)
    new = tmp_path / "new.casefile"
    cli("new", new, "--title", "From sheets")
    for kind in ORDER:
        first, second = tmp_path / f"{kind}.xlsx", tmp_path / f"{kind}-2.xlsx"
        assert cli("export-table", demo_case_path, first, "--kind", kind).code == 0
        run = cli("import-table", new, first, "--kind", kind)
        assert run.code == 0, (kind, run.err)
        cli("export-table", new, second, "--kind", kind)
        assert _cells(second) == _cells(first), kind
    again = cli("import-table", new, tmp_path / "link.xlsx", "--kind", "link")
    assert "0 new links to add, 0 to change, 37 unchanged." in again.out


def test_a_windows_1251_sheet_with_problems_writes_nothing_and_names_each_row(
    cli: RunCli, demo_case_path: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "visits.csv"
    rows = ["Лицо;Host state;First day;Outcome", "Путин;Mongolia;31.02.2025;Not arrested", "Песков;Монголия;2025;"]
    sheet.write_bytes("\n".join(rows).encode("cp1251"))
    before = hashlib.sha256(demo_case_path.read_bytes()).hexdigest()
    run = cli("import-table", demo_case_path, sheet, "--kind", "visit", "--mapping", '{"Лицо": "person"}')
    run.assert_user_error("row 2: First day: '31.02.2025': February 2025 has no day 31", "row 3: Host state")
    assert hashlib.sha256(demo_case_path.read_bytes()).hexdigest() == before
    dry = cli("import-table", demo_case_path, sheet, "--kind", "visit", "--mapping", '{"Лицо": "person"}', "--dry-run")
    assert dry.out.splitlines()[:2] == [
        f"Read {sheet} (CSV, Windows-1251, delimiter semicolon), 2 rows.",
        "  column Лицо → Person",
    ]
    assert "These rows need attention before an import:" in dry.out


def test_look_alikes_stop_the_import_until_the_analyst_chooses(
    cli: RunCli, demo_case_path: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text("Name,Role\nVladimir Putin,President\nDmitry Medvedev,Deputy chairman\n", encoding="utf-8")
    cli("import-table", demo_case_path, sheet, "--kind", "person").assert_user_error(
        "row 2: the case already has 'Vladimir Putin'"
    )
    run = cli("import-table", demo_case_path, sheet, "--kind", "person", "--duplicates", "skip")
    assert "1 new person to add, 0 to change, 0 unchanged." in run.out


@pytest.mark.parametrize("mapping", ['{"Nope": "name"}', "[1]", "{bad"])
def test_a_bad_mapping_is_one_line(cli: RunCli, demo_case_path: Path, tmp_path: Path, mapping: str) -> None:
    sheet = tmp_path / "p.csv"
    sheet.write_text("Name\nA\n", encoding="utf-8")
    cli("import-table", demo_case_path, sheet, "--kind", "person", "--mapping", mapping).assert_user_error("mapping")


def test_export_table_refuses_an_unknown_format(cli: RunCli, demo_case_path: Path, tmp_path: Path) -> None:
    cli("export-table", demo_case_path, tmp_path / "p.ods", "--kind", "person").assert_user_error(".csv or .xlsx")
