"""Values no Casefile writes pass SQLite's checks; the full check names each bad row (issue 9 §4).

Before: the file opened, the window's check and `casefile check` were clean, then the persons
list, export-json and export-pdf failed with "unexpected ValueError".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casefile.domain.dossier import PdfOptions
from casefile.domain.errors import DamagedCaseFile
from casefile.jobs.json_io import export_json
from casefile.jobs.pdf import export_pdf
from casefile.storage.casefile import CaseFile
from casefile.storage.checks import check_file
from casefile.storage.inspection import full_check
from tests.storage.bad_values import assert_named, damage


def test_check_names_every_bad_row(demo_case_path: Path) -> None:
    ids = damage(demo_case_path)
    report = check_file(demo_case_path)
    assert not report.clean
    assert_named(report.problems, ids)


def test_the_background_check_names_them_too(demo_case_path: Path) -> None:
    ids = damage(demo_case_path)
    assert_named(full_check(demo_case_path), ids)


def test_a_clean_case_has_no_value_problems(demo_case_path: Path) -> None:
    assert full_check(demo_case_path) == []
    assert check_file(demo_case_path).clean


def test_the_case_still_opens_at_once(demo_case_path: Path) -> None:
    damage(demo_case_path)
    with CaseFile.open(demo_case_path, read_only=True):
        pass  # the value check is not in the open path: it runs in the background check


@pytest.mark.parametrize("export", ["json", "pdf"])
def test_exports_refuse_naming_the_rows_and_write_nothing(demo_case_path: Path, tmp_path: Path, export: str) -> None:
    damage(demo_case_path)
    out = tmp_path / f"out.{export}"
    with pytest.raises(DamagedCaseFile) as caught:
        if export == "json":
            export_json(demo_case_path, out)
        else:
            export_pdf(demo_case_path, out, PdfOptions())
    assert "holds values Casefile did not write" in caught.value.message
    assert "yesterday-ish" in caught.value.message
    assert "casefile check" in caught.value.hint
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.casefile"]


def test_an_older_revision_has_no_value_problems(tmp_path: Path) -> None:
    import shutil

    from casefile.storage.inspection import stored_value_problems

    fixtures = Path(__file__).resolve().parents[1] / "migrations" / "fixtures"
    for name in ("rev1.casefile", "rev2.casefile"):
        copy = tmp_path / name
        shutil.copyfile(fixtures / name, copy)
        # A field added by a later revision is not in the file: it is not read (nor read as a string).
        assert stored_value_problems(copy) == [], name


def test_a_bad_value_in_a_status_correction_is_named(demo_case_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from casefile.domain.kinds import Kind
    from casefile.services import records
    from casefile.storage.inspection import stored_value_problems

    with CaseFile.open(demo_case_path) as case_file, case_file.unit_of_work() as session:
        values = {"iso2": "HU", "action": "confirm", "event": "HU:withdrawal_revoked:", "citation": "Тест"}
        fix = records.create(session, Kind.STATUS_CORRECTION, values).id
    with closing(sqlite3.connect(demo_case_path)) as conn:
        conn.execute("UPDATE status_corrections SET action = 'maybe' WHERE id = ?", (fix,))
        conn.commit()
    problems = "\n".join(stored_value_problems(demo_case_path))
    assert f"status correction 'HU' ({fix}), Correction: 'maybe' is not one of" in problems
