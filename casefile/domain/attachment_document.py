"""The `attachments` list of a casefile/1 document: evidence files carried as base64, checked by their hashes."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from casefile.domain.attachments import SNIFF_BYTES, TOO_BIG_HINT, sniff_media_type, too_big
from casefile.domain.errors import FieldProblem

ATTACHMENTS_KEY = "attachments"
ATTACHMENT_KEYS = (
    "id", "source", "derived_from", "file_name", "media_type", "size", "sha256", "imported", "analyst", "note", "data",
)  # fmt: skip
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class DocumentAttachment:
    id: str
    source: str
    derived_from: str | None
    file_name: str
    media_type: str
    size: int
    sha256: str
    imported: datetime
    analyst: str | None
    note: str | None
    data: bytes


def attachment_json(a: DocumentAttachment, format_time: Callable[[datetime], str]) -> dict[str, Any]:
    return {
        "id": a.id, "source": a.source, "derived_from": a.derived_from, "file_name": a.file_name,
        "media_type": a.media_type, "size": a.size, "sha256": a.sha256, "imported": format_time(a.imported),
        "analyst": a.analyst, "note": a.note, "data": base64.b64encode(a.data).decode("ascii"),
    }  # fmt: skip


def check_attachments(
    items: object,
    sources: Collection[str],
    parse_time: Callable[[object, str], datetime],
) -> tuple[list[DocumentAttachment], list[FieldProblem]]:
    """Every attachment whose bytes match its recorded size and SHA-256, and every problem with its path."""
    if items is None:
        return [], []
    if not isinstance(items, list):
        return [], [FieldProblem(f"$.{ATTACHMENTS_KEY}", "must be a list of attached files")]
    found: list[DocumentAttachment] = []
    problems: list[FieldProblem] = []
    for index, item in enumerate(items):
        attachment = _one(f"$.{ATTACHMENTS_KEY}[{index}]", item, sources, parse_time, problems)
        if attachment is not None:
            found.append(attachment)
    ids = {a.id for a in found}
    for index, a in enumerate(found):
        if a.derived_from is not None and a.derived_from not in ids:
            problems.append(FieldProblem(f"$.{ATTACHMENTS_KEY}[{index}].derived_from", "no attachment with that id"))
    return found, problems


def _one(
    path: str, item: object, sources: Collection[str], parse_time: Callable[[object, str], datetime],
    problems: list[FieldProblem],
) -> DocumentAttachment | None:  # fmt: skip
    if not isinstance(item, dict):
        problems.append(FieldProblem(path, "must be an object describing one attached file"))
        return None
    before = len(problems)
    problems += [FieldProblem(f"{path}.{k}", "unknown key") for k in item if k not in ATTACHMENT_KEYS]
    text = {k: item.get(k) for k in ("id", "source", "file_name", "media_type", "sha256")}
    for key, value in text.items():
        if not isinstance(value, str) or not value:
            problems.append(FieldProblem(f"{path}.{key}", "required text"))
    if isinstance(text["id"], str) and not _is_uuid(text["id"]):
        problems.append(FieldProblem(f"{path}.id", "must be a UUID"))
    if isinstance(text["source"], str) and text["source"] not in sources:
        problems.append(FieldProblem(f"{path}.source", "no source with that id in this document"))
    if isinstance(text["sha256"], str) and not _SHA256.match(text["sha256"]):
        problems.append(FieldProblem(f"{path}.sha256", "must be 64 lower-case hexadecimal digits"))
    data = _data(f"{path}.data", item.get("data"), problems)
    if len(problems) > before or data is None:
        return None
    return _verified(path, item, data, parse_time, problems)


def _data(path: str, value: object, problems: list[FieldProblem]) -> bytes | None:
    if not isinstance(value, str):
        problems.append(FieldProblem(path, "required: the file's bytes in base64"))
        return None
    # The same limit as attaching a file, judged from the base64's length before decoding it.
    message = too_big(len(value) * 3 // 4 - value[-2:].count("="), "The attached file")
    if message is not None:
        problems.append(FieldProblem(path, f"{message} {TOO_BIG_HINT}"))
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        problems.append(FieldProblem(path, "is not valid base64"))
        return None


def _verified(
    path: str, item: dict[str, Any], data: bytes, parse_time: Callable[[object, str], datetime],
    problems: list[FieldProblem],
) -> DocumentAttachment | None:  # fmt: skip
    if hashlib.sha256(data).hexdigest() != item["sha256"]:
        problems.append(FieldProblem(f"{path}.data", "its SHA-256 is not the one recorded: the file was changed"))
        return None
    if item.get("size") != len(data):
        problems.append(FieldProblem(f"{path}.size", f"must be {len(data)}, the number of bytes in data"))
        return None
    try:
        imported = parse_time(item.get("imported"), f"{path}.imported")
    except Exception as exc:  # the timestamp parser raises a ValidationError naming the path
        problems += getattr(exc, "problems", [FieldProblem(f"{path}.imported", str(exc))])
        return None
    analyst, note, derived = item.get("analyst"), item.get("note"), item.get("derived_from")
    return DocumentAttachment(
        # The type is read from the content, as attaching does: a declared type is never trusted.
        item["id"], item["source"], derived if isinstance(derived, str) else None, item["file_name"],
        sniff_media_type(data[:SNIFF_BYTES]), len(data), item["sha256"], imported,
        analyst if isinstance(analyst, str) else None, note if isinstance(note, str) else None, data,
    )  # fmt: skip


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False
