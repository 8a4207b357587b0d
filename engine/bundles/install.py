"""Client side: fetch a bundle, verify it, stage it in a new slot and swap it in atomically.

Until :meth:`CatalogLibrary.activate` renames the pointer, the active catalog is never touched;
any failure (hostile archive, disk full, cancel) only removes the staging slot. The previous
slot stays on disk for ``aisle catalog rollback``. ``history.db`` lives outside ``catalogs/``
and is never opened here, so an update keeps the user's history and saved items.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import sqlite3
import time
from collections.abc import Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from engine.bundles import int8_vectors
from engine.bundles.archive import (
    DEFAULT_LIMITS,
    FileOpener,
    Limits,
    open_new_file,
    unpack_verified,
)
from engine.bundles.delta import apply_delta
from engine.bundles.download import DEFAULT_POLICY, DownloadPolicy, download, is_url
from engine.bundles.manifest import Manifest
from engine.catalog import store
from engine.catalog.index_manager import rebuild_stored, update_stored
from engine.catalog_library import CatalogLibrary
from engine.embedders import EMBEDDERS
from engine.errors import BundleError
from engine.messages import Message
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress

log = logging.getLogger(__name__)

DOWNLOADS_DIR = "downloads"


@dataclass(frozen=True)
class InstallResult:
    slot: str
    manifest: Manifest
    signer: str | None
    previous_slot: str | None
    vanished: tuple[str, ...]
    seconds: float


def known_embedders() -> dict[str, int]:
    """Embedding model ids this Aisle can run, with their vector dimension."""
    return {embedder_id: int(cls.dim) for embedder_id, cls in EMBEDDERS.items()}


def install_bundle(
    source: str | Path,
    library: CatalogLibrary,
    *,
    trusted_keys: Iterable[Ed25519PublicKey] = (),
    require_signature: bool = False,
    expected_sha256: str | None = None,
    embedders: Mapping[str, int] | None = None,
    policy: DownloadPolicy = DEFAULT_POLICY,
    limits: Limits = DEFAULT_LIMITS,
    opener: FileOpener = open_new_file,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> InstallResult:
    """Install the bundle at ``source`` (an http(s) URL or a file) as the active catalog.

    Raises:
        DownloadError: the download failed (a partial download is kept and resumed next time).
        BundleError: the bundle is damaged, hostile, unsigned/badly signed when a signature is
            required, too new, made for an unknown embedding model, or the disk filled up.
        Cancelled: the user cancelled.
    In every error case the previously active catalog is still active and unchanged.
    """
    started = time.perf_counter()
    archive, downloaded = _fetch(str(source), library, policy, progress, cancel)
    try:
        _check_archive(archive, expected_sha256, policy.max_bytes)
        slot = _stage(archive, library, trusted_keys, require_signature,
                      embedders if embedders is not None else known_embedders(),
                      limits, opener, progress, cancel)
    finally:
        if downloaded:
            archive.unlink(missing_ok=True)
    previous = library.active_dir()
    library.activate(slot.path)
    vanished = vanished_ids(previous, slot.path)
    log.info("installed %s %s into %s", slot.manifest.name, slot.manifest.version, slot.path.name)
    return InstallResult(slot.path.name, slot.manifest, slot.signer,
                         previous.name if (previous / "catalog.db").exists() else None,
                         tuple(vanished), time.perf_counter() - started)


@dataclass(frozen=True)
class _Staged:
    path: Path
    manifest: Manifest
    signer: str | None


def _fetch(source: str, library: CatalogLibrary, policy: DownloadPolicy,
           progress: ProgressCallback, cancel: CancelToken) -> tuple[Path, bool]:
    if is_url(source):
        folder = library.root.parent / DOWNLOADS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        dest = folder / f"{hashlib.sha256(source.encode()).hexdigest()[:16]}.tar.gz"
        return download(source, dest, policy=policy, progress=progress, cancel=cancel), True
    path = Path(source)
    if not path.is_file():
        raise BundleError("No catalog bundle at {source} (give a file or an http(s):// address).",
                          source=source)
    return path, False


def _check_archive(archive: Path, expected_sha256: str | None, max_bytes: int) -> None:
    size = archive.stat().st_size
    if size > max_bytes:
        raise BundleError("{name} is {size_mb:,.0f} MB, more than the {limit_mb:,.0f} MB "
                          "allowed for a bundle.",
                          name=archive.name, size_mb=size / 1e6, limit_mb=max_bytes / 1e6)
    if expected_sha256:
        digest = hashlib.sha256()
        with open(archive, "rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != expected_sha256.lower():
            raise BundleError("The downloaded bundle does not match the checksum its publisher "
                              "listed; it is damaged or was altered. Try again.")


def _stage(archive: Path, library: CatalogLibrary, trusted: Iterable[Ed25519PublicKey],
           require_signature: bool, embedders: Mapping[str, int], limits: Limits,
           opener: FileOpener, progress: ProgressCallback, cancel: CancelToken) -> _Staged:
    """Unpack into a fresh slot and check it is a loadable catalog; remove the slot on failure."""
    slot = library.new_slot("bundle")
    try:
        unpacked = unpack_verified(
            archive, slot, trusted=trusted, require_signature=require_signature, limits=limits,
            opener=opener, accept=lambda m: check_embedder(m, embedders),
            progress=progress, cancel=cancel,
        )
        finish(slot, unpacked.manifest, library.active_dir(), progress, cancel)
        check_unpacked(slot, unpacked.manifest)
    except BaseException:
        shutil.rmtree(slot, ignore_errors=True)
        raise
    return _Staged(slot, unpacked.manifest, unpacked.signer)


def finish(slot: Path, manifest: Manifest, active: Path, progress: ProgressCallback,
           cancel: CancelToken) -> None:
    """Make the unpacked files a whole catalog: a delta applied to a copy of the active catalog
    (its index updated in place where it can be), or compact vectors restored to float32; the
    HNSW index is built here when not updated."""
    if manifest.base is None and manifest.vectors != "int8":
        return  # a full float32 bundle ships its index
    if manifest.base is not None:
        changes = apply_delta(slot, active, manifest, progress, cancel)
        cancel.check()
        if update_stored(slot, active, manifest.embedder_id, manifest.dim,
                         base_generation=changes.base_generation, base_count=changes.base_count,
                         removed=changes.removed, updated=changes.updated):
            return
    else:
        int8_vectors.expand_database(slot / store.DB_NAME, manifest.dim)
    cancel.check()
    progress(0, 0, Message("Building the search index"))
    rebuild_stored(slot, manifest.embedder_id, manifest.dim)


def check_embedder(manifest: Manifest, embedders: Mapping[str, int]) -> None:
    """Refuse vectors this Aisle cannot query (another model, or another dimension)."""
    dim = embedders.get(manifest.embedder_id)
    if dim is None:
        raise _unknown_embedder(manifest.embedder_id, sorted(embedders))
    if dim != manifest.dim:
        raise BundleError(
            "This catalog's vectors have {dim} dimensions but Aisle's '{model}' model makes "
            "{model_dim}; the bundle was built with another variant of the model. Ask the "
            "publisher for a bundle for this version of Aisle.",
            dim=manifest.dim, model=manifest.embedder_id, model_dim=dim,
        )


def _unknown_embedder(model: str, known: list[str]) -> BundleError:
    """The error for a bundle made with a model this Aisle lacks, naming the ones it has."""
    if not known:
        return BundleError(
            "This catalog was built with the embedding model '{model}', which this version of "
            "Aisle does not have (it has: none). Update Aisle, or ask the publisher for a bundle "
            "made with one of those models.", model=model,
        )
    return BundleError(
        "This catalog was built with the embedding model '{model}', which this version of Aisle "
        "does not have (it has: {models}). Update Aisle, or ask the publisher for a bundle made "
        "with one of those models.", model=model, models=", ".join(known),
    )


def check_unpacked(slot: Path, manifest: Manifest) -> None:
    """The unpacked files agree with the manifest: product count, embedder and index size."""
    try:
        index = json.loads((slot / "vectors.json").read_text(encoding="utf-8"))
        with _readonly(slot / "catalog.db") as conn:
            count = conn.execute("SELECT count(*) FROM products").fetchone()[0]
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except (OSError, ValueError, sqlite3.Error) as err:
        raise BundleError("The bundle's catalog cannot be opened ({reason}); it is damaged.",
                          reason=str(err)) from err
    if count != manifest.product_count or meta.get("embedder") != manifest.embedder_id:
        raise BundleError("The bundle's catalog does not match its manifest; it is damaged.")
    if index.get("embedder") != manifest.embedder_id or index.get("dim") != manifest.dim:
        raise BundleError("The bundle's search index does not match its manifest; it is damaged.")


def _readonly(path: Path) -> closing[sqlite3.Connection]:
    return closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True))


def vanished_ids(old_dir: Path | str, new_dir: Path | str) -> list[str]:
    """Product ids in the old catalog that the new one no longer has, sorted.

    The GUI marks saved items and history entries with these ids "no longer in the catalog"
    instead of dropping them. A missing old catalog means nothing vanished.
    """
    old_db, new_db = Path(old_dir) / "catalog.db", Path(new_dir) / "catalog.db"
    if not old_db.exists():
        return []
    try:
        with _readonly(old_db) as old, _readonly(new_db) as new:
            before = {r[0] for r in old.execute("SELECT id FROM products")}
            after = {r[0] for r in new.execute("SELECT id FROM products")}
    except sqlite3.Error as err:
        raise BundleError("Cannot compare catalogs ({reason}).", reason=str(err)) from err
    return sorted(before - after)
