"""The analyst's own Ed25519 key, kept in their settings folder, never in a case file.

Each export's audit anchor is signed with it, so a recipient can tell that the anchor was
written by the holder of this key and not edited since. What a signature does not prove: who
the holder is (the key is made on this computer, with no one vouching for it), nor that the
history before the export was true. The key file is created on first use, readable by its
owner only. CASEFILE_KEY_DIR names another folder (tests, or a key kept on removable media).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from casefile.domain.audit_anchor import AuditAnchor
from casefile.domain.errors import CasefileError

KEY_DIR_VARIABLE = "CASEFILE_KEY_DIR"
KEY_FILE = "analyst-signing-key.pem"


@dataclass(frozen=True)
class SignatureCheck:
    signed: bool
    valid: bool
    fingerprint: str  # of the public key that signed, for the person to compare; empty when unsigned
    analyst: str = ""  # the name the signature stands for; empty when the anchor names no one

    def describe(self) -> str:
        if not self.signed:
            return "The export's record of the audit trail is not signed."
        if not self.valid:
            return "The signature on the export's record of the audit trail does NOT match: it was altered."
        named = f" in the name of {self.analyst}" if self.analyst else ""
        return (
            f"The export's record of the audit trail is signed{named} by the key {self.fingerprint}; this proves "
            "it was written by the holder of that key and not changed since, not who that person is."
        )


def key_folder() -> Path:
    chosen = os.environ.get(KEY_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    from platformdirs import user_config_dir  # only when a key is needed: keeps start-up light

    return Path(user_config_dir("Casefile", appauthor=False))


def fingerprint(public_key_hex: str) -> str:
    """A short, readable name for a public key: the first 16 hex digits of its SHA-256, in groups."""
    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


def sign(anchor: AuditAnchor, folder: Path | None = None) -> AuditAnchor:
    """The anchor signed with this analyst's key (made on first use)."""
    from cryptography.hazmat.primitives import serialization

    key = _load_or_create(folder or key_folder())
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return anchor.signed(public.hex(), key.sign(anchor.signed_bytes()).hex())


def check_signature(anchor: AuditAnchor) -> SignatureCheck:
    if not anchor.signature:
        return SignatureCheck(False, False, "")
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(anchor.public_key)).verify(
            bytes.fromhex(anchor.signature), anchor.signed_bytes()
        )
    except (InvalidSignature, ValueError):
        return SignatureCheck(True, False, fingerprint(anchor.public_key), anchor.analyst)
    return SignatureCheck(True, True, fingerprint(anchor.public_key), anchor.analyst)


def _load_or_create(folder: Path):  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = folder / KEY_FILE
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError, OSError):
            key = None
        if not isinstance(key, Ed25519PrivateKey):
            raise CasefileError(
                f"Your signing key '{path}' cannot be read, so the export could not be signed.",
                "Move that file aside; Casefile makes a new key on the next export. Nothing was written.",
            )
        return key
    folder.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    # Created readable by its owner only, and never replacing a key another process just made.
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as out:
        out.write(pem)
    return key
