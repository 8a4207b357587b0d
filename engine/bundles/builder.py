"""Publisher side: turn product feeds into a deterministic, optionally signed catalog bundle.

The feeds (one catalog, possibly in shards) are imported with the real
:class:`~engine.catalog.Catalog` writer (so the bundle holds exactly what a local import would
produce, vectors included), reading and embedding in this process or on Ray
(:mod:`engine.bundles.ray_pipeline`), then exported in a byte-stable form: the database is
copied with ``VACUUM INTO`` and its two time-dependent fields are pinned to the bundle's
``created`` date, and the HNSW index is rebuilt single-threaded (hnswlib's parallel insertion
order, and so its graph, varies run to run) — or, for a compact bundle, the vectors are stored
as int8 and no index is shipped (:mod:`engine.bundles.int8_vectors`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from engine import vector_index
from engine.bundles import int8_vectors, ray_pipeline, signing
from engine.bundles.archive import date_to_epoch, file_entry, members, write_archive
from engine.bundles.manifest import (
    COMPACT_FILES,
    OPTIONAL_FILES,
    REQUIRED_FILES,
    VECTOR_FORMATS,
    Manifest,
    bundle_generation,
)
from engine.bundles.ray_pipeline import RayOptions
from engine.bundles.thumbnails import ThumbnailReport, make_thumbnails
from engine.catalog import Catalog, CatalogInfo, EmbedPassages, embed_here
from engine.catalog import store as catalog_store
from engine.catalog.importer import read_products
from engine.errors import BundleError
from engine.importers import read_feed
from engine.messages import Message
from engine.progress import NEVER_CANCELLED, CancelToken, ProgressCallback, no_progress
from engine.records import ImportReport, Product, SkippedRow

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
    feeds: Sequence[Path | str] | Path | str,
    name: str,
    version: str,
    out: Path | str,
    *,
    sign_key: Path | str | None = None,
    created: str | None = None,
    format: str = "auto",
    mapping: dict[str, str] | None = None,
    images: bool = True,
    vectors: str = "float32",
    ray: RayOptions | None = None,
    progress: ProgressCallback = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> BuildResult:
    """Import ``feeds`` (one catalog, in order) and write it as a bundle to ``out``; the same
    inputs give the same bytes.

    Args:
        created: ``YYYY-MM-DD`` recorded in the bundle; default ``$SOURCE_DATE_EPOCH``, else the
            newest feed file's modification date (never the wall clock, which would change the
            bytes).
        images: fetch each product's image link and put a thumbnail of it in the bundle
            (images that cannot be fetched or are unsafe are skipped and reported).
        vectors: ``float32`` (format 1: vectors and HNSW index shipped) or ``int8`` (format 2:
            int8 vectors, 4x smaller, the index built on install).
        ray: read and embed on Ray (a local Ray or a cluster) instead of in this process; the
            bundle is the same catalog.

    Raises:
        FeedError: a feed cannot be read.
        BundleError: no products, a bad ``created`` date, an unusable signing key, or Ray
            cannot start.
        Cancelled: the user cancelled (nothing is written).
    """
    paths = [Path(f) for f in ([feeds] if isinstance(feeds, (str, Path)) else feeds)]
    out = Path(out)
    if vectors not in VECTOR_FORMATS:
        raise BundleError("Unknown vector format {vectors!r}; use one of: {formats}.",
                          vectors=vectors, formats=", ".join(VECTOR_FORMATS))
    created = normalise_date(created) if created else default_created(paths)
    key = signing.load_private_key(sign_key) if sign_key else None
    with tempfile.TemporaryDirectory(prefix="aisle-bundle-") as tmp:
        work, stage = Path(tmp) / "work", Path(tmp) / "stage"
        report, info, links = _import(paths, work, name, version, created,
                                      _Reading(format, mapping, ray), progress, cancel)
        stage.mkdir()
        thumbs = ThumbnailReport()
        if images and links:
            thumbs = make_thumbnails(links, stage / catalog_store.THUMBNAILS_NAME,
                                     progress=progress, cancel=cancel)
        progress(0, 0, Message("Writing bundle"))
        manifest = _stage(work, stage, info, name, version, created, vectors)
        cancel.check()
        out.parent.mkdir(parents=True, exist_ok=True)
        write_archive(out, members(manifest, stage, key), date_to_epoch(created))
    signer = signing.key_id(key.public_key()) if key else None
    entry = file_entry(out)
    log.info("built %s: %d products, %d bytes", out, info.product_count, entry.size)
    return BuildResult(out, manifest, report, entry.size, entry.sha256, signer, thumbs)


@dataclass(frozen=True)
class _Reading:
    """How the feeds are read, and where (this process, or Ray)."""

    format: str
    mapping: dict[str, str] | None
    ray: RayOptions | None


def _stage(work: Path, stage: Path, info: CatalogInfo, name: str, version: str,
           created: str, vectors: str) -> Manifest:
    """The bundle's files, exported from the imported catalog into ``stage`` (which may hold
    the thumbnails already), and their manifest."""
    db_path = stage / catalog_store.DB_NAME
    export_database(work / catalog_store.DB_NAME, db_path, created,
                    generation=bundle_generation(name, version))
    if vectors == "int8":
        int8_vectors.compact_database(db_path, info.dim)
        names = [*COMPACT_FILES, *OPTIONAL_FILES]
    else:
        export_index(stage, info.embedder_id, info.dim, bundle_generation(name, version))
        names = [*REQUIRED_FILES, *OPTIONAL_FILES]
    return Manifest(name, version, created, info.product_count, info.embedder_id, info.dim,
                    tuple(file_entry(stage / n) for n in names if (stage / n).exists()),
                    format_version=2 if vectors == "int8" else 1, vectors=vectors)


def _import(feeds: Sequence[Path], work: Path, name: str, version: str, created: str,
            reading: _Reading, progress: ProgressCallback,
            cancel: CancelToken) -> tuple[ImportReport, CatalogInfo, list[tuple[str, str]]]:
    """The imported catalog's report and info, and its products' (id, image link) pairs."""
    formats = [read_feed(f, format=reading.format, mapping=reading.mapping).format
               for f in feeds]  # every feed is checked before any work starts
    report = ImportReport(format=",".join(dict.fromkeys(formats)))
    started = time.perf_counter()
    catalog = Catalog.open(work)
    try:
        with _engine(reading.ray) as ray:
            products, embed = _read(feeds, reading, ray, report, progress, cancel)
            catalog.apply_products(unique(products, report), report, progress=progress,
                                   cancel=cancel, embed=embed)
        catalog.set_info(name=name, version=version, snapshot_date=created)
        info, links = catalog.info(), catalog.image_links()
    finally:
        catalog.close()
    report.seconds = time.perf_counter() - started
    if info.product_count == 0:
        raise BundleError("{feed} has no products that could be imported; nothing to publish.",
                          feed=", ".join(str(f) for f in feeds))
    return report, info, links


def _engine(options: RayOptions | None) -> AbstractContextManager[Any]:
    """Ray for the build's reading and embedding, or None (this process does both)."""
    return ray_pipeline.session(options) if options is not None else nullcontext(None)


def _read(feeds: Sequence[Path], reading: _Reading, ray: Any, report: ImportReport,
          progress: ProgressCallback, cancel: CancelToken) -> tuple[list[Product], EmbedPassages]:
    """The feeds' products, and how their texts are to be embedded."""
    if ray is not None and reading.ray is not None:
        read = ray_pipeline.read_feeds(ray, feeds, reading.format, reading.mapping, report,
                                       progress, cancel)
        return read, ray_pipeline.embed_on(ray, reading.ray.workers)
    products: list[Product] = []
    for feed in feeds:
        products += read_products(read_feed(feed, format=reading.format,
                                            mapping=reading.mapping), report, progress, cancel)
    return products, embed_here


def unique(products: Sequence[Product], report: ImportReport) -> list[Product]:
    """The products, a later one with an id seen in an earlier feed skipped (each feed's
    reader skips its own duplicates)."""
    seen: set[str] = set()
    kept: list[Product] = []
    for product in products:
        if product.id in seen:
            report.skip(SkippedRow(0, Message("duplicate id"),
                                   Message("id {product_id!r} appeared earlier",
                                           product_id=product.id)))
            continue
        seen.add(product.id)
        kept.append(product)
    return kept


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


def normalise_date(text: str) -> str:
    """Accept ``YYYY-MM-DD`` (or an ISO timestamp) and return ``YYYY-MM-DD``."""
    try:
        return datetime.fromisoformat(text.strip()).date().isoformat()
    except ValueError as err:
        raise BundleError("'{text}' is not a date; use YYYY-MM-DD.", text=text) from err


def default_created(feeds: Sequence[Path]) -> str:
    """``$SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else the newest feed's
    modification date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = (int(epoch) if epoch and epoch.isdigit()
               else int(max(f.stat().st_mtime for f in feeds)))
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
