"""Publisher side: turn a product feed into a deterministic, optionally signed catalog bundle.

The feed is imported with the real :class:`~engine.catalog.Catalog` (so the bundle holds exactly
what a local import would produce, vectors included), then exported in a byte-stable form:
the database is copied with ``VACUUM INTO`` and its two time-dependent fields are pinned to the
bundle's ``created`` date, and the HNSW index is rebuilt single-threaded (hnswlib's parallel
insertion order, and so its graph, varies run to run).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from engine import vector_index
from engine.bundles import signing
from engine.bundles.archive import write_archive
from engine.bundles.manifest import (
    MANIFEST_NAME,
    OPTIONAL_FILES,
    REQUIRED_FILES,
    SIGNATURE_NAME,
    FileEntry,
    Manifest,
)
from engine.bundles.thumbnails import ThumbnailReport, make_thumbnails
from engine.catalog import Catalog, CatalogInfo
from engine.catalog import store as catalog_store
from engine.errors import BundleError
from engine.messages import Message
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import ImportReport

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class BuildResult:
    path: Path
    manifest: Manifest
    report: ImportReport
    bundle_bytes: int
    sha256: str
    signer: str | None
    thumbnails: ThumbnailReport


def build_bundle(
    feed: Path | str,
    name: str,
    version: str,
    out: Path | str,
    *,
    sign_key: Path | str | None = None,
    created: str | None = None,
    format: str = "auto",
    mapping: dict[str, str] | None = None,
    images: bool = True,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> BuildResult:
    """Import ``feed`` and write it as a bundle to ``out``; same inputs give the same bytes.

    Args:
        created: ``YYYY-MM-DD`` recorded in the bundle; default ``$SOURCE_DATE_EPOCH``, else the
            feed file's modification date (never the wall clock, which would change the bytes).
        images: fetch each product's image link and put a thumbnail of it in the bundle
            (images that cannot be fetched or are unsafe are skipped and reported).

    Raises:
        FeedError: the feed cannot be read.
        BundleError: no products, a bad ``created`` date or an unusable signing key.
        Cancelled: the user cancelled (nothing is written).
    """
    feed, out = Path(feed), Path(out)
    created = normalise_date(created) if created else default_created(feed)
    key = signing.load_private_key(sign_key) if sign_key else None
    with tempfile.TemporaryDirectory(prefix="aisle-bundle-") as tmp:
        work, stage = Path(tmp) / "work", Path(tmp) / "stage"
        report, info, links = _import(feed, work, name, version, created, format, mapping,
                                      progress, cancel)
        stage.mkdir()
        thumbs = ThumbnailReport()
        if images and links:
            thumbs = make_thumbnails(links, stage / catalog_store.THUMBNAILS_NAME,
                                     progress=progress, cancel=cancel)
        progress(0, 0, Message("Writing bundle"))
        manifest = _stage(work, stage, info, name, version, created)
        cancel.check()
        out.parent.mkdir(parents=True, exist_ok=True)
        write_archive(out, _members(manifest, stage, key), date_to_epoch(created))
    signer = signing.key_id(key.public_key()) if key else None
    entry = _entry(out)
    log.info("built %s: %d products, %d bytes", out, info.product_count, entry.size)
    return BuildResult(out, manifest, report, entry.size, entry.sha256, signer, thumbs)



def _stage(work: Path, stage: Path, info: CatalogInfo, name: str, version: str,
           created: str) -> Manifest:
    """The bundle's files, exported from the imported catalog into ``stage`` (which may hold
    the thumbnails already), and their manifest."""
    generation = f"bundle:{name}:{version}"
    export_database(work / catalog_store.DB_NAME, stage / catalog_store.DB_NAME, created,
                    generation=generation)
    export_index(stage, info.embedder_id, info.dim, generation)
    names = [*REQUIRED_FILES, *OPTIONAL_FILES]
    return Manifest(name, version, created, info.product_count, info.embedder_id, info.dim,
                    tuple(_entry(stage / n) for n in names if (stage / n).exists()))


def _members(manifest: Manifest, stage: Path,
             key: Ed25519PrivateKey | None) -> list[tuple[str, bytes | Path]]:
    """The archive's members in order: the manifest (and its signature) first, then the files."""
    raw = manifest.to_bytes()
    members: list[tuple[str, bytes | Path]] = [(MANIFEST_NAME, raw)]
    if key:
        members.append((SIGNATURE_NAME, signing.sign(raw, key)))
    return members + [(f.path, stage / f.path) for f in manifest.files]


def _import(feed: Path, work: Path, name: str, version: str, created: str, format: str,
            mapping: dict[str, str] | None, progress: ProgressCallback,
            cancel: CancelToken) -> tuple[ImportReport, CatalogInfo, list[tuple[str, str]]]:
    """The imported catalog's report and info, and its products' (id, image link) pairs."""
    catalog = Catalog.open(work)
    try:
        report = catalog.import_feed(feed, format=format, mapping=mapping, progress=progress,
                                     cancel=cancel)
        catalog.set_info(name=name, version=version, snapshot_date=created)
        info, links = catalog.info(), catalog.image_links()
    finally:
        catalog.close()
    if info.product_count == 0:
        raise BundleError("{feed} has no products that could be imported; nothing to publish.",
                          feed=feed)
    return report, info, links


def export_database(source: Path, dest: Path, created: str, *, generation: str) -> None:
    """Copy the catalog database into a compact, byte-stable single file (no WAL)."""
    src = sqlite3.connect(source)
    try:
        src.execute("VACUUM INTO ?", (str(dest),))
    finally:
        src.close()
    conn = sqlite3.connect(dest, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("BEGIN")
        conn.execute("UPDATE _migrations SET applied_at = ?", (created,))
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('generation', ?)",
                     (generation,))
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()


def export_index(directory: Path, embedder_id: str, dim: int, generation: str) -> None:
    """Rebuild ``vectors.hnsw`` from the stored vectors in one thread, so its bytes are stable."""
    conn = sqlite3.connect(directory / catalog_store.DB_NAME)
    try:
        labels, vectors = catalog_store.all_vectors(conn, dim)
    finally:
        conn.close()
    index = vector_index.VectorIndex.build(labels, vectors, embedder_id, dim=dim, num_threads=1)
    index.save(directory, generation)


def _entry(path: Path) -> FileEntry:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return FileEntry(path.name, path.stat().st_size, digest.hexdigest())


def normalise_date(text: str) -> str:
    """Accept ``YYYY-MM-DD`` (or an ISO timestamp) and return ``YYYY-MM-DD``."""
    try:
        return datetime.fromisoformat(text.strip()).date().isoformat()
    except ValueError as err:
        raise BundleError("'{text}' is not a date; use YYYY-MM-DD.", text=text) from err


def default_created(feed: Path) -> str:
    """``$SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else the feed's mtime date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(feed.stat().st_mtime)
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()


def date_to_epoch(day: str) -> int:
    """Midnight UTC of ``day``: the fixed mtime of every archive member."""
    parsed = date.fromisoformat(day)
    return int(datetime(parsed.year, parsed.month, parsed.day, tzinfo=UTC).timestamp())
