"""The audit trail's head, recorded outside the case in every export, and the check against it.

The hash chain alone proves only that the rows that remain are what was written, in order:
whoever holds the file can delete the newest rows, or rewrite a row and recompute every hash
after it, because the hash has no key. An anchor (the number of the newest row and its hash)
written into an export the case no longer controls closes that gap for the history up to the
export: rows 1..N of the case must still chain from the start to exactly that hash.

The text form is one line of ASCII so it fits a PDF's Keywords and any other metadata field:
    casefile-audit-head/1 <entries> <head> [<public key hex> <signature hex> [<analyst>]]
The analyst is the name of the person who exported (casefile.identity), percent-encoded UTF-8,
and is part of what is signed: the signature stands for that analyst. An anchor without a name
signs exactly the bytes it always did, so anchors written before names were added still verify.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, unquote

from casefile.domain.audit import GENESIS, AuditEntry, verify

PREFIX = "casefile-audit-head/1"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_TEXT = re.compile(
    r"casefile-audit-head/1 (?P<entries>[0-9]{1,12}) (?P<head>[0-9a-f]{64})"
    r"(?: (?P<key>[0-9a-f]{64}) (?P<signature>[0-9a-f]{128})(?: (?P<analyst>[A-Za-z0-9%._~-]{1,2000}))?)?"
)


class AnchorError(ValueError):
    """An anchor in an export that cannot be read; the message says what is wrong."""


@dataclass(frozen=True)
class AuditAnchor:
    entries: int  # seq of the newest row when exported; 0 for an empty log
    head: str  # that row's hash; GENESIS for an empty log
    public_key: str = ""  # raw Ed25519 public key, hex; empty when unsigned
    signature: str = ""  # Ed25519 signature of signed_bytes(), hex
    analyst: str = ""  # who exported and signed (casefile.identity); empty when unknown

    def signed_bytes(self) -> bytes:
        named = f"analyst {quote(self.analyst, safe='')}\n" if self.analyst else ""
        return f"{PREFIX}\n{self.entries}\n{self.head}\n{named}".encode("ascii")

    def text(self) -> str:
        signed = f" {self.public_key} {self.signature}" if self.signature else ""
        named = f" {quote(self.analyst, safe='')}" if self.signature and self.analyst else ""
        return f"{PREFIX} {self.entries} {self.head}{signed}{named}"

    def to_json(self) -> dict[str, Any]:
        return {"entries": self.entries, "head": self.head, "public_key": self.public_key or None,
                "signature": self.signature or None, "analyst": self.analyst or None}  # fmt: skip

    def signed(self, public_key: str, signature: str) -> AuditAnchor:
        return replace(self, public_key=public_key, signature=signature)

    def named(self, analyst: str | None) -> AuditAnchor:
        """The anchor in the name of the analyst exporting it; sign it after naming it."""
        return replace(self, analyst=analyst or "")


def anchor_of(last: AuditEntry | None) -> AuditAnchor:
    return AuditAnchor(0, GENESIS) if last is None else AuditAnchor(last.seq, last.hash)


def find_in_text(text: str) -> AuditAnchor | None:
    """The anchor written in a piece of text (a PDF's metadata, say), or None if there is none."""
    found = _TEXT.search(text)
    if found is None:
        return None
    analyst = unquote(found["analyst"], errors="replace") if found["analyst"] else ""
    return AuditAnchor(int(found["entries"]), found["head"], found["key"] or "", found["signature"] or "", analyst)


def from_json(value: object) -> AuditAnchor:
    if not isinstance(value, dict):
        raise AnchorError("the audit anchor must be an object with 'entries' and 'head'")
    entries, head = value.get("entries"), value.get("head")
    key, signature = value.get("public_key") or "", value.get("signature") or ""
    analyst = value.get("analyst") or ""
    if not isinstance(entries, int) or isinstance(entries, bool) or entries < 0:
        raise AnchorError("the audit anchor's 'entries' must be a whole number")
    if not isinstance(head, str) or not _HEX64.match(head):
        raise AnchorError("the audit anchor's 'head' must be a SHA-256 in hex")
    if not isinstance(key, str) or not isinstance(signature, str) or bool(key) != bool(signature):
        raise AnchorError("the audit anchor's key and signature must be given together, as hex")
    if not isinstance(analyst, str):
        raise AnchorError("the audit anchor's 'analyst' must be text")
    return AuditAnchor(entries, head, key, signature, analyst)


@dataclass(frozen=True)
class AnchorCheck:
    holds: bool
    anchored: int  # entries the export recorded
    later: int  # entries the case has after them (not covered by the anchor)
    reason: str  # why it does not hold; empty when it holds


def check(entries: Iterable[AuditEntry], anchor: AuditAnchor) -> AnchorCheck:
    """Does the case still hold, unchanged, the history the anchor recorded? Entries oldest first."""
    covered: list[AuditEntry] = []
    later = 0
    for entry in entries:
        if entry.seq <= anchor.entries:
            covered.append(entry)
        else:
            later += 1
    if anchor.entries == 0:
        return AnchorCheck(True, 0, later, "")
    broken = verify(covered)
    if broken is not None:
        return AnchorCheck(False, anchor.entries, later, f"the history it recorded was changed ({broken})")
    if not covered or covered[-1].seq != anchor.entries:
        have = covered[-1].seq if covered else 0
        return AnchorCheck(
            False, anchor.entries, later,
            f"the case holds {have} of the {anchor.entries} entries it recorded: the newest were removed",
        )  # fmt: skip
    if covered[-1].hash != anchor.head:
        return AnchorCheck(
            False, anchor.entries, later, "the history it recorded was rewritten (the chain no longer ends at its hash)"
        )
    return AnchorCheck(True, anchor.entries, later, "")
