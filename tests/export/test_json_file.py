"""Reading and writing JSON documents: stable bytes out, one clear line for every bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casefile.domain.errors import CasefileError, ValidationError
from casefile.export.json_file import document_bytes, read_document, write_document

DOCUMENT = {"format": "casefile/1", "case": {"title": 'Дело <b>&</b> <font color="x">'}, "persons": []}


def test_bytes_are_utf8_indented_in_given_order_with_a_final_newline() -> None:
    data = document_bytes({"z": 1, "a": ["Путин"]})
    assert data == '{\n  "z": 1,\n  "a": [\n    "Путин"\n  ]\n}\n'.encode()


def test_write_then_read_gives_the_document_back(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    write_document(path, DOCUMENT)
    assert read_document(path) == DOCUMENT
    assert path.read_bytes() == document_bytes(DOCUMENT)


def _error(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    with pytest.raises(ValidationError) as caught:
        read_document(path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_broken_syntax_names_line_and_column(tmp_path: Path) -> None:
    message = _error(tmp_path, b'{\n  "format": "casefile/1"\n  "case": {}\n}')
    assert "is not valid JSON: line 3, column 3: Expecting ',' delimiter" in message


def test_truncated_file(tmp_path: Path) -> None:
    assert "line 1, column" in _error(tmp_path, b'{"format": "casefile/1", "case": {"ti')


def test_non_utf8_bytes_are_located(tmp_path: Path) -> None:
    message = _error(tmp_path, b'{\n"a": "\xd0\x9f\xff"}')
    assert "is not UTF-8 text: byte 11 (line 2) cannot be decoded" in message


def test_duplicate_keys_are_refused(tmp_path: Path) -> None:
    assert 'the key "title" appears twice' in _error(tmp_path, b'{"case": {"title": "a", "title": "b"}}')


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_json_numbers_are_refused(tmp_path: Path, constant: bytes) -> None:
    assert "is not a JSON value" in _error(tmp_path, b'{"a": ' + constant + b"}")


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    assert "nests lists or objects too deeply" in _error(tmp_path, b"[" * 200_000 + b"]" * 200_000)


def test_huge_integer_is_refused(tmp_path: Path) -> None:
    assert "holds a value Casefile cannot read" in _error(tmp_path, b'{"a": ' + b"9" * 5000 + b"}")


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(DOCUMENT).encode())
    assert read_document(path) == DOCUMENT


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(CasefileError, match="There is no file at"):
        read_document(tmp_path / "missing.json")
    with pytest.raises(CasefileError, match="is a folder, not a JSON file"):
        read_document(tmp_path)
