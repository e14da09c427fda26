"""Reading CSV and XLSX as an analyst's sheets come, and writing them so nothing runs as a formula."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from casefile.domain.errors import CasefileError, ValidationError
from casefile.export import sheets

MIXED = ["Владимир Путин", "בנימין נתניהו", "عمر البشير", "李娜", "Хүрэлсүх", "<b>Bold</b> & Co", "José Pérez"]


def test_a_windows_1251_csv_with_semicolons_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "persons.csv"
    path.write_bytes("Имя;Роль\nВладимир Путин;Президент\n\nДмитрий Песков;пресс-секретарь\n".encode("cp1251"))
    sheet = sheets.read_sheet(path)
    assert sheet.described == "CSV, Windows-1251, delimiter semicolon"
    assert sheet.headers == ("Имя", "Роль")
    assert sheet.rows == [(2, ("Владимир Путин", "Президент")), (4, ("Дмитрий Песков", "пресс-секретарь"))]


@pytest.mark.parametrize(
    ("encoding", "said"), [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16")]
)
def test_unicode_csv_in_any_of_its_forms(tmp_path: Path, encoding: str, said: str) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(("Name\tNotes\n" + "".join(f"{n}\tx\n" for n in MIXED)).encode(encoding))
    sheet = sheets.read_sheet(path)
    assert sheet.described == f"CSV, {said}, delimiter tab"
    assert [cells[0] for _, cells in sheet.rows] == MIXED


def test_an_xlsx_with_merged_cells_blank_rows_and_excel_dates(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Visits"
    sheet.append(["Person", "Host state", "First day", "Year"])
    sheet.append(["Vladimir Putin", "Mongolia", datetime(2024, 9, 2), 2024.0])
    sheet.append([None, None, None, None])
    sheet.append(["Benjamin Netanyahu", "Hungary", datetime(2025, 4, 3), 2025])
    sheet.append([None, None, datetime(2025, 4, 4, 15, 30), None])
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    for name in MIXED:
        sheet.append([name, None, None, None])
    path = tmp_path / "visits.xlsx"
    book.save(path)
    read = sheets.read_sheet(path)
    assert read.described == "XLSX, sheet 'Visits'"
    assert read.rows[:3] == [
        (2, ("Vladimir Putin", "Mongolia", "2024-09-02", "2024")),
        (4, ("Benjamin Netanyahu", "Hungary", "2025-04-03", "2025")),
        (5, ("Benjamin Netanyahu", "Hungary", "2025-04-04 15:30:00", "")),
    ]
    assert [cells[0] for _, cells in read.rows[3:]] == MIXED


def test_a_sheet_is_chosen_by_name_and_a_wrong_name_says_which_exist(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "Notes"
    book.create_sheet("Persons").append(["Name"])
    book["Persons"].append(["Li Na"])
    path = tmp_path / "two.xlsx"
    book.save(path)
    assert sheets.read_sheet(path, "Persons").rows == [(2, ("Li Na",))]
    with pytest.raises(ValidationError, match="has no sheet 'People'; it has 'Notes', 'Persons'"):
        sheets.read_sheet(path, "People")


def test_a_zip_that_is_not_a_workbook_and_an_empty_file_get_plain_messages(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(CasefileError, match="could not be read as an Excel workbook"):
        sheets.read_sheet(path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="the sheet is empty"):
        sheets.read_sheet(empty)


@pytest.mark.parametrize("text", ["=1+2", "+7 495", "-cmd|' /C calc'!A0", "@SUM(A1)", '=HYPERLINK("http://x")'])
def test_cells_that_look_like_formulas_stay_text_and_come_back_as_written(tmp_path: Path, text: str) -> None:
    csv_path, xlsx_path = tmp_path / "t.csv", tmp_path / "t.xlsx"
    sheets.write_csv(csv_path, ["Notes"], [[text]])
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[1].lstrip('"').startswith("'")
    sheets.write_xlsx(xlsx_path, ["Notes"], [[text]], "Persons")
    cell = load_workbook(xlsx_path)["Persons"]["A2"]
    assert cell.data_type == "s" and cell.value == text
    assert sheets.read_sheet(csv_path).rows == [(2, (text,))]
    assert sheets.read_sheet(xlsx_path).rows == [(2, (text,))]


def test_written_sheets_keep_every_script(tmp_path: Path) -> None:
    for name in ("t.csv", "t.xlsx"):
        path = tmp_path / name
        sheets.write_csv(path, ["Name"], [[n] for n in MIXED]) if name.endswith("csv") else sheets.write_xlsx(
            path, ["Name"], [[n] for n in MIXED], "Persons: [all]"
        )
        assert [cells[0] for _, cells in sheets.read_sheet(path).rows] == MIXED
