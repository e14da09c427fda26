"""The audit trail's rules: canonical rows and the SHA-256 hash chain that makes tampering visible.

Each row's hash is SHA-256 of the previous row's hash followed by the row's canonical JSON,
so changing, removing or reordering any row breaks the chain from that row on. The format
is frozen: files written years ago must still verify, so never change how a row is serialised.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

# The prev_hash of a log's first row.
GENESIS = "0" * 64


class Action(StrEnum):
    """What an audit row records; the values are stored, so they never change."""

    CREATE = "create"
    EDIT = "edit"
    DELETE = "delete"
    RESTORE = "restore"
    LINK = "link"
    UNLINK = "unlink"
    BULK_CREATE = "bulk-create"
    IMPORT = "import"
    EXPORT = "export"
    COPY = "copy"
    SHARE = "share"
    MERGE = "merge"
    MIGRATE = "migrate"
    CHECK = "check"
    PUBLISH = "publish"


@dataclass(frozen=True)
class AuditEntry:
    """One row of the log as plain data; `at` is the canonical UTC text of canonical_time()."""

    seq: int
    at: str
    actor: str | None
    action: str
    record_id: str | None
    kind: str | None
    detail: str  # canonical JSON text
    prev_hash: str
    hash: str

    def details(self) -> Any:
        """The detail decoded; a tampered, unreadable detail comes back as its raw text."""
        try:
            return json.loads(self.detail)
        except ValueError:
            return self.detail


@dataclass(frozen=True)
class ChainBreak:
    """The first row at which the log stops being what was written."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"audit log row {self.seq}: {self.reason}"


def canonical_json(value: Any) -> str:
    # default=str keeps dates and other plain values deterministic instead of refusing them.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def canonical_time(moment: datetime) -> str:
    """UTC to the microsecond with a Z, e.g. 2024-09-02T10:00:00.000000Z; naive times are refused."""
    if moment.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_row(
    seq: int, at: str, actor: str | None, action: str, record_id: str | None, kind: str | None, detail: str
) -> str:
    row = {
        "seq": seq,
        "at": at,
        "actor": actor,
        "action": action,
        "record_id": record_id,
        "kind": kind,
        "detail": detail,
    }
    return canonical_json(row)


def chain_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def next_entry(
    last: AuditEntry | None,
    *,
    at: datetime,
    action: str,
    actor: str | None = None,
    record_id: str | None = None,
    kind: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """The row that follows `last` (None for an empty log), hashed and ready to store."""
    seq = 1 if last is None else last.seq + 1
    prev_hash = GENESIS if last is None else last.hash
    stamp = canonical_time(at)
    text = canonical_json(dict(detail or {}))
    digest = chain_hash(prev_hash, canonical_row(seq, stamp, actor, action, record_id, kind, text))
    return AuditEntry(seq, stamp, actor, action, record_id, kind, text, prev_hash, digest)


def expected_hash(entry: AuditEntry) -> str:
    canonical = canonical_row(entry.seq, entry.at, entry.actor, entry.action, entry.record_id, entry.kind, entry.detail)
    return chain_hash(entry.prev_hash, canonical)


def verify(entries: Iterable[AuditEntry]) -> ChainBreak | None:
    """The first row (in seq order) that was changed, removed before, inserted or reordered; None if intact.

    A changed row fails its own hash. A removed row leaves the next row pointing at a hash that
    is no longer the one before it. Removing only the newest rows cannot be seen from the chain
    alone; the chain proves what remains is what was written, in that order.
    """
    previous_hash, previous_seq = GENESIS, 0
    for entry in entries:
        if entry.seq <= previous_seq:
            return ChainBreak(entry.seq, f"it is out of order (it follows row {previous_seq}).")
        if entry.prev_hash != previous_hash:
            return ChainBreak(entry.seq, _gap_reason(entry, previous_seq))
        if entry.hash != expected_hash(entry):
            return ChainBreak(entry.seq, "its content was changed after it was written (its hash does not match).")
        previous_hash, previous_seq = entry.hash, entry.seq
    return None


def _gap_reason(entry: AuditEntry, previous_seq: int) -> str:
    if previous_seq == 0:
        return "the log does not start here: earlier rows were removed or changed."
    if entry.seq != previous_seq + 1:
        missing = previous_seq + 1
        rows = f"row {missing} was" if missing == entry.seq - 1 else f"rows {missing}-{entry.seq - 1} were"
        return f"{rows} removed before it."
    return f"row {previous_seq} before it was changed or replaced after this row was written."


ACTION_LABELS: dict[str, str] = {
    Action.CREATE: "Created",
    Action.EDIT: "Edited",
    Action.DELETE: "Deleted",
    Action.RESTORE: "Restored",
    Action.LINK: "Linked",
    Action.UNLINK: "Unlinked",
    Action.BULK_CREATE: "Added in bulk",
    Action.IMPORT: "Imported",
    Action.EXPORT: "Exported",
    Action.COPY: "Copied",
    Action.SHARE: "Shared",
    Action.MERGE: "Merged",
    Action.MIGRATE: "Upgraded",
    Action.CHECK: "Checked",
    Action.PUBLISH: "Published to a server",
}

# Long field values are cut in a one-line summary; the full detail stays in the row.
_SHORT = 60


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def describe(entry: AuditEntry) -> str:
    """One line saying what the row records, for the audit panel and the command line."""
    detail = entry.details()
    if not isinstance(detail, dict):
        return f"(unreadable detail) {_short(detail)}"
    if entry.action == Action.EDIT and isinstance(detail.get("changes"), dict):
        return "; ".join(
            f"{name}: {_short(change.get('before'))} → {_short(change.get('after'))}"
            for name, change in sorted(detail["changes"].items())
            if isinstance(change, dict)
        )
    if entry.action == Action.MIGRATE:
        return (
            f"schema revision {detail.get('from_revision')} → {detail.get('to_revision')}; "
            f"backup {detail.get('backup')}"
        )
    if entry.action == Action.BULK_CREATE:
        return f"{detail.get('count')} {entry.kind or 'record'} records"
    return _describe_other(detail)


def _describe_other(detail: dict[str, Any]) -> str:
    parts = []
    if detail.get("format"):
        parts.append(str(detail["format"]).upper())
    if detail.get("file"):
        parts.append(f"file {detail['file']}")
    if detail.get("with"):
        parts.append(f"with record {detail['with']}")
    links = detail.get("links")
    if isinstance(links, list) and links:
        parts.append(f"{len(links)} link(s) with it")
    values = detail.get("values")
    if isinstance(values, dict) and not parts:
        shown = [f"{k}: {_short(v)}" for k, v in values.items() if v not in (None, "", [], False)]
        parts.append("; ".join(shown[:3]) + ("; …" if len(shown) > 3 else ""))
    return ", ".join(parts)


def _short(value: Any) -> str:
    text = "—" if value is None else value if isinstance(value, str) else canonical_json(value)
    text = " ".join(str(text).split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"
