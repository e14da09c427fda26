"""Reading and writing casefile/1 JSON documents as files, byte for byte the same every time."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

from casefile.domain.errors import CasefileError, FieldProblem, ValidationError
from casefile.export.atomic import atomic_write
from casefile.fileops import require_regular_file

_HINT = "Correct the file, or export it again from Casefile."


def document_bytes(document: Mapping[str, Any] | list[Any]) -> bytes:
    """The document as UTF-8 JSON: keys in the order given, two-space indent, a final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_document(path: Path, document: Mapping[str, Any] | list[Any]) -> None:
    """Write the document to path, replacing any earlier file only once the new one is complete."""
    data = document_bytes(document)

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    atomic_write(path, write)


def read_document(path: Path, hint: str = _HINT) -> object:
    """Parse a JSON file; broken syntax, bad bytes or a missing file raise a one-line error."""
    raw = _read_bytes(Path(path))
    try:
        # A byte-order mark is legal in a UTF-8 file from some editors; it is not part of the JSON.
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        message = f"'{path}' is not UTF-8 text: byte {exc.start + 1} (line {line}) cannot be decoded"
        raise ValidationError(FieldProblem("", message), "Save the file as UTF-8 and try again.") from None
    return _parse(content, path, hint)


def _read_bytes(path: Path) -> bytes:
    require_regular_file(path, "a JSON file")  # a named pipe would block the import for ever
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CasefileError(
            f"Could not read '{path}': {exc.strerror or exc}.", "Check the file's permissions."
        ) from None


def _parse(content: str, path: Path, hint: str) -> object:
    try:
        return json.loads(content, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        message = f"'{path}' is not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}"
    except _BadValue as exc:
        message = f"'{path}' is not valid JSON: {exc}"
    except ValueError as exc:  # integers too long to convert, among others
        message = f"'{path}' holds a value Casefile cannot read: {exc}"
    except RecursionError:
        message = f"'{path}' nests lists or objects too deeply to be a Casefile document"
    raise ValidationError(FieldProblem("", message), hint)


class _BadValue(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Plain json.loads keeps the last of two equal keys and silently drops the first.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _BadValue(f'the key "{key}" appears twice in one object; keep one')
        result[key] = value
    return result


def _no_constants(name: str) -> Any:
    raise _BadValue(f"{name} is not a JSON value")
