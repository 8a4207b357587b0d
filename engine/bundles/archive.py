"""Writing deterministic bundle archives, and reading untrusted ones safely.

The archive is a gzip-compressed ustar file: ``manifest.json`` first, ``manifest.sig`` second
(optional), then the data files in manifest order. Reading is one sequential pass that never
calls ``extract``: each member is checked (regular file, safe flat name, listed in the manifest,
exactly the manifest's size) before a byte of it is written, and hashed while it is copied.
"""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import os
import tarfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from engine.bundles import signing
from engine.bundles.manifest import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    FileEntry,
    Manifest,
    is_safe_name,
    parse_manifest,
)
from engine.errors import BundleError
from engine.messages import Message
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"
MAX_SIGNATURE_BYTES = 1024
MAX_TRAILER_BYTES = 1 << 20  # tar end-of-archive padding is at most one 10 KiB record


@dataclass(frozen=True)
class Limits:
    """Hard caps applied to untrusted bundles, whatever their manifest claims."""

    max_unpacked_bytes: int = 16 << 30
    max_manifest_bytes: int = 1 << 20
    max_files: int = 16


DEFAULT_LIMITS = Limits()


class FileOpener(Protocol):
    """Opens a new file for writing during unpack; the extension point for other storage."""

    def __call__(self, path: Path) -> BinaryIO: ...


def open_new_file(path: Path) -> BinaryIO:
    """Default opener: exclusive create, so an unpack never overwrites an existing file."""
    return open(path, "xb")


@dataclass(frozen=True)
class Unpacked:
    manifest: Manifest
    manifest_bytes: bytes
    signer: str | None


def write_archive(out: Path, members: Sequence[tuple[str, bytes | Path]], mtime: int) -> None:
    """Write a byte-for-byte reproducible tar.gz (fixed metadata, gzip mtime 0) atomically."""
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            with tarfile.open(fileobj=gz, mode="w", format=tarfile.USTAR_FORMAT) as tar:
                for name, content in members:
                    data = content if isinstance(content, bytes) else content.read_bytes()
                    tar.addfile(_tar_info(name, len(data), mtime), io.BytesIO(data))
    os.replace(tmp, out)


def members(manifest: Manifest, stage: Path,
            key: Ed25519PrivateKey | None) -> list[tuple[str, bytes | Path]]:
    """The archive's members in order: the manifest (and its signature) first, then the files."""
    raw = manifest.to_bytes()
    members: list[tuple[str, bytes | Path]] = [(MANIFEST_NAME, raw)]
    if key:
        members.append((SIGNATURE_NAME, signing.sign(raw, key)))
    return members + [(f.path, stage / f.path) for f in manifest.files]


def file_entry(path: Path) -> FileEntry:
    """The manifest entry of a file about to be archived: its name, size and sha256."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return FileEntry(path.name, path.stat().st_size, digest.hexdigest())


def date_to_epoch(day: str) -> int:
    """Midnight UTC of ``day``: the fixed mtime of every archive member."""
    parsed = date.fromisoformat(day)
    return int(datetime(parsed.year, parsed.month, parsed.day, tzinfo=UTC).timestamp())


def _tar_info(name: str, size: int, mtime: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o644
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.type = tarfile.REGTYPE
    return info


def looks_like_bundle(head: bytes) -> bool:
    return head.startswith(GZIP_MAGIC)


def unpack_verified(
    archive: Path,
    dest: Path,
    *,
    trusted: Iterable[Ed25519PublicKey] = (),
    require_signature: bool = False,
    limits: Limits = Limits(),
    opener: FileOpener = open_new_file,
    accept: Callable[[Manifest], None] = lambda manifest: None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> Unpacked:
    """Verify the bundle at ``archive`` while unpacking its files into the empty dir ``dest``.

    ``accept`` sees the parsed manifest before any data file is written and may raise to refuse it.

    Raises:
        BundleError: damaged, truncated, hostile, too new, badly signed, or the disk is full.
        Cancelled: the user cancelled (``dest`` may hold partial files; the caller removes it).
    """
    with open(archive, "rb") as raw:
        if not looks_like_bundle(raw.read(2)):
            raise BundleError("{name} is not an Aisle catalog bundle (not a .tar.gz file).",
                              name=archive.name)
        raw.seek(0)
        try:
            with gzip.GzipFile(fileobj=raw, mode="rb") as gz, \
                    tarfile.open(fileobj=gz, mode="r|") as tar:
                reader = _Reader(tar, dest, list(trusted), require_signature, limits, opener,
                                 accept)
                result = reader.run(progress, cancel)
                if len(gz.read(MAX_TRAILER_BYTES + 1)) > MAX_TRAILER_BYTES:
                    raise BundleError("The catalog bundle has unexpected data after its last file.")
        except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as err:
            raise BundleError("The catalog bundle is damaged or incomplete ({reason}). "
                              "Download it again.", reason=str(err)) from err
    return result


class _Reader:
    """One sequential pass over the tar stream, enforcing the manifest as it goes."""

    def __init__(self, tar: tarfile.TarFile, dest: Path, trusted: list[Ed25519PublicKey],
                 require_signature: bool, limits: Limits, opener: FileOpener,
                 accept: Callable[[Manifest], None]) -> None:
        self.tar, self.dest, self.trusted, self.accept = tar, dest, trusted, accept
        self.require_signature, self.limits, self.opener = require_signature, limits, opener
        self.written: set[str] = set()
        self.done = 0

    def run(self, progress: ProgressCallback, cancel: CancelToken) -> Unpacked:
        members = iter(self.tar)
        first = next(members, None)
        if first is None or first.name != MANIFEST_NAME:
            raise BundleError("The catalog bundle does not start with a manifest; it is damaged.")
        raw = self._read_small(first, self.limits.max_manifest_bytes)
        manifest = self._check_manifest(parse_manifest(raw))
        signature: bytes | None = None
        signer: str | None = None
        verified = False
        for member in members:
            cancel.check()
            if member.name == SIGNATURE_NAME and not verified and signature is None:
                signature = self._read_small(member, MAX_SIGNATURE_BYTES)
                continue
            if not verified:
                signer, verified = self._verify(raw, signature, manifest), True
            self._copy(member, manifest, progress, cancel)
        if not verified:
            signer = self._verify(raw, signature, manifest)
        missing = [f.path for f in manifest.files if f.path not in self.written]
        if missing:
            raise BundleError("The catalog bundle is incomplete (missing {names}).",
                              names=", ".join(missing))
        return Unpacked(manifest, raw, signer)

    def _verify(self, raw: bytes, signature: bytes | None, manifest: Manifest) -> str | None:
        """Check the signature, then let the caller refuse the manifest, before writing data."""
        signer = signing.verify(raw, signature, self.trusted, required=self.require_signature)
        self.accept(manifest)
        return signer

    def _check_manifest(self, manifest: Manifest) -> Manifest:
        if len(manifest.files) > self.limits.max_files:
            raise BundleError("The catalog bundle lists {count} files; at most {limit} are "
                              "allowed.", count=len(manifest.files), limit=self.limits.max_files)
        if manifest.total_size > self.limits.max_unpacked_bytes:
            raise BundleError(
                "The catalog bundle would unpack to {size:,} bytes, more than the {limit:,} "
                "allowed; refusing it as a possible decompression bomb.",
                size=manifest.total_size, limit=self.limits.max_unpacked_bytes,
            )
        return manifest

    def _read_small(self, member: tarfile.TarInfo, cap: int) -> bytes:
        if not _is_plain_file(member) or member.size > cap:
            raise BundleError("The bundle's {name} is not a small regular file; it is damaged.",
                              name=member.name)
        handle = self.tar.extractfile(member)
        data = handle.read(cap + 1) if handle else b""
        if len(data) != member.size:
            raise BundleError("The bundle's {name} is truncated.", name=member.name)
        return data

    def _check_member(self, member: tarfile.TarInfo, manifest: Manifest) -> FileEntry:
        if not _is_plain_file(member):
            raise BundleError("The catalog bundle contains '{name}', which is not a regular "
                              "file (link, device or folder); refusing a possibly hostile "
                              "bundle.", name=member.name)
        if not is_safe_name(member.name):
            raise BundleError("The catalog bundle contains the unsafe path '{name}'; refusing "
                              "a possibly hostile bundle.", name=member.name)
        entry = manifest.entry(member.name)
        if entry is None or member.name in self.written:
            raise BundleError("The catalog bundle contains '{name}', which its manifest does "
                              "not list (or lists once); the bundle is damaged.",
                              name=member.name)
        if member.size > entry.size:
            raise BundleError("'{name}' in the bundle is larger than its manifest says "
                              "({size:,} > {listed:,} bytes); refusing a possible "
                              "decompression bomb.",
                              name=member.name, size=member.size, listed=entry.size)
        if member.size < entry.size:
            raise BundleError("'{name}' in the bundle is smaller than its manifest says; the "
                              "bundle is damaged.", name=member.name)
        return entry

    def _copy(self, member: tarfile.TarInfo, manifest: Manifest,
              progress: ProgressCallback, cancel: CancelToken) -> None:
        entry = self._check_member(member, manifest)
        source = self.tar.extractfile(member)
        if source is None:
            raise BundleError("The bundle's {name} cannot be read; it is damaged.",
                              name=member.name)
        digest, target, total = hashlib.sha256(), self.dest / member.name, manifest.total_size
        with _writing(self.opener, target, total) as out:
            while chunk := source.read(CHUNK):
                cancel.check()
                digest.update(chunk)
                _write(out, chunk, target, total)
                self.done += len(chunk)
                progress(self.done, total, Message("Verifying and unpacking"))
        if digest.hexdigest() != entry.sha256:
            raise BundleError("Checksum mismatch for '{name}': the bundle is damaged or was "
                              "altered. Download it again.", name=member.name)
        self.written.add(member.name)


def _is_plain_file(member: tarfile.TarInfo) -> bool:
    return member.type in (tarfile.REGTYPE, tarfile.AREGTYPE)


class _writing:
    """Open the target through the opener, turning disk errors into an actionable BundleError."""

    def __init__(self, opener: FileOpener, target: Path, needed: int) -> None:
        self.opener, self.target, self.needed = opener, target, needed

    def __enter__(self) -> BinaryIO:
        try:
            self.out = self.opener(self.target)
        except OSError as err:
            raise _disk_error(err, self.target, self.needed) from err
        return self.out

    def __exit__(self, *exc: object) -> None:
        try:
            self.out.close()
        except OSError as err:
            if exc[0] is None:
                raise _disk_error(err, self.target, self.needed) from err


def _write(out: BinaryIO, chunk: bytes, target: Path, needed: int) -> None:
    try:
        out.write(chunk)
    except OSError as err:
        raise _disk_error(err, target, needed) from err


def _disk_error(err: OSError, target: Path, needed: int) -> BundleError:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return BundleError(
            "Not enough disk space to unpack the catalog (it needs {needed_mb:.1f} MB in "
            "{folder}). Free some space and try again; the installed catalog was not changed.",
            needed_mb=needed / 1e6, folder=target.parent.parent,
        )
    return BundleError("Could not write {path} ({reason}); the installed catalog was not changed.",
                       path=target, reason=err.strerror or str(err))
