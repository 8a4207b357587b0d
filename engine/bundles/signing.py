"""Publisher keys and Ed25519 signatures over the exact manifest bytes (via ``cryptography``).

Signing the manifest is enough: it holds the sha256 of every other file in the bundle.
Private keys are PKCS#8 PEM, public keys SubjectPublicKeyInfo PEM, so standard tools read them.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from engine.errors import BundleError

TRUSTED_KEYS_DIR = "trusted-keys"


def generate_keypair(prefix: Path | str) -> tuple[Path, Path]:
    """Write ``<prefix>.key`` (private, mode 0600) and ``<prefix>.pub``; return both paths.

    Raises:
        BundleError: a key file already exists (we never overwrite a publisher key).
    """
    private_path, public_path = Path(f"{prefix}.key"), Path(f"{prefix}.pub")
    for path in (private_path, public_path):
        if path.exists():
            raise BundleError("{path} already exists; choose another name or move it away "
                              "first.", path=path)
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_pem)
    public_path.write_bytes(public_pem(key.public_key()))
    return private_path, public_path


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def key_id(key: Ed25519PublicKey) -> str:
    """Short fingerprint shown to users: the first 16 hex digits of sha256(raw public key)."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_private_key(path: Path | str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as err:
        raise BundleError("Cannot read the signing key {path} ({reason}).",
                          path=path, reason=str(err)) from err
    if not isinstance(key, Ed25519PrivateKey):
        raise BundleError(
            "{path} is not an Ed25519 private key (make one with `aisle catalog keygen`).",
            path=path,
        )
    return key


def load_public_key(data: bytes | Path | str) -> Ed25519PublicKey:
    """A trusted publisher key from PEM bytes or a .pub file."""
    raw = data if isinstance(data, bytes) else Path(data).read_bytes()
    try:
        key = serialization.load_pem_public_key(raw)
    except (ValueError, TypeError) as err:
        raise BundleError("Not a publisher public key ({reason}).", reason=str(err)) from err
    if not isinstance(key, Ed25519PublicKey):
        raise BundleError(
            "Publisher keys must be Ed25519 public keys (from `aisle catalog keygen`)."
        )
    return key


def trusted_keys_in(data_dir: Path) -> list[Ed25519PublicKey]:
    """Keys the user trusts: every ``*.pub`` in ``<data_dir>/trusted-keys/``."""
    folder = Path(data_dir) / TRUSTED_KEYS_DIR
    return [load_public_key(p) for p in sorted(folder.glob("*.pub"))] if folder.is_dir() else []


def sign(manifest_bytes: bytes, key: Ed25519PrivateKey) -> bytes:
    return key.sign(manifest_bytes)


def verify(
    manifest_bytes: bytes,
    signature: bytes | None,
    trusted: Iterable[Ed25519PublicKey],
    *,
    required: bool,
) -> str | None:
    """Check the manifest signature; return the signing key id, or None for an unchecked bundle.

    Raises:
        BundleError: the signature is missing but required, or matches no trusted key.
    """
    keys = list(trusted)
    if signature is None:
        if required:
            raise BundleError("This catalog bundle is not signed, and a signature is required.")
        return None
    if not keys:
        if required:
            raise BundleError("A signature is required but no publisher keys are trusted yet.")
        return None
    for key in keys:
        try:
            key.verify(signature, manifest_bytes)
        except InvalidSignature:
            continue
        return key_id(key)
    raise BundleError(
        "The catalog bundle's signature does not match any trusted publisher key; "
        "it was altered or signed by someone else."
    )
