"""Spreadsheets in and out: CSV (any common encoding and delimiter) and XLSX (openpyxl).

Reading gives a plain `Sheet` of text cells (Excel's own date cells become ISO dates), with what
was detected said in `described`; writing takes header and rows and never lets a cell run as a
formula in a spreadsheet program.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from casefile.domain.errors import CasefileError, FieldProblem, ValidationError
from casefile.export.atomic import atomic_write
from casefile.fileops import require_regular_file

# A cell a spreadsheet program would run as a formula (OWASP's list: = + - @, tab and carriage return).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SNIFF_BYTES = 64 * 1024
_DELIMITERS = ",;\t|"
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


@dataclass(frozen=True)
class Sheet:
    headers: tuple[str, ...]
    rows: list[tuple[int, tuple[str, ...]]]  # (row number as the analyst sees it, cells); blank rows left out
    described: str  # "CSV, Windows-1251, delimiter ';'" or "XLSX, sheet 'Visits'"


def read_sheet(path: Path, sheet_name: str | None = None) -> Sheet:
    path = Path(path)
    require_regular_file(path, "a spreadsheet")
    if zipfile.is_zipfile(path):
        return _read_xlsx(path, sheet_name)
    if sheet_name:
        raise ValidationError.single("--sheet", f"'{path.name}' is a CSV file; it has no sheets to choose from")
    return _read_csv(path)


# --- CSV -------------------------------------------------------------------------------------


def _read_csv(path: Path) -> Sheet:
    raw = path.read_bytes()
    encoding = detect_encoding(raw)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ValidationError(
            FieldProblem("", f"'{path.name}' is not readable as {encoding}: line {line} has bytes that are not"),
            "Save it from the spreadsheet program as CSV UTF-8 and try again.",
        ) from None
    delimiter = _delimiter(text[:_SNIFF_BYTES])
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    described = f"CSV, {_encoding_name(encoding)}, delimiter {_delimiter_name(delimiter)}"
    return _sheet(records, described)


def detect_encoding(raw: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 when they fit; otherwise the best guess of charset-normalizer."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(raw[: 256 * 1024]).best()
    if best is None:
        raise ValidationError(
            FieldProblem("", "the file's text encoding could not be recognised; it may not be a CSV file"),
            "Save it from the spreadsheet program as CSV UTF-8 and try again.",
        )
    return str(best.encoding)


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        counts = {d: first.count(d) for d in _DELIMITERS}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _encoding_name(encoding: str) -> str:
    names = {
        "utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16", "cp1251": "Windows-1251",
        "cp1252": "Windows-1252", "cp1256": "Windows-1256", "cp1255": "Windows-1255", "koi8_r": "KOI8-R",
    }  # fmt: skip
    return names.get(encoding.lower().replace("windows-", "cp"), encoding)


def _delimiter_name(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "bar"}.get(delimiter, repr(delimiter))


def _sheet(records: Iterable[Sequence[Any]], described: str, merged: dict[tuple[int, int], Any] | None = None) -> Sheet:
    headers: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    for number, record in enumerate(records, start=1):
        cells = tuple(_cell(merged.get((number, i), v) if merged else v) for i, v in enumerate(record, start=1))
        if not any(cells):
            continue  # a blank row separates groups in a hand-kept sheet; it is not a record
        if headers is None:
            headers = tuple(c.strip() for c in cells)
            continue
        rows.append((number, cells))
    if headers is None:
        raise ValidationError.single("", "the sheet is empty: it needs a first row of column names")
    return Sheet(headers, rows, described)


def _cell(value: Any) -> str:
    if type(value) is str:  # every CSV cell, most XLSX ones: the quick way
        text = value.strip()
        return unguard(text) if text[:1] == "'" else text
    if value is None:
        return ""
    if isinstance(value, datetime):
        # Excel keeps a date as a day number shown as a date; a time of midnight means "just the day".
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 2023.0 from a number cell is the year 2023
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return unguard(text.strip())


def unguard(text: str) -> str:
    """Undo the guard `guard()` adds, so a sheet Casefile wrote comes back as it was."""
    if text.startswith("'") and text[1:2] in _FORMULA_START and text[1:2]:
        return text[1:]
    return text


# --- XLSX ------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet_name: str | None) -> Sheet:
    from openpyxl import load_workbook  # imported only when a workbook is read

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign zip
        raise CasefileError(
            f"'{path.name}' could not be read as an Excel workbook ({type(exc).__name__}).",
            "Open it in the spreadsheet program and save it again as .xlsx, or as CSV.",
        ) from None
    try:
        if sheet_name is not None and sheet_name not in book.sheetnames:
            names = ", ".join(f"'{n}'" for n in book.sheetnames)
            raise ValidationError.single("--sheet", f"the workbook has no sheet '{sheet_name}'; it has {names}")
        sheet = book[sheet_name] if sheet_name else book.worksheets[0]
        merged = _merged_values(path, book.sheetnames.index(sheet.title), sheet)
        return _sheet(sheet.iter_rows(values_only=True), f"XLSX, sheet '{sheet.title}'", merged)
    finally:
        book.close()


def _merged_values(path: Path, index: int, sheet: Any) -> dict[tuple[int, int], Any]:
    """Each cell of a merged range gets the range's value, as the analyst sees it on screen.

    openpyxl's read-only mode (the fast one) does not report merged ranges, so they are read from
    the sheet's XML, where they follow the cell data.
    """
    ranges = []
    with zipfile.ZipFile(path) as archive:
        name = f"xl/worksheets/sheet{index + 1}.xml"
        if name not in archive.namelist():
            return {}
        with archive.open(name) as handle:
            tail = b""
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                data = tail + chunk
                ranges += _MERGE.findall(data)
                tail = data[-200:]
    cells: dict[tuple[int, int], Any] = {}
    for first_col, first_row, last_col, last_row in dict.fromkeys(ranges):
        top, left = int(first_row), _column_number(first_col.decode())
        bottom, right = int(last_row), _column_number(last_col.decode())
        value = sheet.cell(row=top, column=left).value
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                cells[(row, column)] = value
    return cells


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


# --- writing ---------------------------------------------------------------------------------


def guard(text: str) -> str:
    """A cell that begins like a formula is written with a leading apostrophe, so it stays text."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """UTF-8 with a byte-order mark, which Excel needs to read Cyrillic, Arabic or Chinese correctly."""

    def write(handle: BinaryIO) -> None:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow([guard(h) for h in headers])
        writer.writerows([guard(c) for c in row] for row in rows)
        text.flush()
        text.detach()

    atomic_write(Path(path), write)


def write_xlsx(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]], title: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(title))
    bold = Font(bold=True)

    def cells(
        values: Sequence[str], font: Font | None = None
    ) -> Iterator[Any]:  # WriteOnlyCell: a function in the stubs
        for value in values:
            cell = WriteOnlyCell(sheet, value=_xml_safe(value))
            cell.data_type = "s"  # text, always: openpyxl would store "=…" as a formula
            if font is not None:
                cell.font = font
            yield cell

    sheet.append(list(cells(headers, bold)))
    for row in rows:
        sheet.append(list(cells(row)))

    def write(handle: BinaryIO) -> None:
        book.save(handle)

    atomic_write(Path(path), write)


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet's name and more than 31 characters.
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet"


_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_safe(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)
